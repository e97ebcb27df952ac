package org.mqttchaos.client;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;

/** The one place that builds a client channel's pipeline, so sockets and EmbeddedChannel tests run the same one. */
final class MqttPipeline {
  /**
   * Largest packet we accept, in bytes of remaining length; a bigger one is a decode failure, which closes the
   * connection as a {@link CloseCause#PROTOCOL_ERROR} before its body is read (a broker that announces 256 MB costs
   * no memory).
   */
  static final int MAX_PACKET_BYTES = 1 << 20;

  private MqttPipeline() {}

  /**
   * Flushes of a read that wrote are one flush at the read's end, at most this many apart: a subscriber reading a
   * burst of QoS 1 PUBLISHes answers them with one write of all their PUBACKs, not a system call each.
   */
  static final int FLUSHES_PER_READ = 256;

  static void install(ChannelPipeline pipeline, ChannelHandler connectionHandler) {
    // Writes made while a read is in progress (PUBACK, PUBREC, PUBCOMP for what was read) are flushed once when the
    // read completes; a write outside a read (a publish on its timer, CONNECT, PINGREQ) is flushed at once, as before.
    pipeline.addLast("flushes", new FlushConsolidationHandler(FLUSHES_PER_READ, false));
    // The encoder is a stateless singleton; the decoder keeps per-channel state, so one each.
    pipeline.addLast("mqttEncoder", MqttEncoder.INSTANCE);
    pipeline.addLast("mqttDecoder", new MqttDecoder(MAX_PACKET_BYTES));
    pipeline.addLast("mqttConnection", connectionHandler);
  }
}
