package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqttchaos.broker.EmbeddedBroker;
import org.mqttchaos.broker.Listener;
import org.mqttchaos.client.tls.ClientTls;
import org.mqttchaos.client.tls.TlsOptions;

/**
 * The embedded broker's TLS, mutual TLS, WebSocket and secure WebSocket listeners, each with a real connect by the
 * harness's own client trusting the broker's throwaway CA: the TLS handshake and the WebSocket upgrade are timed,
 * a client without a certificate is refused by the mutual TLS listener as a TLS failure, and close() deletes the
 * certificates.
 */
class EmbeddedBrokerTransportTest {
  private static final long WAIT_S = 10;

  private static EmbeddedBroker tls;
  private static EmbeddedBroker mutual;
  private static EmbeddedBroker ws;
  private static EmbeddedBroker wss;
  private static Loops loops;

  @BeforeAll
  static void start() {
    // Four brokers at once: each start and stop takes about a second.
    CompletableFuture<EmbeddedBroker> a = starting(Listener.TLS);
    CompletableFuture<EmbeddedBroker> b = starting(Listener.TLS.requiringClientCertificates());
    CompletableFuture<EmbeddedBroker> c = starting(Listener.WS);
    CompletableFuture<EmbeddedBroker> d = starting(Listener.WSS);
    tls = a.join();
    mutual = b.join();
    ws = c.join();
    wss = d.join();
    loops = new Loops();
  }

  private static CompletableFuture<EmbeddedBroker> starting(Listener listener) {
    return CompletableFuture.supplyAsync(() -> EmbeddedBroker.start("127.0.0.1", 0, listener));
  }

  @AfterAll
  static void stop() throws Exception {
    loops.close();
    List<CompletableFuture<Void>> closing = List.of(tls, mutual, ws, wss).stream()
        .map(broker -> CompletableFuture.runAsync(broker::close)).toList();
    closing.forEach(CompletableFuture::join);
  }

  private record Client(MqttConnection connection, ConcurrentLinkedQueue<TransportTimings> timings) {
    ConnectResult connect(String clientId) throws Exception {
      return connection.connect(new ConnectOptions(clientId, true, 60, null, null, null, 0))
          .get(WAIT_S, TimeUnit.SECONDS);
    }
  }

  private static Client client(EmbeddedBroker broker, TlsOptions options) {
    BrokerUrl url = BrokerUrl.parse(broker.url());
    TransportSettings settings = TransportSettings.of(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), url.port()), MqttVersion.V3_1_1, Duration.ofSeconds(5))
        .withTransport(url, url.tls() ? ClientTls.of(options) : null);
    ConcurrentLinkedQueue<TransportTimings> timings = new ConcurrentLinkedQueue<>();
    MqttConnection c = new ClientTransport(settings, timings::add)
        .newConnection(loops.next("nio"), new RecordingListener());
    return new Client(c, timings);
  }

  private static TlsOptions trusting(EmbeddedBroker broker) {
    return TlsOptions.DEFAULTS.withTrust(broker.caFile().orElseThrow());
  }

  @Test
  void tlsListenerHandshakesWithTheThrowawayCaTrusted() throws Exception {
    assertTrue(tls.url().matches("mqtts://127\\.0\\.0\\.1:\\d+"), tls.url());
    assertTrue(Files.readString(tls.caFile().orElseThrow()).startsWith("-----BEGIN CERTIFICATE-----"));
    assertTrue(tls.deviceCaFile().isEmpty());
    Client c = client(tls, trusting(tls));
    ConnectResult r = c.connect("embedded-tls");
    assertTrue(r.connected(), r.failure());
    c.connection().disconnect().get(WAIT_S, TimeUnit.SECONDS);
    TransportTimings t = c.timings().peek();
    assertTrue(t.ready() && t.tlsHandshakeNanos() > 0, t.toString());
    assertEquals(-1, t.wsUpgradeNanos());
  }

  @Test
  void tlsListenerIsNotTrustedWithoutItsCa() throws Exception {
    Client c = client(tls, TlsOptions.DEFAULTS);
    ConnectResult r = c.connect("embedded-untrusted");
    assertFalse(r.connected());
    assertTrue(r.failure().contains("the broker's certificate is not trusted"), r.failure());
    assertEquals(TransportStage.TLS, c.timings().peek().failedStage());
  }

  @Test
  void mutualTlsListenerAcceptsDeviceCertificatesItsDeviceCaSigned() throws Exception {
    TlsOptions options = trusting(mutual).withDeviceCa(mutual.deviceCaFile().orElseThrow(),
        mutual.deviceCaKeyFile().orElseThrow());
    for (String clientId : List.of("device-a", "device-b")) {
      Client c = client(mutual, options);
      ConnectResult r = c.connect(clientId);
      assertTrue(r.connected(), clientId + ": " + r.failure());
      c.connection().disconnect().get(WAIT_S, TimeUnit.SECONDS);
      TransportTimings t = c.timings().peek();
      assertTrue(t.tlsHandshakeNanos() > 0, t.toString());
    }
  }

  @Test
  void mutualTlsListenerRefusesAClientWithoutACertificateAsATlsFailure() throws Exception {
    Client c = client(mutual, trusting(mutual));
    ConnectResult r = c.connect("no-certificate");
    assertFalse(r.connected());
    assertTrue(r.failure().contains("TLS handshake failed: the broker requires a client certificate"), r.failure());
    ConnectionEvent.Closed closed = c.connection().closed().get(WAIT_S, TimeUnit.SECONDS);
    assertEquals(CloseCause.CONNECT_FAILED, closed.cause());
    assertEquals(TransportStage.TLS, c.timings().peek().failedStage());
  }

  @Test
  void webSocketListenersUpgradeAndCarryMqtt() throws Exception {
    assertTrue(ws.url().matches("ws://127\\.0\\.0\\.1:\\d+/mqtt"), ws.url());
    assertTrue(ws.caFile().isEmpty());
    assertTrue(wss.url().matches("wss://127\\.0\\.0\\.1:\\d+/mqtt"), wss.url());
    for (EmbeddedBroker broker : List.of(ws, wss)) {
      Client c = client(broker, broker == wss ? trusting(wss) : TlsOptions.DEFAULTS);
      ConnectResult r = c.connect("embedded-" + broker.listener().transport());
      assertTrue(r.connected(), broker + ": " + r.failure());
      assertEquals(0, c.connection().subscribe("embedded/ws", 1).get(WAIT_S, TimeUnit.SECONDS) & 0x80);
      c.connection().disconnect().get(WAIT_S, TimeUnit.SECONDS);
      TransportTimings t = c.timings().peek();
      assertTrue(t.wsUpgradeNanos() > 0, t.toString());
      assertEquals(broker == wss, t.tlsHandshakeNanos() > 0, t.toString());
    }
  }

  @Test
  void warmUpHandshakesWithTheListenerItself() {
    assertEquals(3, tls.warmUpTls(3, Duration.ofSeconds(30)));
    assertEquals(3, mutual.warmUpTls(3, Duration.ofSeconds(30)), "presents a certificate of the device CA");
    assertEquals(2, wss.warmUpTls(2, Duration.ofSeconds(30)));
    assertEquals(0, ws.warmUpTls(3, Duration.ofSeconds(30)), "no TLS, nothing to warm");
  }

  @Test
  void closeDeletesTheCertificates() {
    EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0, Listener.TLS.requiringClientCertificates());
    Path ca = broker.caFile().orElseThrow();
    Path deviceKey = broker.deviceCaKeyFile().orElseThrow();
    assertTrue(Files.isReadable(ca) && Files.isReadable(deviceKey));
    broker.close();
    assertFalse(Files.exists(ca) || Files.exists(deviceKey));
  }
}
