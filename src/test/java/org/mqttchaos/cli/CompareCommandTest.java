package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes of compare and report as a CI script sees them. */
class CompareCommandTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TempDir Path tmp;

  private Path copy(String name, String runJsonFrom, String runJsonTo) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    try (Stream<Path> files = Files.list(GOLDEN)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    Path run = dir.resolve("run.json");
    String json = Files.readString(run);
    assertTrue(json.contains(runJsonFrom), runJsonFrom);
    Files.writeString(run, json.replace(runJsonFrom, runJsonTo));
    return dir;
  }

  @Test
  void compareExitsOneOnlyWhenBRegresses() throws IOException {
    Path a = copy("a", "\"findings\" : 1", "\"findings\" : 1");
    Path worse = copy("worse", "\"findings\" : 1", "\"findings\" : 3");
    Path html = tmp.resolve("out.html");
    assertEquals(0, MqttChaos.execute("compare", a.toString(), a.toString(), "--out", html.toString()));
    assertTrue(Files.readString(html).contains("No regression of B against A."));
    assertEquals(1, MqttChaos.execute("compare", a.toString(), worse.toString(), "--out", html.toString()));
    assertTrue(Files.readString(html).contains("findings 1 -&gt; 3"));
    assertEquals(0, MqttChaos.execute("compare", a.toString(), worse.toString(), "--out", html.toString(),
        "--no-fail-on-new-findings"));
    assertEquals(0, MqttChaos.execute("compare", a.toString(), worse.toString(), "--out", html.toString(),
        "--fail-on-new-findings=false"));
    assertEquals(1, MqttChaos.execute("compare", a.toString(), worse.toString(), "--out", html.toString(),
        "--fail-on-new-findings"));
  }

  @Test
  void compareExitsTwoForAFolderThatIsNoResultsFolderOrABadOption() throws IOException {
    Path a = copy("a", "\"findings\" : 1", "\"findings\" : 1");
    Path html = tmp.resolve("out.html");
    assertEquals(2, MqttChaos.execute("compare", a.toString(), tmp.resolve("missing").toString(), "--out",
        html.toString()));
    assertEquals(2, MqttChaos.execute("compare", a.toString(), a.toString(), "--max-p99-regression", "-5"));
    assertFalse(Files.exists(html), "nothing written");
  }

  @Test
  void reportExitsOneWhenAnAssertionFails() throws IOException {
    Path failing = copy("failing", "\"findings == 0\"", "\"findings == 0\"");
    Path passing = copy("passing", "\"findings == 0\"", "\"findings == 1\"");
    assertEquals(1, MqttChaos.execute("report", failing.toString()));
    assertEquals(0, MqttChaos.execute("report", passing.toString()));
    assertEquals(2, MqttChaos.execute("report", tmp.resolve("missing").toString()));
  }
}
