package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of a run: the process gets SIGINT, which runs the JVM's shutdown hooks, and must
 * still leave a complete results folder with what it measured.
 */
class InterruptIT {
  @TempDir
  Path results;

  @Test
  void interruptedRunLeavesACompleteResultsFolder() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "-Djava.util.prefs.PreferencesFactory=org.mqttchaos.engine.OfflinePreferences$Factory",
        "-cp", System.getProperty("java.class.path"), MqttChaos.class.getName(),
        "run", "profiles/quickstart.yaml", "--results-dir", results.toString(),
        "--set", "load.clients=200", "--set", "load.rampDuration=4s", "--set", "load.hold=60s")
        .redirectErrorStream(true)
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      // Progress lines come every 5 s; wait for one that shows all 200 connected and holding.
      String line;
      while ((line = out.readLine()) != null && !(line.startsWith("[") && line.contains("connected 200 "))) {
        // skip the banner and earlier progress
      }
      assertTrue(line != null, "the run printed progress with all 200 connected before ending");
      // Ctrl-C: SIGINT to the process (Process.destroy would also close our end of its output)
      assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor());
      StringBuilder rest = new StringBuilder();
      while ((line = out.readLine()) != null) {
        rest.append(line).append('\n');
      }
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the run ended after the signal");
      assertTrue(rest.toString().contains("interrupted: results so far are in"), rest.toString());
    } finally {
      process.destroyForcibly();
    }

    Path run;
    try (Stream<Path> folders = Files.list(results)) {
      List<Path> all = folders.toList();
      assertEquals(1, all.size());
      run = all.get(0);
    }
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertTrue(summary.get("interrupted").asBoolean());
    assertEquals(200, summary.at("/connects/succeeded").asLong(), "all 200 had connected before the signal");
    assertEquals(200, summary.at("/latency/connect/count").asLong(), "the histograms hold what was measured");
    assertEquals(0, summary.at("/broker/outages").size(),
        "the embedded broker stopping with the JVM is no outage: " + summary.at("/broker/outages"));
    assertTrue(Files.size(run.resolve("report.html")) > 10_000, "report.html written");
    assertTrue(Files.isRegularFile(run.resolve("profile.yaml")));
  }
}
