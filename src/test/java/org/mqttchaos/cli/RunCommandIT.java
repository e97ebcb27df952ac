package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.testsupport.MosquittoBroker;

/** End to end through the CLI, as a user runs it: the shipped profiles, on the embedded broker and mosquitto. */
class RunCommandIT {
  @TempDir
  Path results;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Path onlyRunFolder() throws IOException {
    try (Stream<Path> folders = Files.list(results)) {
      List<Path> all = folders.toList();
      assertEquals(1, all.size(), "one results folder per run: " + all);
      return all.get(0);
    }
  }

  /** The shipped quickstart as it is (with the harness warm-up), its ramp and hold shortened. */
  @Test
  void quickstartOnTheEmbeddedBrokerLeavesACompleteResultsFolder() throws IOException {
    int exit = MqttChaos.execute("run", "profiles/quickstart.yaml", "--results-dir", results.toString(),
        "--set", "load.rampDuration=3s", "--set", "load.hold=2s");

    assertEquals(0, exit);
    Path run = onlyRunFolder();
    for (String file : new String[] {"profile.yaml", "run.json", "summary.json", "report.html", "timeline.csv",
        "findings.json", "connect.hlog", "tcp-connect.hlog", "start-lag.hlog"}) {
      assertTrue(Files.isRegularFile(run.resolve(file)), file + " missing in " + run);
    }
    assertFalse(hasFile(run, "simulation.log"), "Gatling's log is written only with --gatling-report");
    JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
    int clients = summary.get("clients").asInt();
    assertEquals(1000, clients);
    long persistent = summary.at("/sessionPresent/checked").asLong() - clients;
    assertEquals(clients + persistent, summary.at("/connects/succeeded").asLong());
    assertEquals(0, summary.at("/connects/failed").asLong());
    assertEquals(0, summary.at("/sessionPresent/mismatches").asLong());
    assertEquals(summary.at("/connects/succeeded").asLong(), summary.at("/latency/connect/count").asLong());
    assertEquals(clients, summary.at("/latency/startLag/count").asLong());
    assertTrue(summary.at("/broker/embedded").asBoolean());
  }

  @Test
  void sessionsMixAgainstMosquittoSeesSessionPresentExactlyWhereItIsDue() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      int exit = MqttChaos.execute("run", "profiles/sessions-mix.yaml", "--results-dir", results.toString(),
          "--set", "broker.url=tcp://127.0.0.1:" + broker.port(), "--gatling-report", "--warm-up", "0",
          "--set", "load.hold=1s");

      assertEquals(0, exit);
      Path run = onlyRunFolder();
      assertTrue(hasFile(run.resolve("gatling"), "index.html"), "Gatling's report, asked for with --gatling-report");
      JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
      JsonNode counters = JSON.readTree(run.resolve("run.json").toFile()).get("counters");
      int clients = summary.get("clients").asInt();
      long persistent = Math.round(clients * 0.5);
      // every client connected once, every persistent one reconnected once
      assertEquals(clients + persistent, summary.at("/connects/succeeded").asLong());
      assertEquals(0, summary.at("/connects/failed").asLong());
      // session present 0 on every first connect and clean connect, 1 on every persistent reconnect
      assertEquals(persistent, counters.path("sessionPresent.received1").asLong());
      assertEquals(clients, counters.path("sessionPresent.received0").asLong());
      assertEquals(0, summary.at("/sessionPresent/mismatches").asLong());
      assertEquals(persistent, summary.at("/latency/connectReconnect/count").asLong());
    }
  }

  @Test
  void unreachableBrokerFailsEveryConnectWithItsReasonAndExits3() throws IOException {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    int exit = MqttChaos.execute("run", "profiles/quickstart.yaml", "--results-dir", results.toString(),
        "--warm-up", "0", "--set", "broker.url=tcp://127.0.0.1:" + closedPort, "--set", "load.clients=5",
        "--set", "load.rampDuration=1s", "--set", "broker.connectTimeout=1s");

    assertEquals(MqttChaos.EXIT_NO_CONNECTION, exit);
    JsonNode summary = JSON.readTree(onlyRunFolder().resolve("summary.json").toFile());
    assertEquals(5, summary.at("/connects/attempted").asLong());
    assertEquals(5, summary.at("/connects/failed").asLong());
    assertEquals(0, summary.at("/connects/succeeded").asLong());
  }

  @Test
  void aBrokerHostThatDoesNotResolveIsOneLineAndExits3BeforeAnythingRuns() throws IOException {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    int exit;
    try {
      exit = MqttChaos.execute("run", "profiles/quickstart.yaml", "--results-dir", results.toString(),
          "--set", "broker.url=tcp://no-such-host.invalid:1883");
    } finally {
      System.setErr(saved);
    }

    assertEquals(MqttChaos.EXIT_NO_CONNECTION, exit);
    assertEquals("mqtt-chaos: the broker's host no-such-host.invalid does not resolve (broker.url"
        + " tcp://no-such-host.invalid:1883): check the name, or give an address; nothing ran\n",
        err.toString(java.nio.charset.StandardCharsets.UTF_8));
    try (Stream<Path> folders = Files.list(results)) {
      assertEquals(0, folders.count(), "nothing ran, no results folder");
    }
  }

  @Test
  void aSubSecondInjectionStillStartsEveryClient() throws IOException {
    // Gatling's ramp starts no user when it lasts under a second; the engine places users itself then.
    int exit = MqttChaos.execute("run", "profiles/quickstart.yaml", "--results-dir", results.toString(),
        "--warm-up", "0", "--set", "load.clients=5", "--set", "load.rampDuration=300ms", "--set", "load.hold=1s",
        "--set", "sessions.cleanRatio=1");

    assertEquals(0, exit);
    JsonNode summary = JSON.readTree(onlyRunFolder().resolve("summary.json").toFile());
    assertEquals(5, summary.at("/connects/succeeded").asLong());
    assertEquals(5, summary.at("/latency/startLag/count").asLong());
  }

  @Test
  void startGridZeroStartsEveryUserAtItsOwnInstant() throws IOException {
    int exit = MqttChaos.execute("run", "profiles/quickstart.yaml", "--results-dir", results.toString(),
        "--warm-up", "0", "--set", "load.clients=40", "--set", "load.injection=rate", "--set", "load.rate=200",
        "--set", "load.hold=0s", "--set", "load.startGrid=0", "--set", "sessions.cleanRatio=1");

    assertEquals(0, exit);
    JsonNode summary = JSON.readTree(onlyRunFolder().resolve("summary.json").toFile());
    assertEquals(40, summary.at("/connects/succeeded").asLong());
    assertEquals(40, summary.at("/latency/startLag/count").asLong());
    assertTrue(Files.readString(onlyRunFolder().resolve("profile.yaml")).contains("startGrid: 0"),
        "the resolved profile records the grid the run used");
  }

  @Test
  void badProfileIsRefusedBeforeAnythingRuns() throws IOException {
    int exit = MqttChaos.execute("run", "profiles/quickstart.yaml", "--results-dir", results.toString(),
        "--set", "load.clients=many");

    assertEquals(MqttChaos.EXIT_USAGE, exit);
    try (Stream<Path> folders = Files.list(results)) {
      assertEquals(0, folders.count(), "nothing ran, no results folder");
    }
  }

  @Test
  void moreClientsThanFileDescriptorsAreRefusedUpFront() throws IOException {
    int exit = MqttChaos.execute("run", "profiles/quickstart.yaml", "--results-dir", results.toString(),
        "--set", "load.clients=1000000");

    assertEquals(MqttChaos.EXIT_USAGE, exit);
    try (Stream<Path> folders = Files.list(results)) {
      assertEquals(0, folders.count());
    }
  }

  private static boolean hasFile(Path folder, String name) throws IOException {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.anyMatch(p -> p.getFileName().toString().equals(name));
    }
  }
}
