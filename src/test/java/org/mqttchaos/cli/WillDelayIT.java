package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttchaos.testsupport.TwoBrokers;

/**
 * MQTT 5 Will Delay Interval (will.delay) and DISCONNECT 0x04 (load.leave: graceful-with-will) end to end through
 * the CLI, against the embedded broker and a real mosquitto, both of which honour them: the will comes after the
 * delay and not before, not at all when the client comes back with its session in time, and after DISCONNECT 0x04.
 */
class WillDelayIT {
  /** Persistent MQTT 5 sessions (expiry 300 s, longer than the delay) with a will, ten clients, no reconnect check. */
  private static final String[] PERSISTENT_WILLS = {"broker.mqttVersion=\"5\"", "load.clients=10", "load.hold=1s",
      "will.ratio=1", "sessions.cleanRatio=0", "sessions.reconnectPersistent=false", "sessions.sessionExpiry=300s"};
  private static TwoBrokers brokers;

  @org.junit.jupiter.api.io.TempDir
  Path results;

  /**
   * Both brokers once for the class, the embedded one too (each run's client IDs are its own): the CLI's own embedded
   * broker, started and stopped by every run, took ~4 s of each of its runs. Its own start is RunCommandIT's.
   */
  @BeforeAll
  static void startBrokers() {
    brokers = TwoBrokers.start();
  }

  @AfterAll
  static void stopBrokers() {
    brokers.close();
  }

  private JsonNode run(String broker, String... sets) throws IOException {
    List<String> args = brokers.urlArgs(broker);
    List<String> all = new ArrayList<>(List.of(PERSISTENT_WILLS));
    all.addAll(List.of(sets));
    return QuickstartRuns.counters(results, args, all.toArray(String[]::new));
  }

  private static long count(JsonNode counters, String name) {
    return QuickstartRuns.count(counters, name);
  }

  private JsonNode willDelay() throws IOException {
    return QuickstartRuns.read(results, "summary.json").at("/wills/delay");
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "mosquitto"})
  void aClientDroppedAbruptlyThatDoesNotComeBackGetsItsWillAfterTheDelayNotBefore(String broker) throws IOException {
    JsonNode c = run(broker, "load.leave=abrupt", "will.delay=2s");

    assertEquals(10, count(c, "drops.abrupt"));
    assertEquals(10, count(c, "wills.expected"));
    assertEquals(10, count(c, "wills.received"));
    assertEquals(0, count(c, "wills.early"));
    assertEquals(0, count(c, "wills.missing"));
    assertEquals(0, count(c, "findings"));
    JsonNode delay = willDelay();
    assertEquals(10, delay.get("count").asLong());
    // owed 2 s after the close; the stated tolerance (1 s) allows a broker's whole-second clock
    assertTrue(delay.get("min").asLong() >= 1_000_000, "no will before the delay: " + delay);
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "mosquitto"})
  void aClientBackWithItsSessionWithinTheDelayGetsNoWill(String broker) throws IOException {
    // Clients drop (RST) at seeded times during their hold and reconnect 300 ms later with their session kept: within
    // the 2 s delay, so those wills are cancelled. A drop in the hold's last 300 ms stays down: its will is owed.
    // (Drops are timed from each user's hold; a mass drop is timed from the run's start, which a cold JVM's Gatling
    // start-up can pass before the first user holds.)
    JsonNode c = run(broker, "load.hold=4s", "load.leave=graceful", "will.delay=2s",
        "chaos.abruptDrop={ratePerMinute: 30, mode: rst}",
        "reconnect={enabled: true, initialDelay: 300ms, maxDelay: 300ms, multiplier: 1, jitter: 0}");

    long drops = count(c, "drops.abrupt");
    assertTrue(count(c, "wills.cancelled") >= 5, "most drops came back in time: " + c);
    assertEquals(drops, count(c, "wills.cancelled") + count(c, "wills.expected"),
        "every drop's will is either cancelled by the return or owed");
    assertEquals(count(c, "wills.expected"), count(c, "wills.received"));
    assertEquals(0, count(c, "wills.afterReturn"));
    assertEquals(0, count(c, "wills.early"));
    assertEquals(0, count(c, "findings"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "mosquitto"})
  void disconnectWithWillMessageGetsTheWill(String broker) throws IOException {
    JsonNode c = run(broker, "load.leave=graceful-with-will");

    assertEquals(10, count(c, "closes.GRACEFUL_WITH_WILL_BY_CLIENT"));
    assertEquals(10, count(c, "drops.graceful"));
    assertEquals(10, count(c, "wills.expected"));
    assertEquals(10, count(c, "wills.received"));
    assertEquals(0, count(c, "wills.unexpected"));
    assertEquals(0, count(c, "findings"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "mosquitto"})
  void disconnectWithWillMessageHonoursTheDelay(String broker) throws IOException {
    JsonNode c = run(broker, "load.leave=graceful-with-will", "will.delay=2s");

    assertEquals(10, count(c, "wills.expected"));
    assertEquals(10, count(c, "wills.received"));
    assertEquals(0, count(c, "findings"));
    assertTrue(willDelay().get("min").asLong() >= 1_000_000, "no will before the delay: " + willDelay());
  }
}
