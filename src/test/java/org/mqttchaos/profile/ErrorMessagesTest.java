package org.mqttchaos.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a profile file can be wrong, with the exact one-line message a user reads. */
class ErrorMessagesTest {
  @TempDir Path dir;

  private String error(String yaml) {
    return new ProfileFiles(dir).error(yaml);
  }

  private String at(int line) {
    return new ProfileFiles(dir).at(line);
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() {
    assertEquals(at(3) + "YAML syntax error: mapping values are not allowed here",
        error("load:\n  clients: 5\n  hold: 3s: 4\n"));
  }

  /** A key given with nothing after it is a mistake to name, not a silent default (absent keys take it). */
  private static final String HASH_HINT = " (a # not in quotes starts a YAML comment: write a filter that begins"
      + " with # in quotes, e.g. \"#\", and with --set quote it for the shell too, e.g."
      + " --set 'messages.filter=\"#\"')";

  @Test
  void anEmptyValueIsNamedNotTakenForTheDefault() {
    assertEquals(at(3) + "messages.filter: a topic filter must not be empty [MQTT-4.7.3-1], got ''" + HASH_HINT,
        error("messages:\n  publishers: 0.1\n  filter:\n"));
    assertEquals(at(2) + "load.clients: expected a whole number >= 1, got an empty value", error("load:\n  clients: ~\n"));
    assertEquals(at(2) + "load.hold: expected a duration like 500ms, 10s or 2m, got an empty value",
        error("load:\n  hold: null\n"));
    assertEquals(at(2) + "broker.url: expected embedded, embedded+tls, embedded+ws, embedded+wss or a URL like"
        + " tcp://127.0.0.1:1883, got an empty value (no scheme: write it like tcp://)", error("broker:\n  url:\n"));
    assertEquals(at(3) + "chaos.massDrop[0].mode: expected one of fin, rst, got an empty value",
        error("chaos:\n  massDrop:\n    - {at: 5s, fraction: 0.5, mode: }\n"));
    assertEquals("--set messages.filter=: messages.filter: a topic filter must not be empty [MQTT-4.7.3-1],"
        + " got ''" + HASH_HINT,
        new ProfileFiles(dir).error("", "messages.filter="));
    // the likeliest way to an empty filter: the wildcard read as a comment, in a file and with --set
    assertEquals(at(2) + "messages.filter: a topic filter must not be empty [MQTT-4.7.3-1], got ''" + HASH_HINT,
        error("messages:\n  filter: #\n"));
    assertEquals("--set messages.backend.filter=#/a: messages.backend.filter: a topic filter must not be empty"
        + " [MQTT-4.7.3-1], got ''" + HASH_HINT, new ProfileFiles(dir).error("", "messages.backend.filter=#/a"));
  }

  @Test
  void topLevelMustBeAMap() {
    assertEquals(at(1) + "expected a map of keys like name, broker and load at the top level, got a list",
        error("- clients\n- 5\n"));
    assertEquals(at(1) + "expected a map of keys like name, broker and load at the top level, got 'hello'",
        error("hello\n"));
  }

  @Test
  void duplicateKeyNamesBothLines() {
    assertEquals(at(4) + "duplicate key 'load.clients' (first at line 2)",
        error("load:\n  clients: 1\n  hold: 2s\n  clients: 2\n"));
  }

  @Test
  void keysMustBeNames() {
    assertEquals(at(2) + "load: keys must be plain names", error("load:\n  ? [a, b]\n  : 1\n"));
  }

  @Test
  void unknownKeySuggestsTheClosest() {
    assertEquals(at(2) + "unknown key 'load.clientz' (did you mean 'load.clients'?)", error("load:\n  clientz: 5\n"));
    assertEquals(at(1) + "unknown key 'brokr' (did you mean 'broker'?)", error("brokr: {}\n"));
    assertEquals(at(2) + "unknown key 'load.keepalive' (did you mean 'load.keepAlive'?)",
        error("load:\n  keepalive: 5s\n"));
  }

  @Test
  void unknownKeyWithoutCloseMatchListsTheKeysThere() {
    assertEquals(at(2) + "unknown key 'load.speed'; keys under load: clients, injection, rampDuration, rate, hold,"
        + " keepAlive, leave, startGrid", error("load:\n  speed: 5\n"));
    assertEquals(at(1) + "unknown key 'threads'; top-level keys: name, description, seed, broker, load, sessions,"
        + " collisions, reconnect, chaos, will, messages, assertions", error("threads: 4\n"));
    assertEquals(at(3) + "unknown key 'chaos.abruptDrop.probability'; keys under chaos.abruptDrop:"
        + " ratePerMinute, mode", error("chaos:\n  abruptDrop:\n    probability: 1\n"));
  }

  @Test
  void sectionMustBeAMap() {
    assertEquals(at(1) + "sessions: expected a map with keys cleanRatio, reconnectPersistent, sessionExpiry,"
        + " expiryTolerance, clientIdPrefix, got '0.5'", error("sessions: 0.5\n"));
  }

  @Test
  void wholeNumbers() {
    assertEquals(at(2) + "load.clients: expected a whole number >= 1, got 'abc'", error("load:\n  clients: abc\n"));
    assertEquals(at(2) + "load.clients: expected a whole number >= 1, got '0'", error("load:\n  clients: 0\n"));
    assertEquals(at(2) + "load.clients: expected a whole number >= 1, got '1.5'", error("load:\n  clients: 1.5\n"));
    assertEquals(at(2) + "load.clients: expected a whole number >= 1, got a list", error("load:\n  clients: [1]\n"));
    assertEquals(at(1) + "seed: expected a whole number, got 'random'", error("seed: random\n"));
  }

  @Test
  void numbersAndBooleans() {
    assertEquals(at(1) + "sessions.cleanRatio: expected a number from 0 to 1, got '1.5'",
        error("sessions: {cleanRatio: 1.5}\n"));
    assertEquals(at(1) + "sessions.cleanRatio: expected a number from 0 to 1, got 'half'",
        error("sessions: {cleanRatio: half}\n"));
    assertEquals(at(1) + "load.rate: expected a number >= 0, got '-1'", error("load: {rate: -1}\n"));
    assertEquals(at(1) + "load.rate: expected a number >= 0, got '1e999'", error("load: {rate: 1e999}\n"));
    assertEquals(at(1) + "sessions.reconnectPersistent: expected true or false, got 'yes'",
        error("sessions: {reconnectPersistent: yes}\n"));
  }

  @Test
  void durations() {
    assertEquals(at(1) + "load.hold: expected a duration like 500ms, 10s or 2m, got '10'", error("load: {hold: 10}\n"));
    assertEquals(at(1) + "load.hold: expected a duration like 500ms, 10s or 2m, got '1.5s'",
        error("load: {hold: 1.5s}\n"));
    assertEquals(at(1) + "load.hold: expected a duration >= 0, got '-5s'", error("load: {hold: -5s}\n"));
    assertEquals(at(1) + "load.startGrid: expected a duration from 0s to 1s, got '2s'",
        error("load: {startGrid: 2s}\n"));
    assertEquals(at(1) + "broker.connectTimeout: expected a duration > 0, got '0s'",
        error("broker: {connectTimeout: 0s}\n"));
    assertEquals(at(1) + "load.keepAlive: expected whole seconds from 0s to 65535s, got '1500ms'",
        error("load: {keepAlive: 1500ms}\n"));
    assertEquals(at(1) + "load.keepAlive: expected whole seconds from 0s to 65535s, got '70000s'",
        error("load: {keepAlive: 70000s}\n"));
  }

  @Test
  void enumsListTheAllowedValues() {
    assertEquals(at(1) + "load.injection: expected one of ramp, rate, atOnce, got 'linear'",
        error("load: {injection: linear}\n"));
    assertEquals(at(1) + "load.leave: expected one of graceful, abrupt, graceful-with-will, got 'now'", error("load: {leave: now}\n"));
    assertEquals(at(1) + "broker.mqttVersion: expected one of 3.1.1, 5, got '4'", error("broker: {mqttVersion: 4}\n"));
  }

  @Test
  void brokerUrls() {
    String expected = "broker.url: expected embedded, embedded+tls, embedded+ws, embedded+wss or a URL like"
        + " tcp://127.0.0.1:1883, got ";
    assertEquals(at(1) + expected + "'http://127.0.0.1:1883' (unknown scheme 'http': use tcp, mqtt, ssl, tls, mqtts,"
        + " ws or wss)", error("broker: {url: 'http://127.0.0.1:1883'}\n"));
    assertEquals(at(1) + expected + "'tcp://127.0.0.1:70000' (port 70000 is not from 1 to 65535)",
        error("broker: {url: 'tcp://127.0.0.1:70000'}\n"));
    assertEquals(at(1) + expected + "'127.0.0.1:1883' (no scheme: write it like tcp://127.0.0.1:1883)",
        error("broker: {url: '127.0.0.1:1883'}\n"));
    assertEquals(at(1) + expected + "'tcp://127.0.0.1:1883/x' (a path is only for ws:// and wss:// URLs, got '/x')",
        error("broker: {url: 'tcp://127.0.0.1:1883/x'}\n"));
    assertEquals(at(1) + expected + "'embedded+mqtts'", error("broker: {url: 'embedded+mqtts'}\n"));
  }

  @Test
  void sourceAddresses() {
    String expected = "expected an IP address like 127.0.0.2 or a range like 127.0.0.1-127.0.0.4, got ";
    assertEquals(at(2) + "broker.sourceAddresses[1]: " + expected + "'localhost'",
        error("broker:\n  sourceAddresses: [127.0.0.1, localhost]\n"));
    assertEquals(at(2) + "broker.sourceAddresses[0]: " + expected + "'127.0.0.1-::1'",
        error("broker:\n  sourceAddresses: ['127.0.0.1-::1']\n"));
    assertEquals(at(2) + "broker.sourceAddresses[0]: expected a range whose last address is not before its first,"
        + " got '127.0.0.9-127.0.0.1'", error("broker:\n  sourceAddresses: [127.0.0.9-127.0.0.1]\n"));
    assertEquals(at(2) + "broker.sourceAddresses[0]: expected a range of at most 4096 addresses,"
        + " got '10.0.0.0-10.1.0.0'", error("broker:\n  sourceAddresses: [10.0.0.0-10.1.0.0]\n"));
  }

  @Test
  void profileNameMustSuitAFolderName() {
    assertEquals(at(1) + "name: expected a name of letters, digits, '.', '_' or '-', got 'a/b'", error("name: a/b\n"));
  }
}
