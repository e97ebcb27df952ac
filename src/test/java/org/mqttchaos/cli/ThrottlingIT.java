package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttchaos.testsupport.ThrottlingBroker;

/**
 * A broker that throttles a same-ID reconnect loop ({@link ThrottlingBroker}: the pair's client ID refused every
 * other time from its 3rd CONNECT with CONNACK 0x9F, or 3.1.1's return code 3, and for good after 3 accepted): every
 * refusal is counted as throttling, none as a takeover or a flap; the harness's takeovers are the broker's; and the
 * pair, kept apart by the throttling, calms: the connection accepted last stays up well past the quiet period.
 */
class ThrottlingIT {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "MQTT {0}")
  @ValueSource(strings = {"5", "3.1.1"})
  void throttlingRefusalsAreCountedApartFromTakeoversAndFlaps(String version) throws Exception {
    JsonNode summary;
    String console;
    long takeovers;
    long refusals;
    try (ThrottlingBroker broker = new ThrottlingBroker("thr-g0", 3)) {
      Path profile = Files.writeString(dir.resolve("throttled.yaml"), """
          name: throttled-pair
          seed: 7
          broker: {url: "tcp://127.0.0.1:%d", mqttVersion: "%s", connectTimeout: 2s}
          load: {clients: 4, injection: atOnce, hold: 8s, keepAlive: 30s}
          sessions: {cleanRatio: 1.0, clientIdPrefix: thr-}
          collisions: {ratio: 0.5, groupSize: 2}
          reconnect: {enabled: true, initialDelay: 1s, maxDelay: 1s, multiplier: 1.0, jitter: 0.1}
          """.formatted(broker.port(), version));
      Path results = Files.createDirectories(dir.resolve("results"));
      console = run("run", profile.toString(), "--results-dir", results.toString(), "--warm-up", "0");
      summary = QuickstartRuns.read(results, "summary.json");
      takeovers = broker.takeovers();
      refusals = broker.refusals();
    }
    JsonNode flaps = summary.get("flaps");
    String code = version.equals("5") ? "159" : "3";
    assertEquals(2, takeovers, "the broker took the pair's connection over twice: " + console);
    assertTrue(refusals >= 3, "refused the 3rd, then every CONNECT after the 4th, each second: " + refusals);
    assertEquals(refusals, flaps.get("throttled").asLong(), console);
    assertEquals(refusals, summary.get("connects").get("byCode").get(code).asLong(), console);
    assertEquals(takeovers, flaps.get("takeovers").asLong(), "a refusal takes nothing over: " + console);
    assertEquals(takeovers, flaps.get("total").asLong(), "a refused connect is no flap: " + console);
    assertEquals(1, flaps.get("flappingIds").asLong(), console);
    assertEquals(0, flaps.get("neverCalmed").asLong(), "up ~5 s after its last flap, quiet period 2 s: " + console);
    assertEquals(1, flaps.get("timeToCalm").get("count").asLong(), console);
    assertEquals(0, summary.get("findings").asLong(), "the broker broke no rule: " + console);
    assertTrue(console.contains(refusals + " connects throttled (refused: server busy or unavailable, quota or"
        + " connection rate exceeded)"), console);
  }

  /** Runs the CLI in this JVM; returns what it printed. */
  private static String run(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new Tee(out, printed), true, StandardCharsets.UTF_8));
    try {
      MqttChaos.execute(args);
    } finally {
      System.out.flush();
      System.setOut(out);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }
}
