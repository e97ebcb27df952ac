package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test fixture for the chaos integration tests: runs quickstart.yaml from the CLI, clean sessions ramped over a
 * second, with the test's overrides, and reads back what the run wrote. The harness warm-up is skipped: it changes
 * how late the first users start, never what a run counts (RunCommandIT runs with it).
 */
final class QuickstartRuns {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QuickstartRuns() {}

  /**
   * Runs it with {@code args} (options), then a `--set` for each of {@code sets}; asserts exit 0 and returns
   * run.json's counters.
   */
  static JsonNode counters(Path results, List<String> args, String... sets) throws IOException {
    List<String> all = new ArrayList<>(List.of("run", "profiles/quickstart.yaml", "--results-dir",
        results.toString(), "--warm-up", "0", "--set", "load.rampDuration=1s", "--set", "sessions.cleanRatio=1"));
    all.addAll(args);
    for (String set : sets) {
      all.addAll(List.of("--set", set));
    }
    int exit = MqttChaos.execute(all.toArray(String[]::new));
    assertEquals(0, exit, "exit code of " + all);
    return read(results, "run.json").get("counters");
  }

  /** A JSON file of the newest results folder under {@code results}. */
  static JsonNode read(Path results, String file) throws IOException {
    return JSON.readTree(lastRun(results).resolve(file).toFile());
  }

  static long count(JsonNode counters, String name) {
    return counters.path(name).asLong(0);
  }

  /** The newest results folder under {@code results}. */
  static Path lastRun(Path results) throws IOException {
    try (Stream<Path> folders = Files.list(results)) {
      return folders.max(Path::compareTo).orElseThrow();
    }
  }
}
