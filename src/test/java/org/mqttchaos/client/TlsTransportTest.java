package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttchaos.client.tls.ClientTls;
import org.mqttchaos.client.tls.TlsOptions;
import org.mqttchaos.client.tls.TlsProvider;
import org.mqttchaos.testsupport.MosquittoBroker;
import org.mqttchaos.testsupport.TestCerts;
import org.mqttchaos.testsupport.TlsMosquitto;

/**
 * TLS, mutual TLS with per-device certificates, WebSocket and secure WebSocket against a real mosquitto, with
 * certificates made by the test; every run-time failure comes out as a failed connect that says what to change.
 */
class TlsTransportTest {
  private static final long WAIT_S = 10;
  private static final AtomicInteger IDS = new AtomicInteger();

  @TempDir
  static Path dir;
  private static TlsMosquitto mosquitto;
  private static TestCerts certs;
  private static TestCerts otherCa;
  private static MosquittoBroker broker;
  private static Loops loops;
  private static int tls;
  private static int wrongName;
  private static int expired;
  private static int mutual;
  private static int ws;
  private static int wss;

  @BeforeAll
  static void start() throws Exception {
    mosquitto = new TlsMosquitto(dir);
    ws = MosquittoBroker.freePort();
    wss = MosquittoBroker.freePort();
    List<String> webSockets = new java.util.ArrayList<>(List.of("listener " + ws + " 127.0.0.1",
        "protocol websockets", "listener " + wss + " 127.0.0.1", "protocol websockets"));
    webSockets.addAll(mosquitto.serverTls());
    mosquitto.start(webSockets, ws, wss);
    broker = mosquitto.broker();
    certs = mosquitto.certs();
    otherCa = mosquitto.stranger();
    tls = mosquitto.tls();
    wrongName = mosquitto.wrongName();
    expired = mosquitto.expired();
    mutual = mosquitto.mutual();
    loops = new Loops();
  }

  @AfterAll
  static void stop() throws Exception {
    loops.close();
    mosquitto.close();
  }

  private record Client(MqttConnection connection, RecordingListener events,
      ConcurrentLinkedQueue<TransportTimings> timings) {
    ConnectResult connect(String clientId) throws Exception {
      return connection.connect(new ConnectOptions(clientId, true, 60, null, null, null, 0))
          .get(WAIT_S, TimeUnit.SECONDS);
    }

    void disconnect() throws Exception {
      connection.disconnect().get(WAIT_S, TimeUnit.SECONDS);
    }
  }

  private static Client client(String url, TlsOptions options) {
    BrokerUrl parsed = BrokerUrl.parse(url);
    TransportSettings settings = TransportSettings.of(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), parsed.port()), MqttVersion.V3_1_1, Duration.ofSeconds(5))
        .withTransport(parsed, parsed.tls() ? ClientTls.of(options) : null);
    RecordingListener events = new RecordingListener();
    ConcurrentLinkedQueue<TransportTimings> timings = new ConcurrentLinkedQueue<>();
    MqttConnection c = new ClientTransport(settings, timings::add).newConnection(loops.next("epoll"), events);
    return new Client(c, events, timings);
  }

  private static TlsOptions trusting(TestCerts ca) {
    return TlsOptions.DEFAULTS.withTrust(ca.caFile());
  }

  private static String id(String what) {
    return what + "-" + IDS.incrementAndGet();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "openssl"})
  void tlsConnectsAndResumesOnReconnect(String provider) throws Exception {
    TlsOptions options = trusting(certs).withProvider(TlsProvider.valueOf(provider.toUpperCase()));
    assertEquals(provider, ClientTls.of(options).providerName());
    Client c = client("mqtts://127.0.0.1:" + tls, options);
    String clientId = id("tls-" + provider);
    ConnectResult first = c.connect(clientId);
    assertTrue(first.connected(), first.failure());
    c.disconnect();
    assertTrue(c.connect(clientId).connected());
    c.disconnect();
    List<TransportTimings> t = List.copyOf(c.timings());
    assertEquals(2, t.size());
    for (TransportTimings attempt : t) {
      assertTrue(attempt.ready(), attempt.toString());
      assertEquals("TLSv1.3", attempt.tlsProtocol());
      assertTrue(attempt.tcpConnectNanos() > 0 && attempt.tlsHandshakeNanos() > 0, attempt.toString());
      assertEquals(-1, attempt.wsUpgradeNanos());
      assertEquals(clientId, attempt.clientId());
    }
    assertFalse(t.get(0).tlsResumed(), "the first handshake is a full one");
    assertTrue(t.get(1).tlsResumed(), "the reconnect resumes: " + t.get(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "openssl"})
  void resumptionOffMakesEveryHandshakeFull(String provider) throws Exception {
    TlsOptions base = trusting(certs).withProvider(TlsProvider.valueOf(provider.toUpperCase()));
    TlsOptions options = new TlsOptions(base.caFile(), null, null, null, null, base.protocols(), List.of(), false,
        false, null, null, null, base.provider());
    Client c = client("mqtts://127.0.0.1:" + tls, options);
    String clientId = id("no-resume");
    for (int i = 0; i < 2; i++) {
      assertTrue(c.connect(clientId).connected());
      c.disconnect();
    }
    assertFalse(c.timings().stream().anyMatch(TransportTimings::tlsResumed), c.timings().toString());
  }

  /**
   * Resumption per client: N clients connect one after the other (each first connect a full handshake, none resuming
   * the session of the client before it), then each reconnects once and resumes its own session: exactly N full and
   * N resumed handshakes.
   */
  @ParameterizedTest
  @CsvSource({"jdk, TLSv1.3", "openssl, TLSv1.3", "jdk, TLSv1.2", "openssl, TLSv1.2"})
  void eachClientResumesItsOwnSessionOnly(String provider, String protocol) throws Exception {
    int n = 4;
    TlsOptions options = new TlsOptions(certs.caFile(), null, null, null, null, List.of(protocol), List.of(), false,
        true, null, null, null, TlsProvider.valueOf(provider.toUpperCase()));
    BrokerUrl url = BrokerUrl.parse("mqtts://127.0.0.1:" + tls);
    ConcurrentLinkedQueue<TransportTimings> timings = new ConcurrentLinkedQueue<>();
    ClientTransport transport = new ClientTransport(TransportSettings.of(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), tls), MqttVersion.V3_1_1, Duration.ofSeconds(5))
        .withTransport(url, ClientTls.of(options)), timings::add);
    List<Client> clients = new java.util.ArrayList<>();
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      clients.add(new Client(transport.newConnection(loops.next("epoll"), new RecordingListener()), null, timings));
      ids.add(id("own-session-" + provider + "-" + protocol));
    }
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < n; i++) {
        ConnectResult r = clients.get(i).connect(ids.get(i));
        assertTrue(r.connected(), r.failure());
        clients.get(i).disconnect();
      }
    }
    List<TransportTimings> all = List.copyOf(timings);
    assertEquals(2 * n, all.size());
    assertTrue(all.stream().allMatch(t -> protocol.equals(t.tlsProtocol())), all.toString());
    assertEquals(List.of(false, false, false, false, true, true, true, true),
        all.stream().map(TransportTimings::tlsResumed).toList(), "first connects full, reconnects resumed: " + all);
  }

  @Test
  void tls12WhenAsked() throws Exception {
    TlsOptions base = trusting(certs);
    TlsOptions options = new TlsOptions(base.caFile(), null, null, null, null, List.of("TLSv1.2"), List.of(), false,
        true, null, null, null, TlsProvider.AUTO);
    Client c = client("ssl://127.0.0.1:" + tls, options);
    assertTrue(c.connect(id("tls12")).connected());
    assertEquals("TLSv1.2", c.timings().peek().tlsProtocol());
    c.disconnect();
  }

  @ParameterizedTest
  @CsvSource({
      "untrusted, the broker's certificate is not trusted, TLS_UNTRUSTED",
      "wrongName, the broker's certificate does not name 127.0.0.1, TLS_HOSTNAME",
      "expired, the broker's certificate has expired, TLS_EXPIRED",
      "noClientCert, requires a client certificate, TLS_CLIENT_CERT_REQUIRED",
      "plainPort, the broker closed the connection during the handshake, TLS_CLOSED",
      "webSocketPort, answered with bytes that are not TLS, TLS_NOT_TLS_PORT"})
  void runTimeFailuresSayWhatToChange(String situation, String expected, ConnectFailure reason) throws Exception {
    String url = (situation.equals("webSocketPort") ? "wss://127.0.0.1:" : "mqtts://127.0.0.1:") + switch (situation) {
      case "wrongName" -> wrongName;
      case "expired" -> expired;
      case "noClientCert" -> mutual;
      case "plainPort" -> broker.port();
      case "webSocketPort" -> ws + "/mqtt"; // a plain WebSocket listener: it answers the ClientHello in HTTP
      default -> tls;
    };
    Client c = client(url, trusting(situation.equals("untrusted") ? otherCa : certs));
    ConnectResult r = c.connect(id(situation));
    assertFalse(r.connected());
    assertTrue(r.failure().contains(expected), r.failure());
    ConnectionEvent.Closed closed = c.connection().closed().get(WAIT_S, TimeUnit.SECONDS);
    assertEquals(CloseCause.CONNECT_FAILED, closed.cause());
    assertEquals(reason, closed.failure(), closed.detail());
    TransportTimings t = c.timings().peek();
    assertEquals(TransportStage.TLS, t.failedStage(), t.toString());
  }

  @Test
  void deviceCertificatesMintedFromACaNameEachClient() throws Exception {
    TlsOptions base = trusting(certs);
    TlsOptions options = new TlsOptions(base.caFile(), null, null, null, null, base.protocols(), List.of(), false,
        true, null, certs.caFile(), certs.caKeyFile(), TlsProvider.AUTO);
    String a = id("device");
    String b = id("device");
    ClientTls.of(options).prepareDevices(List.of(a, b));
    for (String clientId : List.of(a, b, a)) {
      Client c = client("mqtts://127.0.0.1:" + mutual, options);
      ConnectResult r = c.connect(clientId);
      assertTrue(r.connected(), r.failure());
      c.disconnect();
    }
    // use_identity_as_username: mosquitto logs the certificate's CN as each client's user name
    String log = broker.log();
    assertTrue(log.contains("as " + a + " ") && log.contains("u'" + a + "'"), log);
    assertTrue(log.contains("u'" + b + "'"), log);
  }

  @Test
  void deviceCertificatesFromAFolder() throws Exception {
    Path folder = dir.resolve("devices");
    java.nio.file.Files.createDirectories(folder);
    String clientId = id("folder-device");
    TestCerts devices = new TestCerts(folder, "devices-ca");
    Path[] pair = devices.client(clientId, clientId);
    assertEquals(folder.resolve(clientId + ".crt"), pair[0]);
    // the broker trusts the test CA only: sign the device by it instead
    Path[] trusted = certs.client(clientId, clientId);
    java.nio.file.Files.move(trusted[0], pair[0], java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    java.nio.file.Files.move(trusted[1], pair[1], java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    TlsOptions base = trusting(certs);
    TlsOptions options = new TlsOptions(base.caFile(), null, null, null, null, base.protocols(), List.of(), false,
        true, folder, null, null, TlsProvider.AUTO);
    Client c = client("mqtts://127.0.0.1:" + mutual, options);
    ConnectResult r = c.connect(clientId);
    assertTrue(r.connected(), r.failure());
    c.disconnect();
    Client stranger = client("mqtts://127.0.0.1:" + mutual, options);
    ConnectResult refused = stranger.connect("nobody");
    assertFalse(refused.connected());
    assertTrue(refused.failure().contains("no certificate for client nobody: expected nobody.crt and nobody.key"),
        refused.failure());
    assertEquals(ConnectFailure.TLS_DEVICE_CERT_MISSING,
        stranger.connection().closed().get(WAIT_S, TimeUnit.SECONDS).failure());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws", "wss"})
  void webSocketCarriesMqtt(String scheme) throws Exception {
    int port = scheme.equals("ws") ? ws : wss;
    Client c = client(scheme + "://127.0.0.1:" + port, trusting(certs));
    String clientId = id(scheme);
    assertTrue(c.connect(clientId).connected());
    assertEquals(0, c.connection().subscribe("ws/" + clientId, 1).get(WAIT_S, TimeUnit.SECONDS) & 0x80);
    c.connection().publish("ws/" + clientId, new byte[70_000], 1, false).get(WAIT_S, TimeUnit.SECONDS);
    ConnectionEvent.PublishReceived got = (ConnectionEvent.PublishReceived) c.events()
        .first(e -> e instanceof ConnectionEvent.PublishReceived).get(WAIT_S, TimeUnit.SECONDS);
    assertEquals(70_000, got.payload().length);
    c.disconnect();
    TransportTimings t = c.timings().peek();
    assertTrue(t.wsUpgradeNanos() > 0, t.toString());
    assertEquals(scheme.equals("wss"), t.tlsHandshakeNanos() > 0, t.toString());
  }

  @Test
  void webSocketToAPlainListenerFails() throws Exception {
    Client c = client("ws://127.0.0.1:" + broker.port(), trusting(certs));
    ConnectResult r = c.connect(id("ws-plain"));
    assertFalse(r.connected());
    assertTrue(r.failure().contains("WebSocket upgrade failed"), r.failure());
    assertEquals(TransportStage.WS, c.timings().peek().failedStage());
    assertEquals(ConnectFailure.WS_REFUSED, c.connection().closed().get(WAIT_S, TimeUnit.SECONDS).failure());
  }
}
