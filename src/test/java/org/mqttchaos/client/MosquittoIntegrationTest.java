package org.mqttchaos.client;

import org.mqttchaos.client.ConnectionEvent.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttchaos.testsupport.MosquittoBroker;

/** The session promises checked against a real mosquitto, on NIO and on epoll loops. */
class MosquittoIntegrationTest {
  private static final long WAIT_S = 10;
  private static final AtomicInteger IDS = new AtomicInteger();
  private static MosquittoBroker broker;
  private static Loops loops;

  @BeforeAll
  static void start() {
    broker = MosquittoBroker.start();
    loops = new Loops();
  }

  @AfterAll
  static void stop() throws Exception {
    loops.close();
    broker.close();
  }

  /** One client: its connection and everything it reported. */
  record Client(MqttConnection connection, RecordingListener events) {
    ConnectResult connect(ConnectOptions options) throws Exception {
      return connection.connect(options).get(WAIT_S, TimeUnit.SECONDS);
    }

    Closed awaitClosed() throws Exception {
      return connection.closed().get(WAIT_S, TimeUnit.SECONDS);
    }

    CompletableFuture<PublishReceived> publishOn(String topic) {
      return events.first(e -> e instanceof PublishReceived p && p.topic().equals(topic))
          .thenApply(PublishReceived.class::cast);
    }
  }

  private static Client client(String transport, MqttVersion version) {
    return client(transport, TransportSettings.of(broker.address(), version, Duration.ofSeconds(5)));
  }

  private static Client client(String transport, TransportSettings settings) {
    RecordingListener events = new RecordingListener();
    return new Client(new ClientTransport(settings).newConnection(loops.next(transport), events), events);
  }

  private static String id(String transport, String what) {
    return transport + "-" + what + "-" + IDS.incrementAndGet();
  }

  private static ConnectOptions options(String clientId, boolean clean, int keepAlive, Will will) {
    return new ConnectOptions(clientId, clean, keepAlive, null, null, will, 300);
  }

  private static Client observer(String transport, String topicFilter) throws Exception {
    Client observer = client(transport, MqttVersion.V3_1_1);
    assertTrue(observer.connect(options(id(transport, "observer"), true, 60, null)).connected());
    assertEquals(1, observer.connection.subscribe(topicFilter, 1).get(WAIT_S, TimeUnit.SECONDS));
    return observer;
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void cleanSessionIsNeverPresent(String transport) throws Exception {
    Client c = client(transport, MqttVersion.V3_1_1);
    ConnectResult r = c.connect(options(id(transport, "clean"), true, 60, null));
    assertTrue(r.connected(), r.failure());
    assertFalse(r.sessionPresent());
    assertTrue(r.tcpConnectNanos() > 0 && r.connectNanos() > 0);
    c.connection.disconnect().get(WAIT_S, TimeUnit.SECONDS);
    assertEquals(CloseCause.GRACEFUL_BY_CLIENT, c.awaitClosed().cause());
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void persistentSessionIsPresentOnReconnect(String transport) throws Exception {
    Client c = client(transport, MqttVersion.V3_1_1);
    ConnectOptions persistent = options(id(transport, "persistent"), false, 60, null);
    assertFalse(c.connect(persistent).sessionPresent());
    c.connection.disconnect().get(WAIT_S, TimeUnit.SECONDS);
    ConnectResult again = c.connect(persistent);
    assertTrue(again.connected(), again.failure());
    assertTrue(again.sessionPresent());
    assertEquals(1, c.connection.attempt().number());
    c.connection.disconnect().get(WAIT_S, TimeUnit.SECONDS);
    assertEquals(2, c.events.ofType(Closed.class).size(), "one CLOSED per attempt");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void secondClientWithTheSameIdTakesOver(String transport) throws Exception {
    String shared = id(transport, "shared");
    Client first = client(transport, MqttVersion.V3_1_1);
    Client second = client(transport, MqttVersion.V3_1_1);
    assertTrue(first.connect(options(shared, true, 60, null)).connected());
    assertTrue(second.connect(options(shared, true, 60, null)).connected());
    Closed closed = first.awaitClosed();
    assertEquals(CloseCause.BY_BROKER, closed.cause());
    assertEquals(ConnectionState.CONNECTED, second.connection.state());
    second.connection.disconnect().get(WAIT_S, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void mqtt5TakeoverSendsDisconnect0x8E(String transport) throws Exception {
    String shared = id(transport, "shared5");
    Client first = client(transport, MqttVersion.V5);
    Client second = client(transport, MqttVersion.V5);
    assertTrue(first.connect(options(shared, true, 60, null)).connected());
    assertTrue(second.connect(options(shared, true, 60, null)).connected());
    Closed closed = first.awaitClosed();
    assertEquals(CloseCause.BY_BROKER, closed.cause());
    second.connection.disconnect().get(WAIT_S, TimeUnit.SECONDS);
    List<DisconnectReceived> disconnects = first.events.ofType(DisconnectReceived.class);
    assumeTrue(broker.versionAtLeast(2, 0, 15), "mosquitto " + broker.version()
        + " closes a taken-over v5 client without DISCONNECT 0x8E (sent from 2.0.15 on); events: "
        + first.events.types());
    assertEquals(1, disconnects.size(), "events: " + first.events.types());
    assertEquals(0x8E, disconnects.get(0).reasonCode());
  }

  @ParameterizedTest
  @CsvSource({"nio, FIN", "nio, RST", "epoll, FIN", "epoll, RST"})
  void abruptCloseMakesTheBrokerPublishTheWill(String transport, AbruptMode mode) throws Exception {
    String clientId = id(transport, "dropper");
    String topic = "will/" + clientId;
    Client observer = observer(transport, topic);
    CompletableFuture<PublishReceived> will = observer.publishOn(topic);
    Client dropper = client(transport, MqttVersion.V3_1_1);
    byte[] payload = ("gone " + mode).getBytes(StandardCharsets.UTF_8);
    assertTrue(dropper.connect(options(clientId, true, 60, new Will(topic, payload, 1, false))).connected());
    dropper.connection.closeAbruptly(mode).get(WAIT_S, TimeUnit.SECONDS);
    assertEquals(mode == AbruptMode.RST ? CloseCause.ABRUPT_RST_BY_CLIENT : CloseCause.ABRUPT_FIN_BY_CLIENT,
        dropper.awaitClosed().cause());
    assertArrayEquals(payload, will.get(WAIT_S, TimeUnit.SECONDS).payload());
    observer.connection.disconnect().get(WAIT_S, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void gracefulDisconnectDiscardsTheWill(String transport) throws Exception {
    String prefix = "will/" + id(transport, "graceful");
    Client observer = observer(transport, prefix + "/#");
    CompletableFuture<PublishReceived> firstWill =
        observer.events.first(e -> e instanceof PublishReceived).thenApply(PublishReceived.class::cast);
    Client polite = client(transport, MqttVersion.V3_1_1);
    Will politeWill = new Will(prefix + "/polite", "polite".getBytes(StandardCharsets.UTF_8), 1, false);
    assertTrue(polite.connect(options(id(transport, "polite"), true, 60, politeWill)).connected());
    polite.connection.disconnect().get(WAIT_S, TimeUnit.SECONDS);
    // Proof of absence without sleeping: a second client's will, published after, must be the first one seen.
    Client dropper = client(transport, MqttVersion.V3_1_1);
    Will dropperWill = new Will(prefix + "/dropper", "dropper".getBytes(StandardCharsets.UTF_8), 1, false);
    assertTrue(dropper.connect(options(id(transport, "dropper"), true, 60, dropperWill)).connected());
    dropper.connection.closeAbruptly(AbruptMode.FIN).get(WAIT_S, TimeUnit.SECONDS);
    assertEquals(prefix + "/dropper", firstWill.get(WAIT_S, TimeUnit.SECONDS).topic());
    observer.connection.disconnect().get(WAIT_S, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void silentClientIsCutByTheBroker(String transport) throws Exception {
    Client silent = client(transport, MqttVersion.V3_1_1);
    assertTrue(silent.connect(options(id(transport, "silent"), true, 1, null)).connected());
    silent.connection.goSilent();
    Closed closed = silent.awaitClosed();
    assertEquals(CloseCause.BY_BROKER, closed.cause());
    long detectionNanos = closed.nanoTime() - silent.events.ofType(Silenced.class).get(0).lastSentNanos();
    assertTrue(detectionNanos > 0);
    System.out.printf("%s: keep-alive 1 s, broker cut the silent client %d ms after its last write%n",
        transport, TimeUnit.NANOSECONDS.toMillis(detectionNanos));
    assertEquals(0, silent.events.ofType(PingReqSent.class).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void unreachableBrokerFailsWithTheReason(String transport) throws Exception {
    int closedPort = MosquittoBroker.freePort();
    InetSocketAddress nowhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort);
    Client c = client(transport, TransportSettings.of(nowhere, MqttVersion.V3_1_1, Duration.ofSeconds(5)));
    ConnectResult r = c.connect(options(id(transport, "nowhere"), true, 60, null));
    assertFalse(r.connected());
    assertEquals("TCP connect to 127.0.0.1:" + closedPort + " failed: Connection refused", r.failure());
    Closed closed = c.awaitClosed();
    assertEquals(CloseCause.CONNECT_FAILED, closed.cause());
    assertEquals(1, c.events.ofType(Closed.class).size());
    assertEquals(1, c.events.ofType(TcpConnectFailed.class).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void connectsFromSourceAddressesAndPublishes(String transport) throws Exception {
    TransportSettings settings = new TransportSettings(broker.address(),
        List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3")),
        MqttVersion.V3_1_1, Duration.ofSeconds(5));
    String topic = "data/" + id(transport, "sources");
    Client observer = observer(transport, topic);
    CompletableFuture<PublishReceived> received = observer.publishOn(topic);
    for (int i = 0; i < 2; i++) { // two connections: one from each source address
      Client c = client(transport, settings);
      assertTrue(c.connect(options(id(transport, "src"), true, 60, null)).connected());
      c.connection.publish(topic, new byte[] {(byte) i}, 1, false).get(WAIT_S, TimeUnit.SECONDS);
      c.connection.disconnect().get(WAIT_S, TimeUnit.SECONDS);
    }
    assertArrayEquals(new byte[] {0}, received.get(WAIT_S, TimeUnit.SECONDS).payload());
    observer.connection.disconnect().get(WAIT_S, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @CsvSource({"nio, V3_1_1, 5", "epoll, V5, 135"})
  void refusedConnackClosesWithTheCode(String transport, MqttVersion version, int code) throws Exception {
    // Extra config lines: the later allow_anonymous wins, so anonymous clients are refused as not authorized.
    try (MosquittoBroker strict = MosquittoBroker.start("allow_anonymous false")) {
      RecordingListener events = new RecordingListener();
      MqttConnection c = new ClientTransport(TransportSettings.of(strict.address(), version, Duration.ofSeconds(5)))
          .newConnection(loops.next(transport), events);
      ConnectResult r = c.connect(options(id(transport, "refused"), true, 60, null)).get(WAIT_S, TimeUnit.SECONDS);
      assertFalse(r.connected());
      assertEquals(code, r.returnCode(), r.failure() + " / " + strict.log());
      assertEquals(CloseCause.CONNECT_FAILED, c.closed().get(WAIT_S, TimeUnit.SECONDS).cause());
    }
  }
}
