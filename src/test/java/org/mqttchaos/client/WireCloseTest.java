package org.mqttchaos.client;

import org.mqttchaos.client.ConnectionEvent.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FIN and RST as the peer sees them on a real socket, both directions: a blocking ServerSocket plays the broker
 * (reads CONNECT, answers CONNACK), so the test can tell an orderly end (read returns -1) from a reset.
 */
class WireCloseTest {
  private static final Loops LOOPS = new Loops();

  @AfterAll
  static void stop() throws Exception {
    LOOPS.close();
  }

  /** A connected client and the broker side of its socket. */
  private record Pair(MqttConnection client, RecordingListener events, Socket peer, InputStream in) {}

  private static Pair connect(ServerSocket server, String transport) throws Exception {
    RecordingListener events = new RecordingListener();
    TransportSettings settings = TransportSettings.of(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), MqttVersion.V3_1_1,
        Duration.ofSeconds(10));
    MqttConnection client = new ClientTransport(settings).newConnection(LOOPS.next(transport), events);
    var result = client.connect(new ConnectOptions("wire", true, 60, null, null, null, 0));
    Socket peer = server.accept();
    peer.setSoTimeout(10_000);
    InputStream in = peer.getInputStream();
    assertEquals(0x10, in.read());          // CONNECT
    in.readNBytes(in.read());               // remaining length fits one byte for this short CONNECT
    peer.getOutputStream().write(new byte[] {0x20, 0x02, 0x00, 0x00}); // CONNACK accepted, no session
    assertTrue(result.get(10, TimeUnit.SECONDS).connected());
    return new Pair(client, events, peer, in);
  }

  private static ServerSocket server() throws Exception {
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    server.setSoTimeout(10_000);
    return server;
  }

  @ParameterizedTest
  @CsvSource({"nio, FIN", "nio, RST", "epoll, FIN", "epoll, RST"})
  void clientAbruptCloseIsSeenByThePeer(String transport, AbruptMode mode) throws Exception {
    try (ServerSocket server = server()) {
      Pair p = connect(server, transport);
      try (Socket peer = p.peer) {
        p.client.closeAbruptly(mode).get(10, TimeUnit.SECONDS);
        if (mode == AbruptMode.FIN) {
          assertEquals(-1, p.in.read(), "orderly end of stream, and no DISCONNECT byte before it");
        } else {
          SocketException e = assertThrows(SocketException.class, p.in::read);
          assertTrue(e.getMessage().toLowerCase().contains("reset"), e.getMessage());
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"nio, FIN", "nio, RST", "epoll, FIN", "epoll, RST"})
  void peerCloseIsAttributedToTheBroker(String transport, AbruptMode mode) throws Exception {
    try (ServerSocket server = server()) {
      Pair p = connect(server, transport);
      if (mode == AbruptMode.RST) {
        p.peer.setSoLinger(true, 0);
      }
      p.peer.close();
      Closed closed = p.client.closed().get(10, TimeUnit.SECONDS);
      assertEquals(CloseCause.BY_BROKER, closed.cause(), closed.detail());
      assertEquals(1, p.events.ofType(Closed.class).size());
    }
  }

  @ParameterizedTest
  @CsvSource({"nio", "epoll"})
  void gracefulDisconnectSendsDisconnectThenFin(String transport) throws Exception {
    try (ServerSocket server = server()) {
      Pair p = connect(server, transport);
      try (Socket peer = p.peer) {
        p.client.disconnect().get(10, TimeUnit.SECONDS);
        assertEquals(0xE0, p.in.read()); // DISCONNECT
        assertEquals(0x00, p.in.read()); // remaining length 0
        assertEquals(-1, p.in.read());   // then FIN
      }
    }
  }
}
