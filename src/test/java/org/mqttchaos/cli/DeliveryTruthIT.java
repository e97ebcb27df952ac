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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqttchaos.testsupport.TwoBrokers;

/**
 * Issue 10's "Truth" from the CLI: publish/subscribe load under every kind of chaos at once (client-ID collisions that
 * take each other over, abrupt drops, keep-alive cuts, a mass drop), on the embedded broker and a real mosquitto, at
 * QoS 1 and 2, gives no message finding, and the counts that the plan determines hold exactly: every planned message
 * is published or counted not sent, the summary's published is the delivery checker's, every pair the checker owed
 * ends in exactly one outcome, nothing is lost, out of order or unexpected, and QoS 2 is never delivered twice.
 *
 * <p>16 clean-session devices all publish (4 msg/s each, 10 s holds with collisions, 6 s without) and half of them subscribe to every device's
 * telemetry, with one persistent backend subscriber that is dropped too. Each shape runs on both brokers and at both
 * QoS levels, each broker at each QoS once (a Latin square: the four other cells of the full matrix test nothing
 * these do not). Both brokers are started once for the class; each run draws its own client-ID prefix, so an
 * earlier run's persistent sessions cannot answer a later one's. mosquitto runs with an in-flight window
 * (max_inflight_messages) above anything in flight here: 2.0.11 loses QoS 2 messages it releases while a subscriber's
 * window is full, which check.DeliveryCheckerIT shows from its own log; a correct broker is what this test is about.
 * The backend subscriber lingers 500 ms after the devices' holds, not 2 s: it then still waits while messages move
 * (run.MessageDrain).
 */
class DeliveryTruthIT {
  private static final int PUBLISHERS = 16;
  /** Messages each publisher sends per second of its hold. */
  private static final int RATE = 4;

  private static TwoBrokers brokers;

  @TempDir
  Path results;

  @BeforeAll
  static void startBrokers() {
    brokers = TwoBrokers.start("max_inflight_messages 1000", "max_queued_messages 100000");
  }

  @AfterAll
  static void stopBrokers() {
    brokers.close();
  }

  @ParameterizedTest(name = "{0}, QoS {1}")
  @CsvSource({"embedded, 2", "mosquitto, 1"})
  void chaosOnPublishersAndSubscribersLosesNothingACorrectBrokerOwes(String broker, int qos) throws IOException {
    // These keep 10 s holds, silence 3 s in and the mass drop at 8 s: with a 6 s hold, silence 1 s in and the drop at
    // 5 s, one of the two silent clients never went silent (a colliding client is taken over now and then, and a
    // silence is due on a connection that is up).
    JsonNode c = run(broker, qos, 10, "3s", "8s", "sessions.cleanRatio=1", "collisions={ratio: 0.25, groupSize: 2}");
    assertTrue(QuickstartRuns.count(c, "flaps.takeovers") > 0, "takeovers: " + c);
    judge(c, qos, 10);
  }

  /**
   * Half the devices persistent (no collisions: two clients sharing one persistent session would share its packet
   * identifiers, which is the pair's doing, not the broker's): dropped publishers resend with DUP on the resumed
   * session, dropped subscribers get what was stored for them after the resume, and each reconnects once more after
   * its hold to check session present.
   */
  @ParameterizedTest(name = "{0}, QoS {1}")
  @CsvSource({"embedded, 1", "mosquitto, 2"})
  void persistentDevicesGetWhatWasStoredForThem(String broker, int qos) throws IOException {
    // The run's clock starts before Gatling is up and the ramp takes 1 s: the mass drop at 5 s comes after the
    // silent clients went silent, 1 s into their holds, and early enough in every 6 s hold for the dropped clients
    // to be back before their holds end.
    JsonNode c = run(broker, qos, 6, "1s", "5s", "sessions.cleanRatio=0.5", "sessions.sessionExpiry=300s");
    JsonNode m = QuickstartRuns.read(results, "summary.json").get("messages");
    assertTrue(m.get("late").asLong() > 0, "messages stored while a persistent subscriber was away: " + m);
    judge(c, qos, 6);
  }

  /**
   * Runs the load under chaos for {@code holdSeconds}; the keep-alive's silent clients go silent {@code silentAfter}
   * into their holds and half the devices are dropped at once {@code massDropAt} from the run's start.
   */
  private JsonNode run(String broker, int qos, int holdSeconds, String silentAfter, String massDropAt,
      String... more) throws IOException {
    List<String> args = brokers.urlArgs(broker);
    List<String> sets = new ArrayList<>(List.of("load.clients=" + PUBLISHERS, "load.hold=" + holdSeconds + "s",
        "load.keepAlive=2s", "messages.publishers=1", "messages.subscribers=0.5",
        "messages.filter=devices/+/telemetry", "messages.rate=" + RATE, "messages.qos=" + qos,
        "messages.subscribeQos=" + qos, "messages.backend.subscribers=1",
        "messages.backend.filter=devices/+/telemetry", "messages.backend.linger=500ms",
        "chaos.abruptDrop={ratePerMinute: 6, mode: rst}",
        "chaos.keepAliveExpiry={ratio: 0.125, after: " + silentAfter + "}",
        "chaos.massDrop=[{at: " + massDropAt + ", fraction: 0.5, mode: fin}]",
        "reconnect={enabled: true, initialDelay: 200ms, maxDelay: 1s, multiplier: 2, jitter: 0.2}"));
    sets.addAll(List.of(more));
    return QuickstartRuns.counters(results, args, sets.toArray(String[]::new));
  }

  /**
   * The exact counts and the absence of message findings, on the newest run's summary and counters {@code c}, of a
   * run whose holds lasted {@code holdSeconds}.
   */
  private void judge(JsonNode c, int qos, int holdSeconds) throws IOException {
    long planned = (long) PUBLISHERS * RATE * holdSeconds;
    JsonNode s = QuickstartRuns.read(results, "summary.json");
    JsonNode m = s.get("messages");
    String shown = m.toString() + " findings " + s.get("findingsByKind");

    // the chaos happened, to publishers and subscribers alike
    assertTrue(QuickstartRuns.count(c, "drops.abrupt") > 0, "abrupt drops: " + c);
    assertEquals(2, s.at("/keepAlive/silentClients").asLong(), shown);
    long massDropped = QuickstartRuns.count(c, "massDrop.0.dropped");
    assertTrue(massDropped > 0 && massDropped <= 8, "half of the 16 devices, those connected then: " + c);
    assertEquals(massDropped, QuickstartRuns.count(c, "massDrop.0.recovered"), c.toString());

    // the load's counts: every planned message was published or not sent, each once
    assertEquals(planned, m.get("published").asLong() + m.get("notSent").asLong(), shown);
    assertTrue(m.get("notSent").asLong() > 0, "messages were due while publishers were down: " + shown);
    assertEquals(m.get("published").asLong(), m.at("/byQos/qos" + qos + "/published").asLong());
    long checkerPublished = 0;
    for (int q = 0; q <= 2; q++) {
      checkerPublished += QuickstartRuns.count(c, "delivery.published.qos" + q);
    }
    assertEquals(m.get("published").asLong(), checkerPublished, "the recorder and the checker count alike");

    // the delivery checker: every owed pair has one outcome, and a correct broker broke no promise
    long expected = m.get("expected").asLong();
    assertTrue(expected > planned, "owed to several subscribers: " + shown);
    assertEquals(expected, m.get("delivered").asLong() + m.get("lost").asLong() + m.get("unknown").asLong()
        + m.get("expectedLoss").asLong(), shown);
    assertEquals(0, m.get("lost").asLong(), shown);
    assertEquals(0, m.get("outOfOrder").asLong(), shown);
    assertEquals(0, m.get("unexpected").asLong(), shown);
    if (qos == 2) {
      assertEquals(0, m.get("duplicated").asLong(), "QoS 2: exactly once; " + shown);
    }
    assertTrue(m.get("received").asLong() >= m.get("delivered").asLong(), shown);
    s.get("findingsByKind").fieldNames().forEachRemaining(kind ->
        assertTrue(!kind.startsWith("message-"), "message finding " + kind + ": " + shown));
    System.out.println("DeliveryTruthIT " + s.at("/broker/url").asText() + " QoS " + qos + ": " + shown);
  }
}
