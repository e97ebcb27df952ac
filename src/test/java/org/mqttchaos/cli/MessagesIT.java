package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttchaos.testsupport.TwoBrokers;

/**
 * The publish/subscribe load end to end through the CLI, against the embedded broker and a real mosquitto, with
 * the counts the plan determines: on a correct broker without chaos every planned message is published and
 * acknowledged once and delivered once to every subscriber. Both brokers are started once for the class (each run
 * draws its own client-ID prefix, so an earlier run's sessions cannot answer a later one's).
 */
class MessagesIT {
  /**
   * The backend subscribers stay 500 ms after the devices' holds instead of 2 s: after it they still wait while
   * messages move (run.MessageDrain: until nothing was published, acknowledged or received for 500 ms).
   */
  private static final String LINGER = "messages.backend.linger=500ms";

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

  private JsonNode run(String broker, String... sets) throws IOException {
    return QuickstartRuns.counters(results, brokers.urlArgs(broker), sets);
  }

  private JsonNode summary() throws IOException {
    return QuickstartRuns.read(results, "summary.json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "mosquitto"})
  void fanInToTwoBackendSubscribersDeliversEveryMessageToBoth(String broker) throws IOException {
    run(broker, "load.clients=20", "load.hold=2s", "messages.publishers=1", "messages.rate=5", "messages.qos=1",
        "messages.subscribeQos=1", "messages.backend.subscribers=2", "messages.backend.filter=devices/+/telemetry",
        LINGER, "assertions=[messages.published > 0, delivery.p99 < 10s]");

    JsonNode m = summary().get("messages");
    // 20 publishers x 5 msg/s x 2 s: messages 0..9 of each are due before its hold ends
    assertEquals(200, m.get("published").asLong(), m.toString());
    assertEquals(200, m.at("/byQos/qos1/published").asLong());
    assertEquals(0, m.get("notSent").asLong());
    assertEquals(200, m.get("acknowledged").asLong());
    assertEquals(400, m.get("received").asLong(), "every message to both backend subscribers");
    assertEquals(400, m.at("/byQos/qos1/received").asLong());
    // the delivery checker: 200 messages x 2 sessions, each delivered once
    assertEquals(400, m.get("expected").asLong(), m.toString());
    assertEquals(400, m.get("delivered").asLong());
    assertEquals(400, m.at("/byQos/qos1/delivered").asLong());
    assertEquals(0, m.get("lost").asLong() + m.get("duplicated").asLong() + m.get("outOfOrder").asLong()
        + m.get("unknown").asLong() + m.get("expectedLoss").asLong() + m.get("unexpected").asLong());
    assertEquals(400, m.at("/delivery/count").asLong());
    assertEquals(200, m.at("/puback/count").asLong());
    assertEquals(0, m.at("/pubcomp/count").asLong());
    assertEquals(2, m.get("subscriptions").asLong());
    assertEquals(0, m.get("subscriptionsRefused").asLong());
    assertTrue(m.at("/delivery/p99").asLong() > 0);
    assertEquals(0, summary().get("findings").asLong());
    summary().get("assertions").forEach(a -> assertTrue(a.get("passed").asBoolean(), a.toString()));
    String timeline = Files.readString(QuickstartRuns.lastRun(results).resolve("timeline.csv"));
    assertTrue(timeline.startsWith("second,connected,connects,flaps,faults,brokerDown,published,acknowledged,"
        + "delivered\n"), timeline);
    assertEquals(200, column(timeline, 6), "published per second adds up");
    assertEquals(400, column(timeline, 8), "received per second (the delivered column) adds up");
    Path dir = QuickstartRuns.lastRun(results);
    assertTrue(Files.size(dir.resolve("delivery.hlog")) > 0 && Files.size(dir.resolve("puback.hlog")) > 0);
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("id=\"messages\"") && html.contains("message-percentiles")
        && html.contains("message-timeline"), "report.html has the messages section");
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "mosquitto"})
  void qos2FanOutToEveryDeviceCompletesEachPublishOnce(String broker) throws IOException {
    // one publisher (5% of 20) on one command topic, every device subscribed to it
    run(broker, "load.clients=20", "load.hold=2s", "messages.publishers=0.05", "messages.subscribers=1",
        "messages.topic=commands/all", "messages.filter=commands/all", "messages.rate=4", "messages.qos=2",
        "messages.subscribeQos=2");

    JsonNode m = summary().get("messages");
    assertEquals(8, m.at("/byQos/qos2/published").asLong(), m.toString());
    assertEquals(8, m.at("/byQos/qos2/acknowledged").asLong());
    assertEquals(8, m.at("/pubcomp/count").asLong());
    assertEquals(20, m.get("subscriptions").asLong());
    // every device is subscribed before its hold, but the publisher may start before the last ones subscribed
    long received = m.at("/byQos/qos2/received").asLong();
    assertTrue(received > 0 && received <= 8 * 20, "received " + received);
    assertEquals(0, m.at("/byQos/qos1/received").asLong());
    // what each device was entitled to (subscribed when it was published) arrived once, at QoS 2
    assertEquals(received, m.at("/byQos/qos2/delivered").asLong(), m.toString());
    assertEquals(m.get("expected").asLong(), m.get("delivered").asLong() + m.get("expectedLoss").asLong()
        + m.get("unknown").asLong(), m.toString());
    assertEquals(0, m.get("lost").asLong() + m.get("duplicated").asLong() + m.get("outOfOrder").asLong());
  }

  /**
   * One mass drop (RST) of every device, two of them clean and two persistent, all publishing and subscribed: a clean
   * subscriber is subscribed again on every reconnect, a persistent one keeps its subscription, and messages due
   * while a publisher was down are not sent. (Two runs per broker before, one for the clean and one for the
   * persistent devices; one run asserts both, each count still telling the two apart.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"embedded", "mosquitto"})
  void aMassDropResubscribesCleanSubscribersKeepsPersistentOnesAndSendsNothingWhileDown(String broker)
      throws IOException {
    // mass drops are timed from the run's start, which is before Gatling is up (both brokers already are): 4 s is
    // well inside every hold even when Gatling starts slowly
    JsonNode c = run(broker, "load.clients=4", "load.hold=6s", "sessions.cleanRatio=0.5", "messages.publishers=1",
        "messages.subscribers=1", "messages.rate=5", "messages.qos=1",
        "chaos.massDrop=[{at: 4s, fraction: 1.0, mode: rst}]",
        "reconnect={enabled: true, initialDelay: 500ms, maxDelay: 500ms, multiplier: 1, jitter: 0}");

    assertEquals(4, QuickstartRuns.count(c, "massDrop.0.dropped"));
    assertEquals(4, QuickstartRuns.count(c, "massDrop.0.recovered"));
    JsonNode m = summary().get("messages");
    // 4 publishers x 5 msg/s x 6 s planned: each was either sent or, while its client was down, not sent
    assertEquals(120, m.get("published").asLong() + m.get("notSent").asLong(), m.toString());
    assertTrue(m.get("notSent").asLong() >= 4 * 2, "half a second down: " + m);
    // the 2 clean sessions: subscribed first and again after the drop's reconnect (4); the 2 persistent ones:
    // subscribed once, the reconnects after the drop and the one after the hold found their sessions (2)
    assertEquals(2 * 2 + 2, m.get("subscriptions").asLong(), m.toString());
    assertEquals(2 * 2 + 2, QuickstartRuns.count(c, "packets.SubAckReceived"));
    assertEquals(2 * 2, QuickstartRuns.count(c, "sessionPresent.received1"), "the persistent sessions were found"
        + " by the reconnect after the drop and the one after the hold: " + c);
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "mosquitto"})
  void aSharedSubscriptionGivesEachMessageToOneMemberOfTheGroup(String broker) throws IOException {
    run(broker, "broker.mqttVersion=5", "load.clients=10", "load.hold=2s", "messages.publishers=1",
        "messages.rate=4", "messages.qos=1", "messages.backend.subscribers=3",
        "messages.backend.filter=$share/readers/devices/+/telemetry", LINGER);

    JsonNode m = summary().get("messages");
    assertEquals(80, m.get("published").asLong(), m.toString());
    assertEquals(3, m.get("subscriptions").asLong());
    assertEquals(0, m.get("subscriptionsRefused").asLong());
    assertEquals(80, m.get("received").asLong(), "one member of the group gets each message");
    assertEquals(80, m.get("expected").asLong(), "owed once to the group");
    assertEquals(80, m.get("delivered").asLong());
  }

  @org.junit.jupiter.api.Test
  void wrongMessageKeysAreOneLineAndExitTwo() {
    assertEquals("--set messages.qos=3: messages.qos: expected a whole number from 0 to 2, got '3'",
        Refusals.refusal("run", "profiles/quickstart.yaml", "--results-dir", results.toString(), "--set",
            "messages.qos=3"));
    assertEquals("--set messages.filter=a/#/b: messages.filter: # must be a whole topic level and the"
        + " last one [MQTT-4.7.1-2], got 'a/#/b'", Refusals.refusal("run", "profiles/quickstart.yaml",
            "--results-dir", results.toString(), "--set", "messages.filter=a/#/b"));
    assertEquals("--set messages.filter=$share/g/x: messages.filter: shared subscriptions ($share/...)"
        + " are MQTT 5 (section 4.8.2); set broker.mqttVersion: \"5\" or subscribe without $share, got"
        + " '$share/g/x'", Refusals.refusal("run", "profiles/quickstart.yaml", "--results-dir", results.toString(),
            "--set", "messages.filter=$share/g/x"));
  }

  /** The sum of the 0-based column of timeline.csv. */
  private static long column(String csv, int index) {
    return csv.lines().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[index])).sum();
  }
}
