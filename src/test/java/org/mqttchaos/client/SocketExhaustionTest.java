package org.mqttchaos.client;

import org.mqttchaos.client.ConnectionEvent.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When the process runs out of descriptors, Netty's Bootstrap cannot create the socket and hands back a failed
 * future whose channel was never registered, completed on another executor. The attempt must still end with
 * its TCP_CONNECT_FAILED and CLOSED events, so the virtual user goes on.
 */
class SocketExhaustionTest {
  @Test
  void aSocketThatCouldNotBeCreatedEndsTheAttemptWithItsReason() throws Exception {
    MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      EventLoop loop = group.next();
      Dialer dialer = new Dialer() {
        @Override
        public ChannelFuture dial(EventLoop l, ChannelHandler handler, String clientId, int resumptionKey) {
          // what Bootstrap returns when socket() fails: an unregistered channel, failed on the global executor
          return new DefaultChannelPromise(new NioSocketChannel(), GlobalEventExecutor.INSTANCE)
              .setFailure(new ChannelException("Too many open files"));
        }

        @Override
        public Duration connectTimeout() {
          return Duration.ofSeconds(10);
        }

        @Override
        public String target() {
          return "127.0.0.1:1883";
        }
      };
      RecordingListener events = new RecordingListener();
      MqttConnection connection = new MqttConnection(loop, dialer, MqttVersion.V3_1_1, events);

      ConnectResult result = connection.connect(EmbeddedConnection.options("c1", true, 30)).get(10, TimeUnit.SECONDS);

      assertFalse(result.connected());
      assertTrue(result.failure().contains("Too many open files"), result.failure());
      Closed closed = connection.closed().get(10, TimeUnit.SECONDS);
      assertEquals(CloseCause.CONNECT_FAILED, closed.cause());
      assertEquals(List.of(TcpConnectStarted.class, TcpConnectFailed.class, Closed.class), events.types());
      assertEquals(ConnectionState.DISCONNECTED, connection.state());
    } finally {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
    }
  }
}
