package org.mqttchaos.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Test fixture: an {@link MqttConnection} whose "socket" is an EmbeddedChannel with the real MQTT pipeline,
 * with frozen time moved by the test. {@code dialResult} decides how the TCP connect ends. A reconnect after the
 * channel closed dials a fresh EmbeddedChannel, which becomes {@link #channel}; timers stay on the first one's loop.
 */
final class EmbeddedConnection {
  static final String TARGET = "127.0.0.1:1883";

  /** The current attempt's channel: the first one until a reconnect dials another. */
  EmbeddedChannel channel = new EmbeddedChannel();
  private final EmbeddedChannel first = channel;
  private int dials;
  final RecordingListener events = new RecordingListener();
  final MqttConnection connection;
  private final MqttVersion version;

  EmbeddedConnection(MqttVersion version) {
    this(version, ch -> ch.newSucceededFuture());
  }

  EmbeddedConnection(MqttVersion version, Function<EmbeddedChannel, ChannelFuture> dialResult) {
    this.version = version;
    channel.freezeTime();
    Dialer dialer = new Dialer() {
      @Override
      public ChannelFuture dial(EventLoop loop, ChannelHandler handler, String clientId, int resumptionKey) {
        if (dials++ > 0) { // a reconnect
          channel = new EmbeddedChannel();
          channel.freezeTime();
        }
        MqttPipeline.install(channel.pipeline(), handler);
        return dialResult.apply(channel);
      }

      @Override
      public Duration connectTimeout() {
        return Duration.ofSeconds(10);
      }

      @Override
      public String target() {
        return TARGET;
      }
    };
    connection = new MqttConnection(channel.eventLoop(), dialer, version, events);
  }

  static ConnectOptions options(String clientId, boolean clean, int keepAlive) {
    return new ConnectOptions(clientId, clean, keepAlive, null, null, null, 0);
  }

  /** Connects and answers with an accepting CONNACK; the CONNECT bytes are drained. */
  CompletableFuture<ConnectResult> connectAccepted(ConnectOptions options) {
    CompletableFuture<ConnectResult> result = connection.connect(options);
    outbound();
    // CONNACK: type 2 (0x20), remaining length 2 (3 for MQTT 5), flags 0 (no session), return code 0
    // (MQTT 5 adds a properties length 0)
    inbound(version == MqttVersion.V5 ? new int[] {0x20, 0x03, 0x00, 0x00, 0x00} : new int[] {0x20, 0x02, 0x00, 0x00});
    return result;
  }

  /**
   * Connects and answers with an accepting CONNACK of 3.1.1 with {@code sessionPresent}; the CONNECT bytes are
   * drained, what the connection writes after the CONNACK is not.
   */
  CompletableFuture<ConnectResult> connectAccepted(ConnectOptions options, boolean sessionPresent) {
    CompletableFuture<ConnectResult> result = connection.connect(options);
    outbound();
    inbound(version == MqttVersion.V5 ? new int[] {0x20, 0x03, sessionPresent ? 1 : 0, 0x00, 0x00}
        : new int[] {0x20, 0x02, sessionPresent ? 1 : 0, 0x00});
    return result;
  }

  /** The broker closes the current channel; the attempt ends. */
  void brokerCloses() {
    channel.close();
    channel.runPendingTasks();
  }

  void inbound(int... bytes) {
    channel.writeInbound(Unpooled.wrappedBuffer(bytes(bytes)));
    channel.runPendingTasks();
  }

  /** Everything written since the last call, as one byte array. */
  byte[] outbound() {
    channel.runPendingTasks();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
      out.writeBytes(ByteBufUtil.getBytes(b));
      b.release();
    }
    return out.toByteArray();
  }

  void advanceSeconds(long seconds) {
    first.advanceTimeBy(seconds, java.util.concurrent.TimeUnit.SECONDS);
    first.runScheduledPendingTasks();
    if (channel != first) {
      channel.advanceTimeBy(seconds, java.util.concurrent.TimeUnit.SECONDS);
      channel.runScheduledPendingTasks();
    }
    channel.runPendingTasks();
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }
}
