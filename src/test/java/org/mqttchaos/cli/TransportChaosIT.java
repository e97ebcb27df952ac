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

/**
 * The chaos features over TLS, WebSocket and secure WebSocket against a real mosquitto, through the CLI: the same
 * exact counts as over TCP (see ChaosIT); and per-device certificates with the broker taking each certificate's
 * name as the user name.
 */
class TransportChaosIT {
  @TempDir
  static Path certDir;
  private static TestCerts certs;
  private static MosquittoBroker mosquitto;
  private static int tls;
  private static int mutual;
  private static int ws;
  private static int wss;

  @TempDir
  Path results;

  @BeforeAll
  static void startMosquitto() throws Exception {
    certs = new TestCerts(certDir, "chaos");
    Path[] server = certs.server("server", "127.0.0.1", "localhost");
    tls = MosquittoBroker.freePort();
    mutual = MosquittoBroker.freePort();
    ws = MosquittoBroker.freePort();
    wss = MosquittoBroker.freePort();
    String[] files = {"cafile " + certs.caFile(), "certfile " + server[0], "keyfile " + server[1]};
    List<String> conf = new ArrayList<>();
    conf.add("listener " + tls + " 127.0.0.1");
    conf.addAll(List.of(files));
    conf.add("listener " + mutual + " 127.0.0.1");
    conf.addAll(List.of(files));
    conf.addAll(List.of("require_certificate true", "use_identity_as_username true"));
    conf.addAll(List.of("listener " + ws + " 127.0.0.1", "protocol websockets"));
    conf.addAll(List.of("listener " + wss + " 127.0.0.1", "protocol websockets"));
    conf.addAll(List.of(files));
    mosquitto = MosquittoBroker.start(conf.toArray(String[]::new));
    for (int port : new int[] {tls, mutual, ws, wss}) {
      mosquitto.awaitListener(port);
    }
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
    JsonNode c = run(scheme, "load.clients=10", "load.hold=4s", "collisions={ratio: 1.0, groupSize: 2}",
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

  @Test
  void deviceCertificatesMintedAtStartNameEachClientToTheBroker() throws IOException {
    List<String> args = List.of("run", "profiles/quickstart.yaml", "--results-dir", results.toString(),
        "--set", "load.rampDuration=1s", "--set", "load.clients=6", "--set", "load.hold=0s",
        "--set", "broker.url=mqtts://127.0.0.1:" + mutual, "--set", "broker.tls.caFile=" + certs.caFile(),
        "--set", "broker.tls.deviceCerts={caFile: " + certs.caFile() + ", caKeyFile: " + certs.caKeyFile() + "}");
    assertEquals(0, MqttChaos.execute(args.toArray(String[]::new)));
    JsonNode c = QuickstartRuns.read(results, "run.json").get("counters");
    assertEquals(0, count(c, "findings"));
    String log = mosquitto.log();
    long named = log.lines().filter(l -> l.contains("New client connected") && l.matches(".* as (\\S+) .*u'\\1'.*"))
        .count();
    assertTrue(named >= 6, "each client's certificate names it as the user name:\n" + log);
  }
}
