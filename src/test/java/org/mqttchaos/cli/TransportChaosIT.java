package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttchaos.testsupport.MosquittoBroker;
import org.mqttchaos.testsupport.TestCerts;
import org.mqttchaos.testsupport.TlsMosquitto;

/**
 * The chaos features over TLS, WebSocket and secure WebSocket against a real mosquitto, through the CLI: the same
 * exact counts as over TCP (see ChaosIT). Per-device certificates against mosquitto are TlsFailuresIT's.
 */
class TransportChaosIT {
  @TempDir
  static Path certDir;
  private static TlsMosquitto mosquitto;
  private static TestCerts certs;
  private static int tls;
  private static int ws;
  private static int wss;

  @TempDir
  Path results;

  @BeforeAll
  static void startMosquitto() throws Exception {
    mosquitto = new TlsMosquitto(certDir);
    ws = MosquittoBroker.freePort();
    wss = MosquittoBroker.freePort();
    List<String> webSockets = new ArrayList<>(List.of("listener " + ws + " 127.0.0.1", "protocol websockets",
        "listener " + wss + " 127.0.0.1", "protocol websockets"));
    webSockets.addAll(mosquitto.serverTls());
    mosquitto.start(webSockets, ws, wss);
    certs = mosquitto.certs();
    tls = mosquitto.tls();
  }

  @AfterAll
  static void stopMosquitto() {
    mosquitto.close();
  }

  private JsonNode run(String scheme, String... sets) throws IOException {
    int port = switch (scheme) {
      case "mqtts" -> tls;
      case "ws" -> ws;
      default -> wss;
    };
    List<String> args = new ArrayList<>(List.of("--set", "broker.url=" + scheme + "://127.0.0.1:" + port));
    if (!scheme.equals("ws")) {
      args.addAll(List.of("--set", "broker.tls.caFile=" + certs.caFile()));
    }
    return QuickstartRuns.counters(results, args, sets);
  }

  private static long count(JsonNode counters, String name) {
    return QuickstartRuns.count(counters, name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mqtts", "ws", "wss"})
  void abruptDropsGiveExactlyOneWillEach(String scheme) throws IOException {
    JsonNode c = run(scheme, "load.clients=20", "load.hold=1s", "load.leave=abrupt", "will.ratio=1");

    assertEquals(20, count(c, "drops.abrupt"));
    assertEquals(20, count(c, "wills.expected"));
    assertEquals(20, count(c, "wills.received"));
    assertEquals(0, count(c, "wills.missing"));
    assertEquals(0, count(c, "findings"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mqtts", "wss"})
  void collisionPairsTakeEachOtherOver(String scheme) throws IOException {
    JsonNode c = run(scheme, "load.clients=10", "load.hold=2s", "collisions={ratio: 1.0, groupSize: 2}",
        "reconnect={enabled: true, initialDelay: 300ms, maxDelay: 300ms, multiplier: 1, jitter: 0}");

    assertEquals(10, count(c, "flaps.takenOverUsers"), "both members of every pair were taken over");
    assertEquals(count(c, "closes.BY_BROKER"), count(c, "flaps.takeovers"));
    assertEquals(5, count(c, "flaps.flappingIds"));
  }

  @Test
  void silentClientsAreCutOverTls() throws IOException {
    JsonNode c = run("mqtts", "load.clients=8", "load.hold=3s", "load.keepAlive=2s",
        "chaos.keepAliveExpiry={ratio: 0.5, after: 1s, tolerance: 500ms}", "will.ratio=1");

    assertEquals(4, count(c, "keepAlive.silentClients"));
    assertEquals(4, count(c, "keepAlive.closedByBroker"));
    assertEquals(4, count(c, "wills.received"));
  }
}
