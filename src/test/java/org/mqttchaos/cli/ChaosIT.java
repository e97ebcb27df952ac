package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttchaos.testsupport.TwoBrokers;

/**
 * The chaos engine end to end through the CLI, with exact numbers, against the embedded broker and a real
 * mosquitto: every figure must match what happened on the wire. Both brokers are started once for the class (each
 * run's client IDs are its own); RunCommandIT runs the embedded broker the CLI starts itself.
 */
class ChaosIT {
  private static TwoBrokers brokers;

  @TempDir
  Path results;

  @BeforeAll
  static void startBrokers() {
    brokers = TwoBrokers.start();
  }

  @AfterAll
  static void stopBrokers() {
    brokers.close();
  }

  /** Runs quickstart.yaml with overrides against "embedded" or "mosquitto"; returns run.json's counters. */
  private JsonNode run(String broker, String... sets) throws IOException {
    return QuickstartRuns.counters(results, brokers.urlArgs(broker), sets);
  }

  private static long count(JsonNode counters, String name) {
    return QuickstartRuns.count(counters, name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "mosquitto"})
  void clientsWithWillsDroppedAbruptlyGiveExactlyOneWillEachAndNoFinding(String broker) throws IOException {
    JsonNode c = run(broker, "load.clients=20", "load.hold=1s", "load.leave=abrupt", "will.ratio=1");

    assertEquals(20, count(c, "drops.abrupt"));
    assertEquals(20, count(c, "wills.expected"));
    assertEquals(20, count(c, "wills.received"));
    assertEquals(0, count(c, "wills.missing"));
    assertEquals(0, count(c, "wills.duplicates"));
    assertEquals(0, count(c, "findings"));
    assertEquals(0, count(c, "broker.outages"), "every client dropping its own connection is no outage");
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "mosquitto"})
  void gracefulLeaversWithWillsGiveNoWill(String broker) throws IOException {
    JsonNode c = run(broker, "load.clients=20", "load.hold=1s", "load.leave=graceful", "will.ratio=1");

    assertEquals(20, count(c, "drops.graceful"));
    assertEquals(0, count(c, "wills.expected"));
    assertEquals(0, count(c, "wills.received"));
    assertEquals(0, count(c, "wills.unexpected"));
    assertEquals(0, count(c, "findings"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "mosquitto"})
  void silentClientsAreCutAndEachDetectionDelayIsMeasured(String broker) throws IOException {
    JsonNode c = run(broker, "load.clients=8", "load.hold=3s", "load.keepAlive=2s",
        "chaos.keepAliveExpiry={ratio: 0.5, after: 1s, tolerance: 500ms}", "will.ratio=1");

    assertEquals(4, count(c, "keepAlive.silentClients"));
    assertEquals(4, count(c, "keepAlive.closedByBroker"), "the broker cut every silent client");
    JsonNode summary = QuickstartRuns.read(results, "summary.json");
    assertEquals(4, summary.at("/keepAlive/detection/count").asLong(), "one detection delay per silent client");
    // A keep-alive cut publishes the will; late or early cuts are the broker's doing and reported, not asserted.
    assertEquals(4, count(c, "wills.expected"));
    assertEquals(4, count(c, "wills.received"));
    assertEquals(0, count(c, "broker.outages"), "keep-alive cuts are the broker at work");
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "mosquitto"})
  void collisionPairsWithReconnectTakeEachOtherOverAndEveryBrokerCloseIsATakeover(String broker) throws IOException {
    JsonNode c = run(broker, "load.clients=10", "load.hold=2s", "collisions={ratio: 1.0, groupSize: 2}",
        "reconnect={enabled: true, initialDelay: 300ms, maxDelay: 300ms, multiplier: 1, jitter: 0,"
            + " quietPeriod: 2s}");

    assertEquals(10, count(c, "flaps.takenOverUsers"), "both members of every pair were taken over");
    assertEquals(count(c, "closes.BY_BROKER"), count(c, "flaps.takeovers"),
        "the takeover count equals the broker-side closes the clients saw");
    assertTrue(count(c, "flaps.takeovers") >= 10, "pairs kept flapping: " + count(c, "flaps.takeovers"));
    assertEquals(5, count(c, "flaps.flappingIds"));
    assertEquals(5, count(c, "flaps.neverCalmed"), "a pair on a fixed period knocks itself off until it leaves:"
        + " no connection of it stays up 2 s after its last flap");
    assertEquals(0, count(c, "flaps.throttled"));
    assertEquals(0, count(c, "sessionPresent.mismatches"));
    assertEquals(0, count(c, "broker.outages"), "a takeover storm of every client is no outage");
  }

  /**
   * Every user is planned silent, but its silence falls due while a mass drop has it down waiting to reconnect: the
   * silence is skipped, the user reconnects and holds on a connection that is not silent, so no keep-alive cut is
   * owed and it leaves when its hold ends, without waiting for a cut (which kept it connected another 1.5 x
   * keep-alive + tolerance + 5 s, and logged a KO "timeout"). Users start within 5 s of the run (the mass drop at
   * 6 s falls in their hold, the silence at hold + 6 s within the 5 s reconnect delay).
   */
  @Test
  void aPlannedSilenceSkippedWhileDownOwesNoCutAndTheUserLeavesOnTime() throws IOException {
    JsonNode c = run("mosquitto", "load.clients=4", "load.injection=atOnce", "load.hold=12s", "load.keepAlive=2s",
        "chaos.keepAliveExpiry={ratio: 1.0, after: 6s, tolerance: 500ms}",
        "chaos.massDrop=[{at: 6s, fraction: 1.0}]",
        "reconnect={enabled: true, initialDelay: 5s, maxDelay: 5s, multiplier: 1, jitter: 0}", "will.ratio=0");

    assertEquals(4, count(c, "massDrop.0.dropped"), "the mass drop took every user down: " + c);
    assertEquals(4, count(c, "faults.skipped"), "every silence fell due while its user was down: " + c);
    assertEquals(0, count(c, "keepAlive.silentClients"));
    assertEquals(4, count(c, "actions.ok.reconnect (auto)"), "every user came back");
    assertEquals(0, count(c, "actions.ko.await keep-alive cut"), "no user waited for a cut it was not owed: " + c);
    assertEquals(0, count(c, "actions.ok.await keep-alive cut"), "no silent connection: no wait at all");
    assertEquals(4, count(c, "actions.ok.leave"), "every user left gracefully after its hold");
    assertEquals(0, count(c, "findings"));
  }

  @Test
  void twoRunsWithOneSeedHaveTheSamePlan() throws IOException {
    String[] chaos = {"load.clients=30", "load.hold=1s", "seed=5", "collisions.ratio=0.2", "will.ratio=0.5",
        "chaos.abruptDrop={ratePerMinute: 20, mode: fin}", "chaos.massDrop=[{at: 1s, fraction: 0.3}]"};
    run("embedded", chaos);
    String first = Files.readString(QuickstartRuns.lastRun(results).resolve("plan.csv"));
    run("embedded", chaos);
    String second = Files.readString(QuickstartRuns.lastRun(results).resolve("plan.csv"));

    assertEquals(first, second);
    assertTrue(first.contains("drop@") && first.contains("massDrop#0@1.000s:rst") && first.contains(",g"), first);
  }
}
