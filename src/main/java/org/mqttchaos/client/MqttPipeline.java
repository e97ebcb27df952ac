package org.mqttchaos.client;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;

/** The one place that builds a client channel's pipeline, so sockets and EmbeddedChannel tests run the same one. */
final class MqttPipeline {
  /**
   * Largest packet we accept, in bytes of remaining length; a bigger one is a decode failure, which closes the
   * connection as a {@link CloseCause#PROTOCOL_ERROR} before its body is read (a broker that announces 256 MB costs
   * no memory).
   */
  static final int MAX_PACKET_BYTES = 1 << 20;

  private MqttPipeline() {}

  static void install(ChannelPipeline pipeline, ChannelHandler connectionHandler) {
    // The encoder is a stateless singleton; the decoder keeps per-channel state, so one each.
    pipeline.addLast("mqttEncoder", MqttEncoder.INSTANCE);
    pipeline.addLast("mqttDecoder", new MqttDecoder(MAX_PACKET_BYTES));
    pipeline.addLast("mqttConnection", connectionHandler);
  }
}
