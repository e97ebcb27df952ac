package org.mqttchaos.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.client.AbruptMode;

/** --set key=value: values are flow YAML, applied in order after substitution, lists replaced whole. */
class OverridesTest {
  @TempDir Path dir;

  private ProfileFiles files() {
    return new ProfileFiles(dir);
  }

  @Test
  void scalarValuesOverrideTheFile() {
    Profile p = files().load("load: {clients: 10}\n", "load.clients=5000", "broker.url=tcp://127.0.0.1:1884");
    assertEquals(5000, p.load().clients());
    assertEquals("127.0.0.1", p.broker().host());
    assertEquals(1884, p.broker().port());
  }

  @Test
  void createsSectionsTheFileLacks() {
    assertEquals(Duration.ofSeconds(3), files().load("", "load.hold=3s").load().hold());
  }

  @Test
  void laterSetWins() {
    assertEquals(7, files().load("", "load.clients=5", "load.clients=7").load().clients());
  }

  @Test
  void listValuesReplaceTheListWhole() {
    Profile p = files().loadAllFeatures("chaos:\n  massDrop: [{at: 1s, fraction: 1}, {at: 2s, fraction: 1}]\n",
        "chaos.massDrop=[{at: 5s, fraction: 0.5}]", "broker.sourceAddresses=[127.0.0.1, 127.0.0.2]");
    assertEquals(List.of(new MassDrop(Duration.ofSeconds(5), 0.5, AbruptMode.RST)), p.chaos().massDrop());
    assertEquals(List.of("127.0.0.1", "127.0.0.2"), p.broker().sourceAddresses());
  }

  @Test
  void aMapValueSetsAWholeSection() {
    Profile p = files().load("load: {clients: 10, hold: 1s}\n", "load={clients: 20}");
    assertEquals(20, p.load().clients());
    assertEquals(Duration.ofSeconds(10), p.load().hold());
  }

  @Test
  void unknownKeySuggestsTheClosest() {
    assertEquals("--set load.clientz=5: unknown key 'load.clientz' (did you mean 'load.clients'?)",
        files().error("", "load.clientz=5"));
    assertEquals("--set lod.clients=5: unknown key 'lod' (did you mean 'load'?)", files().error("", "lod.clients=5"));
    assertEquals("--set load.clients.max=5: unknown key 'load.clients.max' (load.clients takes a value, not keys)",
        files().error("", "load.clients.max=5"));
  }

  @Test
  void missingEqualsSign() {
    assertEquals("--set load.clients: expected key=value, like --set load.clients=5000",
        files().error("", "load.clients"));
  }

  @Test
  void valueIsCheckedLikeAFileValue() {
    assertEquals("--set load.clients=abc: load.clients: expected a whole number >= 1, got 'abc'",
        files().error("load: {clients: 10}\n", "load.clients=abc"));
    assertEquals("--set load={clientz: 1}: unknown key 'load.clientz' (did you mean 'load.clients'?)",
        files().error("", "load={clientz: 1}"));
  }

  @Test
  void valueMustBeYaml() {
    assertEquals("--set chaos.massDrop=[{at: 5s: value is not valid YAML: expected ',' or '}', but got <stream end>",
        files().error("", "chaos.massDrop=[{at: 5s"));
  }
}
