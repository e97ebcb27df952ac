package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqttchaos.run.RunPhase;
import org.mqttchaos.summary.AtomicFile;

/**
 * Ctrl-C (SIGINT) and SIGTERM to a real {@code mqtt-chaos run} process in each phase of the JVM (the launcher's own
 * phases, build and class archive, are LauncherSignalsTest's): the process exits promptly with the signal's code
 * (130, 143) and one line naming the phase, never a stack trace, and its results folder holds what was measured,
 * each file whole. The warm-up and the report are caught with the test hook of {@link RunPhase}, which pauses the
 * process in the phase until the signal comes.
 */
class InterruptIT {
  @TempDir
  Path results;

  @Test
  void interruptedRunLeavesACompleteResultsFolder() throws Exception {
    Path run;
    // No warm-up (the warm-up's own signal is the test below) and a 1 s ramp: the first progress line, 5 s in, can
    // already show all 200 connected, where a 4 s ramp after Gatling's start needed the second one, 10 s in.
    try (CliProcess process = CliProcess.start(List.of(), "run", "profiles/quickstart.yaml",
        "--results-dir", results.toString(), "--warm-up", "0",
        "--set", "load.clients=200", "--set", "load.rampDuration=1s", "--set", "load.hold=60s")) {
      // Progress lines come every 5 s; wait for one that shows all 200 connected and holding.
      process.awaitLine(line -> line.startsWith("[") && line.contains("connected 200 "));
      process.signal("INT");
      assertEquals(130, process.awaitExit(60), process.output());
      assertTrue(process.output().contains("interrupted during the run: results so far are in"), process.output());
      process.assertNoStackTrace();
    }
    run = onlyFolder();
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertTrue(summary.get("interrupted").asBoolean());
    assertEquals(200, summary.at("/connects/succeeded").asLong(), "all 200 had connected before the signal");
    assertEquals(200, summary.at("/latency/connect/count").asLong(), "the histograms hold what was measured");
    assertEquals(0, summary.at("/broker/outages").size(),
        "the embedded broker stopping with the JVM is no outage: " + summary.at("/broker/outages"));
    assertTrue(Files.size(run.resolve("report.html")) > 10_000, "report.html written");
    assertTrue(Files.isRegularFile(run.resolve("profile.yaml")));
    assertNoPartialFile(run);
  }

  /**
   * A message run cut short: its users go on publishing and receiving while the checks settle, and the checks judge
   * the history up to the cut. A message published after the delivery checker had judged its publisher and received
   * before it judged the subscriber was once a copy nobody was owed ({@code message-unexpected}) on a correct broker.
   */
  @Test
  void anInterruptedMessageRunJudgesTheHistoryUpToTheCut() throws Exception {
    // 100 devices at 20 messages/s each (2,000/s) to the profile's two persistent backend subscribers
    try (CliProcess process = CliProcess.start(List.of(), "run", "profiles/telemetry-fanin.yaml",
        "--results-dir", results.toString(), "--warm-up", "0", "--set", "load.clients=100",
        "--set", "load.rampDuration=1s", "--set", "load.hold=60s", "--set", "messages.rate=20")) {
      process.awaitLine(line -> line.startsWith("[") && connected(line) >= 100);
      process.signal("INT");
      assertEquals(130, process.awaitExit(60), process.output());
      process.assertNoStackTrace();
    }
    JsonNode summary = new ObjectMapper().readTree(onlyFolder().resolve("summary.json").toFile());
    assertTrue(summary.get("interrupted").asBoolean());
    JsonNode m = summary.get("messages");
    assertTrue(m.get("published").asLong() > 2_000, m.toString());
    assertEquals(0, m.get("unexpected").asLong(), summary.get("findingsByKind").toString());
    assertEquals(0, summary.get("findings").asLong(), summary.get("findingsByKind").toString());
    assertEquals(m.get("expected").asLong(), m.get("delivered").asLong() + m.get("lost").asLong()
        + m.get("unknown").asLong() + m.get("expectedLoss").asLong(), m.toString());
  }

  /** The connected clients of a progress line ("[  5s] connected 102  connects/s ..."), -1 if none. */
  private static int connected(String line) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("connected (\\d+)").matcher(line);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** As the JVM starts, before the run's own handling is installed: still one line naming the phase. */
  @ParameterizedTest(name = "SIG{0} as the JVM starts")
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalAsTheJvmStartsSaysSo(String signal, int expectedExit) throws Exception {
    try (CliProcess process = CliProcess.start(List.of("-D" + RunPhase.PAUSE_PROPERTY + "=" + StartSignal.PAUSE_KEY),
        "run", "profiles/quickstart.yaml", "--results-dir", results.toString())) {
      process.awaitLine(line -> line.equals(RunPhase.PAUSED + StartSignal.PAUSE_KEY));
      process.signal(signal);
      assertEquals(expectedExit, process.awaitExit(20), process.output());
      assertTrue(process.output().contains(StartSignal.LINE), process.output());
      process.assertNoStackTrace();
    }
    try (Stream<Path> folders = Files.list(results)) {
      assertEquals(List.of(), folders.toList(), "nothing ran");
    }
  }

  /** During the warm-up, before the run's clock starts: nothing was measured, so no results folder is left. */
  @ParameterizedTest(name = "SIG{0} during the warm-up")
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalDuringTheWarmUpEndsTheProcessBeforeTheRun(String signal, int expectedExit) throws Exception {
    try (CliProcess process = CliProcess.start(List.of(pauseIn(RunPhase.Phase.WARM_UP)), "run",
        "profiles/quickstart.yaml", "--results-dir", results.toString(), "--set", "load.clients=10")) {
      process.awaitLine(line -> line.equals(RunPhase.PAUSED + RunPhase.Phase.WARM_UP.key()));
      process.signal(signal);
      assertEquals(expectedExit, process.awaitExit(20), process.output());
      assertTrue(process.output().contains(
          "mqtt-chaos: interrupted during the warm-up, before the run began: nothing ran"), process.output());
      assertFalse(process.output().contains("results in"), "the run never began: " + process.output());
      process.assertNoStackTrace();
    }
    try (Stream<Path> folders = Files.list(results)) {
      assertEquals(List.of(), folders.toList(), "no results folder for a run that never began");
    }
  }

  /**
   * During the report, after the last user ended: the report is finished first, Gatling's own included, so the
   * folder holds every figure of the run and no file is cut short.
   */
  @ParameterizedTest(name = "SIG{0} during the report")
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalDuringTheReportLetsItFinish(String signal, int expectedExit) throws Exception {
    try (CliProcess process = CliProcess.start(List.of(pauseIn(RunPhase.Phase.REPORT)), "run",
        "profiles/quickstart.yaml", "--results-dir", results.toString(), "--gatling-report", "--warm-up", "0",
        "--set", "load.clients=20", "--set", "load.injection=atOnce", "--set", "load.hold=0s",
        "--set", "sessions.reconnectPersistent=false")) {
      process.awaitLine(line -> line.equals(RunPhase.PAUSED + RunPhase.Phase.REPORT.key()));
      process.signal(signal);
      assertEquals(expectedExit, process.awaitExit(30), process.output());
      assertTrue(process.output().contains("mqtt-chaos: interrupted during the report, after the run had ended: the"
          + " report was finished first, results are complete in "), process.output());
      assertTrue(process.output().contains("20 ok"), "the console summary was printed: " + process.output());
      process.assertNoStackTrace();
    }
    Path run = onlyFolder();
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertFalse(summary.get("interrupted").asBoolean(), "the run itself had ended: its figures are whole");
    assertEquals(20, summary.at("/connects/succeeded").asLong());
    assertEquals(20, summary.at("/latency/connect/count").asLong());
    assertTrue(Files.readString(run.resolve("report.html")).strip().endsWith("</html>"), "report.html whole");
    Path gatling;
    try (Stream<Path> runs = Files.list(run.resolve("gatling"))) {
      gatling = runs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    assertTrue(Files.readString(gatling.resolve("index.html")).strip().endsWith("</html>"),
        "Gatling's report was finished: " + gatling);
    assertNoPartialFile(run);
  }

  private static String pauseIn(RunPhase.Phase phase) {
    return "-D" + RunPhase.PAUSE_PROPERTY + "=" + phase.key();
  }

  private Path onlyFolder() throws Exception {
    try (Stream<Path> folders = Files.list(results)) {
      List<Path> all = folders.toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  /** No file of the folder is left under its temporary name (AtomicFile): each is whole or absent. */
  private static void assertNoPartialFile(Path run) throws Exception {
    String partial = AtomicFile.temporary(run.resolve("x")).getFileName().toString().substring(2);
    try (Stream<Path> files = Files.walk(run)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(partial)).toList());
    }
  }
}
