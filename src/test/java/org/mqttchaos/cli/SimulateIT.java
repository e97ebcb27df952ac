package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped DSL simulation runs through the CLI and every chaos action shows in the figures. */
class SimulateIT {
  @TempDir
  Path results;

  @Test
  void takeoverChaosSimulationRunsThroughTheCli() throws Exception {
    int exit = MqttChaos.execute("simulate", "TakeoverChaosSimulation", "--results-dir", results.toString());

    assertEquals(0, exit);
    Path run;
    try (Stream<Path> folders = Files.list(results)) {
      run = folders.findFirst().orElseThrow();
    }
    JsonNode c = new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("counters");
    assertEquals(60, c.path("users.started").asLong());
    assertEquals(20, c.path("flaps.takenOverUsers").asLong(), "every twin was taken over by its pair");
    assertEquals(c.path("closes.BY_BROKER").asLong() - 20, c.path("flaps.takeovers").asLong(),
        "every broker close but the 20 keep-alive cuts was a takeover");
    assertEquals(20, c.path("drops.abrupt").asLong(), "every dropper vanished with an RST");
    assertEquals(20, c.path("keepAlive.silentClients").asLong());
    assertEquals(20, c.path("keepAlive.closedByBroker").asLong(), "every sleeper was cut by the broker");
    assertEquals(40, c.path("wills.expected").asLong(), "droppers and sleepers owe a will each");
    assertEquals(40, c.path("wills.received").asLong());
    assertTrue(Files.isRegularFile(run.resolve("report.html")));
  }
}
