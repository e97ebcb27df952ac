package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.testsupport.MosquittoBroker;

/**
 * Runs against brokers that lower what the clients ask for in their MQTT 5 CONNACK: the embedded broker configured
 * with broker.embedded.maxKeepAlive / maxSessionExpiry, and mosquitto with max_keepalive. The clients use the
 * broker's values ([MQTT-3.2.2-21]), the checks judge against them, harness clients too, and summary.json says what
 * the broker changed.
 */
class ConnAckOverridesIT {
  @TempDir
  Path results;

  /**
   * Keep-alive 16 s asked, 4 s granted: the 15 clients that never go silent ping every 4 s and are never cut in
   * their 9 s holds (they were, at 6 s, while the clients pinged every 16 s); the 5 silent ones are cut within
   * 1.5 x 4 s, neither early nor late, and their wills arrive.
   */
  @Test
  void theEmbeddedBrokersServerKeepAliveIsThePingIntervalAndTheJudgement() throws IOException {
    JsonNode c = QuickstartRuns.counters(results, List.of(), "broker.mqttVersion=5",
        "broker.embedded.maxKeepAlive=4s", "load.keepAlive=16s", "load.clients=20", "load.hold=9s",
        "chaos.keepAliveExpiry.ratio=0.25", "chaos.keepAliveExpiry.after=2s", "reconnect.enabled=true",
        "will.ratio=1");
    long silent = count(c, "keepAlive.silentClients");
    assertEquals(5, silent);
    assertEquals(silent, count(c, "keepAlive.closedByBroker"));
    assertEquals(silent, count(c, "flaps.total"), "only the silent clients were cut");
    assertEquals(0, count(c, "keepAlive.early"));
    assertEquals(0, count(c, "keepAlive.late"));
    assertEquals(silent, count(c, "wills.expected"));
    assertEquals(silent, count(c, "wills.received"));
    assertEquals(0, count(c, "wills.observerLost"));
    assertEquals(0, count(c, "findings"));
    long accepted = count(c, "connects.succeeded");
    assertEquals(accepted, count(c, "broker.overrides.serverKeepAlive.16.4"), "every accepted CONNACK set it");
    JsonNode overrides = QuickstartRuns.read(results, "summary.json").get("broker").get("overrides");
    // HiveMQ CE also grants 5 topic aliases (recorded; the client sends none)
    assertEquals(2, overrides.size(), overrides.toString());
    assertEquals("serverKeepAlive", overrides.get(0).get("property").asText());
    assertEquals("16", overrides.get(0).get("asked").asText());
    assertEquals("4", overrides.get(0).get("set").asText());
    assertEquals(accepted, overrides.get(0).get("connections").asLong());
    assertEquals("topicAliasMaximum", overrides.get(1).get("property").asText());
    assertEquals("5", overrides.get(1).get("set").asText());
  }

  /**
   * Session expiry 300 s asked, 0 s granted: the session ends with its connection, so the persistent clients'
   * reconnect right after their DISCONNECT gets session present 0, which is right (the CONNECT's 300 s would have
   * called all 10 of them mismatches).
   */
  @Test
  void theEmbeddedBrokersSessionExpiryIsTheSessionModels() throws IOException {
    JsonNode c = QuickstartRuns.counters(results, List.of(), "broker.mqttVersion=5",
        "broker.embedded.maxSessionExpiry=0s", "sessions.cleanRatio=0", "sessions.sessionExpiry=300s",
        "load.clients=10", "load.hold=1s");
    assertEquals(20, count(c, "sessionPresent.checked"));
    assertEquals(20, count(c, "sessionPresent.received0"));
    assertEquals(0, count(c, "sessionPresent.mismatches"));
    assertEquals(0, count(c, "findings"));
    assertEquals(20, count(c, "broker.overrides.sessionExpiryInterval.300.0"));
  }

  /**
   * Issue 12's input 1, smaller: mosquitto with max_keepalive 10 answers keep-alive 16 with Server Keep Alive 10.
   * The clients and the will observer ping every 10 s, so none that stays talkative is cut (before, mosquitto cut
   * clients and the observer that pinged every 16 s and 60 s); only the silent ones are, never early; the observer
   * keeps its connection and every will is seen.
   */
  @Test
  void mosquittoWithMaxKeepAliveIsHonouredByEveryClientAndTheObserver() throws IOException {
    try (MosquittoBroker mosquitto = MosquittoBroker.start("max_keepalive 10")) {
      JsonNode c = QuickstartRuns.counters(results, List.of("--set", "broker.url=tcp://127.0.0.1:" + mosquitto.port()),
          "broker.mqttVersion=5", "load.keepAlive=16s", "load.clients=20", "load.rampDuration=2s", "load.hold=20s",
          "chaos.keepAliveExpiry.ratio=0.25", "chaos.keepAliveExpiry.after=5s", "reconnect.enabled=true",
          "will.ratio=1");
      long silent = count(c, "keepAlive.silentClients");
      assertEquals(5, silent);
      assertEquals(silent, count(c, "keepAlive.closedByBroker"));
      assertEquals(silent, count(c, "flaps.total"), "only the silent clients were cut");
      assertEquals(0, count(c, "keepAlive.early"));
      assertEquals(0, count(c, "wills.observerLost"), "the observer pings at the broker's interval too");
      assertEquals(silent, count(c, "wills.expected"));
      assertEquals(silent, count(c, "wills.received"));
      assertEquals(0, count(c, "wills.missing"));
      long accepted = count(c, "connects.succeeded");
      assertTrue(accepted >= 20);
      assertEquals(accepted, count(c, "broker.overrides.serverKeepAlive.16.10"));
    }
  }

  private static long count(JsonNode counters, String name) {
    return QuickstartRuns.count(counters, name);
  }
}
