package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqttchaos.cli.Refusals.refusal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misuse that would only fail once the run began is found before anything runs: one line with the reason,
 * exit 2, and no results folder left behind (run and simulate alike).
 */
class RunMisuseTest {
  @TempDir
  Path tmp;

  @Test
  void aMetricsPortInUseIsRefusedAndNoResultsFolderIsMade() throws IOException {
    Path results = tmp.resolve("results");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      String line = refusal("run", "profiles/quickstart.yaml", "--results-dir", results.toString(),
          "--metrics-port", Integer.toString(port));
      assertEquals("mqtt-chaos: --metrics-port " + port + ": cannot listen on 127.0.0.1:" + port
          + " (Address already in use): choose another port, or 0 for any free one", line);
      assertEquals(1, line.lines().count());
    }
    assertTrue(!Files.exists(results) || isEmpty(results), "no results folder was made");
  }

  @Test
  void aResultsDirectoryThatIsAFileIsRefusedWithTheReason() throws IOException {
    Path file = Files.writeString(tmp.resolve("results"), "not a folder");
    assertEquals("mqtt-chaos: --results-dir " + file + ": not a directory",
        refusal("run", "profiles/quickstart.yaml", "--results-dir", file.toString()));
    assertEquals("mqtt-chaos: --results-dir " + file.resolve("sub") + ": Not a directory (" + file.resolve("sub")
        + ")", refusal("simulate", "TakeoverChaosSimulation", "--results-dir", file.resolve("sub").toString()));
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isEmpty();
    }
  }
}
