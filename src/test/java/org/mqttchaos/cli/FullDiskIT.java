package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results folder on a disk that fills up during the run (a 200 KB tmpfs, which needs root): every file is
 * either whole or absent, the console summary is still printed, one line says which files are missing and why,
 * and the exit code is 4.
 */
class FullDiskIT {
  @TempDir
  Path tmp;

  private Path mount;

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      new ProcessBuilder("umount", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFullDiskLeavesNoTruncatedFileAndStillPrintsTheSummary() throws Exception {
    Path small = Files.createDirectories(tmp.resolve("small"));
    Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", small.toString())
        .redirectErrorStream(true).start();
    Assumptions.assumeTrue(m.waitFor(10, TimeUnit.SECONDS) && m.exitValue() == 0,
        "mounting a small tmpfs needs root: " + new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    mount = small;

    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      exit = MqttChaos.execute("run", "profiles/quickstart.yaml", "--results-dir", small.toString(),
          "--set", "load.clients=50", "--set", "load.rampDuration=1s", "--set", "load.hold=1s");
    } finally {
      System.setOut(stdout);
    }
    String console = captured.toString(StandardCharsets.UTF_8);

    assertEquals(MqttChaos.EXIT_INCOMPLETE, exit, console);
    assertTrue(console.contains("connects         60 ok"), "the console summary is printed: " + console);
    Path run = QuickstartRuns.lastRun(small);
    assertTrue(console.contains("the results folder " + run + " is incomplete, these files could not be written"
        + " and are absent: report.html: No space left on device"), console);
    assertFalse(Files.exists(run.resolve("report.html")), "no truncated report.html");
    try (Stream<Path> files = Files.list(run)) {
      List<Path> partial = files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
      assertEquals(List.of(), partial, "no temporary file left");
    }
    JsonNode summary = QuickstartRuns.read(small, "summary.json");
    assertEquals(60, summary.at("/connects/succeeded").asLong(), "what fitted is whole");
  }
}
