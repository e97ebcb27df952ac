package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.testsupport.MosquittoBroker;

/**
 * Counts that add up against a broker that answers nothing (mosquitto under SIGSTOP for the whole run): some connects
 * reach its full listen queue and get no CONNACK, the rest get no TCP connection at all; each attempt fails once,
 * under one reason, Gatling hears one KO per attempt, and the run ends when the last attempt timed out, not at its
 * maximum duration.
 */
class StoppedBrokerIT {
  @TempDir
  Path results;

  @Test
  void everyAttemptOnAStoppedBrokerFailsOnceByStageAndGatlingCountsEachKo() throws Exception {
    try (MosquittoBroker mosquitto = MosquittoBroker.start()) {
      mosquitto.stop(true);
      ByteArrayOutputStream console = new ByteArrayOutputStream();
      PrintStream out = System.out;
      System.setOut(new PrintStream(new Tee(out, console), true));
      int exit;
      try {
        exit = MqttChaos.execute("run", "profiles/quickstart.yaml", "--results-dir", results.toString(),
            "--set", "broker.url=tcp://127.0.0.1:" + mosquitto.port(), "--set", "broker.connectTimeout=2s",
            "--set", "load.clients=150", "--set", "load.injection=rate", "--set", "load.rate=50",
            "--set", "load.hold=2s", "--set", "sessions.cleanRatio=1");
      } finally {
        System.setOut(out);
        mosquitto.stop(false);
      }
      assertEquals(MqttChaos.EXIT_NO_CONNECTION, exit);
      JsonNode c = QuickstartRuns.read(results, "run.json").get("counters");

      assertEquals(150, QuickstartRuns.count(c, "connects.attempted"));
      assertEquals(0, QuickstartRuns.count(c, "connects.succeeded"));
      assertEquals(150, QuickstartRuns.count(c, "connects.failed"));
      long byStage = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().startsWith("connects.failedBy.")) {
          assertTrue(e.getKey().equals("connects.failedBy.tcp-timeout")
              || e.getKey().equals("connects.failedBy.connack-timeout"), "a stopped broker times out: " + c);
          byStage += e.getValue().asLong();
        }
      }
      assertEquals(150, byStage, "each failure once, by stage");
      assertTrue(QuickstartRuns.count(c, "connects.failedBy.tcp-timeout") > 0, "the listen queue filled: " + c);
      assertEquals(150, QuickstartRuns.count(c, "actions.ko.connect"), "one KO per attempt to Gatling");
      assertTrue(console.toString().contains("0 ok, 150 failed of 150 attempted"), console.toString());
      JsonNode summary = new ObjectMapper().readTree(QuickstartRuns.lastRun(results).resolve("summary.json").toFile());
      // 3 s of starts and a 2 s timeout; the maximum duration (over 100 s) is what hung attempts ran into
      assertTrue(summary.get("durationS").asDouble() < 30, "no attempt hung: " + summary.get("durationS"));
    }
  }
}
