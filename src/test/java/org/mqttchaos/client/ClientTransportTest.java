package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The channel class follows the event loop; settings reject what would fail later. */
class ClientTransportTest {
  private static final Loops LOOPS = new Loops();

  @AfterAll
  static void stop() throws Exception {
    LOOPS.close();
  }

  @Test
  void nioLoopGetsNioChannel() {
    var channel = ClientTransport.channelFactoryFor(LOOPS.next("nio")).newChannel();
    channel.unsafe().closeForcibly();
    assertTrue(channel instanceof NioSocketChannel);
    assertTrue(!ClientTransport.isEpoll(LOOPS.next("nio")));
  }

  @Test
  void epollLoopGetsEpollChannel() {
    var loop = LOOPS.next("epoll");
    assertTrue(ClientTransport.isEpoll(loop));
    var channel = ClientTransport.channelFactoryFor(loop).newChannel();
    channel.unsafe().closeForcibly();
    assertTrue(channel instanceof EpollSocketChannel);
  }

  @Test
  void epollSocketsFromASourceAddressLeaveThePortToConnect() throws Exception {
    try (java.net.ServerSocket broker = new java.net.ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      ClientTransport transport = new ClientTransport(new TransportSettings(
          new InetSocketAddress(InetAddress.getByName("127.0.0.1"), broker.getLocalPort()),
          java.util.List.of(InetAddress.getByName("127.0.0.2")), MqttVersion.V3_1_1, Duration.ofSeconds(5)));
      var channel = transport.dial(LOOPS.next("epoll"), new io.netty.channel.ChannelInboundHandlerAdapter(), "c", -1)
          .sync().channel();
      try {
        assertTrue(channel instanceof EpollSocketChannel);
        // without IP_BIND_ADDRESS_NO_PORT, bind() picks the port alone and churn runs out of them
        assertEquals(Boolean.TRUE, channel.config().getOption(io.netty.channel.epoll.EpollChannelOption.IP_BIND_ADDRESS_NO_PORT));
        assertEquals("127.0.0.2", ((InetSocketAddress) channel.localAddress()).getAddress().getHostAddress());
      } finally {
        channel.close().sync();
      }
    }
  }

  @Test
  void otherLoopsAreRejectedAtSetUp() {
    ClientTransport transport = new ClientTransport(TransportSettings.of(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 1883), MqttVersion.V3_1_1, Duration.ofSeconds(1)));
    DefaultEventLoop plain = new DefaultEventLoop();
    try {
      var e = assertThrows(IllegalArgumentException.class,
          () -> transport.newConnection(plain, ConnectionListener.NONE));
      assertTrue(e.getMessage().contains("need an epoll or NIO"), e.getMessage());
    } finally {
      plain.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void unresolvedBrokerIsRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> TransportSettings.of(
        InetSocketAddress.createUnresolved("broker.invalid", 1883), MqttVersion.V3_1_1, Duration.ofSeconds(1)));
    assertEquals("broker address broker.invalid/<unresolved>:1883 is not resolved", e.getMessage());
  }
}
