package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a local page in Debian's headless Chromium and returns the DOM after its scripts ran. Bounded: a browser
 * that does not finish in time is killed with its children and the test fails.
 */
final class HeadlessChromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 60;

  private HeadlessChromium() {}

  /** @param work an empty folder for the browser profile and its output */
  static String dumpDom(Path page, Path work) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      fail("Chromium not found at " + BINARY + ": install it (apt-get install -y chromium); .ci/run does");
    }
    Path dom = work.resolve("dom.html");
    Path log = work.resolve("chromium.log");
    Process p = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + Files.createDirectories(work.resolve("profile")),
        "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString()))
        .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail("Chromium did not finish " + page + " within " + TIMEOUT_SECONDS + " s; killed it");
    }
    if (p.exitValue() != 0) {
      fail("Chromium exited with " + p.exitValue() + " on " + page + ":\n" + Files.readString(log));
    }
    return Files.readString(dom);
  }
}
