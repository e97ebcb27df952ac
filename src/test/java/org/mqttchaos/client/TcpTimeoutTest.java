package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttchaos.client.ConnectionEvent.Closed;

/**
 * A broker that stopped answering (mosquitto under SIGSTOP): its listen queue is full, the kernel drops our SYNs,
 * and the TCP connect hangs. The connect timeout ends each such attempt once, as a TCP timeout, and the loop's timers
 * keep working for the attempts after it: closing the dialing channel fails its connect at once, and that failure
 * must find the attempt already ended, not end it a second time (which threw from the timer wheel and stopped every
 * timer of the loop, so later attempts hung until the run's end).
 */
class TcpTimeoutTest {
  private static final Loops LOOPS = new Loops();

  @AfterAll
  static void stop() throws Exception {
    LOOPS.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void everyAttemptToAFullListenQueueTimesOutOnceAsATcpTimeout(String loops) throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    List<Socket> fillers = new ArrayList<>();
    try (ServerSocket stopped = new ServerSocket(0, 1, loopback)) { // never accepts
      InetSocketAddress address = new InetSocketAddress(loopback, stopped.getLocalPort());
      fillQueue(address, fillers);
      ClientTransport transport = new ClientTransport(
          TransportSettings.of(address, MqttVersion.V3_1_1, Duration.ofMillis(300)));
      RecordingListener events = new RecordingListener();
      MqttConnection c = transport.newConnection(LOOPS.next(loops), events);
      for (int attempt = 1; attempt <= 3; attempt++) {
        ConnectResult result = c.connect(EmbeddedConnection.options("t1", true, 30)).get(5, TimeUnit.SECONDS);
        assertFalse(result.connected());
        List<Closed> closes = events.ofType(Closed.class);
        assertEquals(attempt, closes.size(), "one Closed per attempt");
        assertEquals(ConnectFailure.TCP_TIMEOUT, closes.get(attempt - 1).failure());
        assertEquals(attempt, events.ofType(ConnectionEvent.TcpConnectFailed.class).size(),
            "one TcpConnectFailed per attempt");
        assertEquals(ConnectionState.DISCONNECTED, c.state());
      }
    } finally {
      for (Socket s : fillers) {
        s.close();
      }
    }
  }

  /** Connects until one connect times out: the listen queue is full and SYNs are dropped from then on. */
  private static void fillQueue(InetSocketAddress address, List<Socket> fillers) throws IOException {
    for (int i = 0; i < 64; i++) {
      Socket s = new Socket();
      fillers.add(s);
      try {
        s.connect(address, 200);
      } catch (SocketTimeoutException e) {
        return;
      }
    }
    throw new IllegalStateException("the listen queue never filled");
  }
}
