package org.mqttchaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqttchaos.check.Nanos.at;
import static org.mqttchaos.check.Nanos.ms;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.mqttchaos.check.FlapTracker.FlapCount;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.metrics.MetricsProbe;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.MetricNames;

class FlapTrackerTest {
  private final RunMetrics metrics = new RunMetrics();
  private final Findings findings = new Findings();
  private final FlapTracker flaps = new FlapTracker(metrics, findings, Nanos.START, ms(1000), ms(10_000));
  private final Object a = new Object();
  private final Object b = new Object();

  @Test
  void takeoverIsABrokerCloseAfterANewerConnack() {
    flaps.connected("id", a, at(0));
    flaps.connected("id", b, at(100));
    assertTrue(flaps.closedByBroker("id", a, at(150), -1, MqttVersion.V3_1_1));
    assertEquals(1, metrics.counter("flaps.total"));
    assertEquals(1, metrics.counter("flaps.takeovers"));
    assertEquals(0, metrics.counter("flaps.takeoversWith0x8E"));
    assertEquals(0, findings.count());
    Histogram close = MetricsProbe.take(metrics, MetricNames.TAKEOVER_CLOSE);
    assertEquals(1, close.getTotalCount());
    assertEquals(close.highestEquivalentValue(50_000), close.getMaxValue());
  }

  @Test
  void mqtt5TakeoverWithout0x8EIsAFinding() {
    flaps.connected("id", a, at(0));
    flaps.connected("id", b, at(100));
    assertTrue(flaps.closedByBroker("id", a, at(120), 0x80, MqttVersion.V5));
    assertEquals(List.of(new Finding("takeover-without-0x8E", FlapTracker.RULE_0X8E, "id", 120,
        "DISCONNECT 0x8E before the close", "DISCONNECT 0x80")), findings.list());
    assertEquals(1, metrics.counter("findings"));
  }

  @Test
  void mqtt5TakeoverWith0x8EIsCounted() {
    flaps.connected("id", a, at(0));
    flaps.connected("id", b, at(100));
    assertTrue(flaps.closedByBroker("id", a, at(120), 0x8E, MqttVersion.V5));
    assertEquals(1, metrics.counter("flaps.takeoversWith0x8E"));
    assertEquals(0, findings.count());
  }

  @Test
  void closeSeenBeforeTheNewcomersConnackIsStillATakeover() {
    flaps.connected("id", a, at(0));
    flaps.connecting("id", b, at(90));
    assertTrue(flaps.closedByBroker("id", a, at(95), 0x8E, MqttVersion.V5));
    flaps.connected("id", b, at(97));
    assertEquals(1, metrics.counter("flaps.takeovers"));
    Histogram close = MetricsProbe.take(metrics, MetricNames.TAKEOVER_CLOSE);
    assertEquals(1, close.getTotalCount());
    assertEquals(0, close.getMaxValue());
  }

  @Test
  void connacksReportedOutOfOrderStillSupersedeTheOlder() {
    flaps.connected("id", b, at(100));
    flaps.connected("id", a, at(0));
    assertFalse(flaps.closedByBroker("id", b, at(150), -1, MqttVersion.V3_1_1));
    assertTrue(flaps.closedByBroker("id", a, at(160), -1, MqttVersion.V3_1_1));
    assertEquals(2, metrics.counter("flaps.total"));
    assertEquals(1, metrics.counter("flaps.takeovers"));
  }

  @Test
  void concurrentConnectsAcceptedInTheOtherOrderThanTheirConnacksWereReadAreTakeovers() {
    // Seen against a broker with a thread per connection: a and b wrote CONNECT 4 ms apart, the broker accepted b
    // first, yet a's CONNACK was read 2 ms before b's (another event loop); the broker then closed b with 0x8E.
    Object c = new Object();
    flaps.connecting("id", b, at(369));
    flaps.connecting("id", a, at(365));
    flaps.connected("id", b, at(668));
    flaps.connected("id", a, at(666));
    assertTrue(flaps.closedByBroker("id", b, at(690), 0x8E, MqttVersion.V5), "b was the older in the broker's order");
    flaps.connecting("id", c, at(2889)); // b's client came back and took a over
    assertTrue(flaps.closedByBroker("id", a, at(2892), 0x8E, MqttVersion.V5));
    flaps.connected("id", c, at(2894));
    assertEquals(2, metrics.counter("flaps.total"));
    assertEquals(2, metrics.counter("flaps.takeovers"));
    assertEquals(List.of(), findings.list(), "a was never superseded by b: no takeover-slow, no two live");
    Histogram close = MetricsProbe.take(metrics, MetricNames.TAKEOVER_CLOSE);
    assertEquals(2, close.getTotalCount());
    assertEquals(close.highestEquivalentValue(22_000), close.getMaxValue(), "b closed 22 ms after the later CONNACK");
    flaps.closed("id", c, at(9000));
    flaps.finish(at(9000));
    assertEquals(0, findings.count());
  }

  @Test
  void aBrokerCloseOfTheNewerOfTwoSequentialConnectsIsNoTakeover() {
    flaps.connecting("id", a, at(0));
    flaps.connected("id", a, at(100));
    flaps.connecting("id", b, at(200)); // after a's CONNACK: the broker accepted a first
    flaps.connected("id", b, at(300));
    assertFalse(flaps.closedByBroker("id", b, at(320), -1, MqttVersion.V3_1_1));
    assertEquals(0, metrics.counter("flaps.takeovers"));
  }

  @Test
  void an0x8EWithNoNewerConnectionIsUnexplainedNotAFinding() {
    flaps.connected("id", a, at(0));
    assertFalse(flaps.closedByBroker("id", a, at(50), 0x8E, MqttVersion.V5));
    assertEquals(1, metrics.counter("flaps.unexplained0x8E"));
    assertEquals(0, metrics.counter("flaps.takeovers"));
    assertEquals(0, findings.count());
  }

  @Test
  void takeoverCloseAboveTheToleranceIsSlow() {
    flaps.connected("id", a, at(0));
    flaps.connected("id", b, at(1000));
    flaps.closedByBroker("id", a, at(2500), -1, MqttVersion.V3_1_1);
    assertEquals(List.of(new Finding("takeover-slow", FlapTracker.RULE_TWO_LIVE, "id", 2500,
        "closed <= 1000 ms after the newer CONNACK", "closed 1500 ms after the newer CONNACK")), findings.list());
  }

  @Test
  void olderConnectionOpenAtTheEndIsTwoLiveConnections() {
    flaps.connected("id", a, at(0));
    flaps.connected("id", b, at(1000));
    flaps.connected("ok", a, at(0));
    flaps.connected("ok", b, at(1900));
    flaps.finish(at(2500));
    flaps.finish(at(9000)); // once only
    assertEquals(List.of(new Finding("two-live-connections", FlapTracker.RULE_TWO_LIVE, "id", 2500,
        "older connection closed <= 1000 ms after the newer CONNACK",
        "older connection still open 1500 ms after the newer CONNACK (no close seen by the run's end)")),
        findings.list());
  }

  @Test
  void olderConnectionClosedByItsClientLateIsTwoLiveConnections() {
    flaps.connected("id", a, at(0));
    flaps.connected("id", b, at(1000));
    flaps.closed("id", a, at(3000));
    flaps.finish(at(5000));
    assertEquals(1, findings.count());
    assertEquals("older connection still open 2000 ms after the newer CONNACK (closed by the client)",
        findings.list().get(0).observed());
    assertEquals(0, metrics.counter("flaps.total"));
  }

  @Test
  void flapIntervalsAndTimeToCalm() { // quiet period 10 s
    flapAt("x", 0, 1000, 3000, 7000, 17_000); // intervals 1, 2, 4, 10 s, then up 3 s: not calm by the end
    upFrom("x", 17_500);
    flapAt("y", 0, 2000);                      // stops flapping, then up 18 s: calm, 2 s after its first flap
    upFrom("y", 2500);
    flapAt("z", 15_000, 16_000, 17_000);       // still flapping at the end
    flapAt("v", 0, 1000);                      // stops flapping but nothing of it is up after: never calmed
    flapAt("w", 5000);                         // one flap: not flapping
    flaps.finish(at(20_000));
    assertEquals(13, metrics.counter("flaps.total"));
    assertEquals(4, metrics.counter("flaps.flappingIds"));
    assertEquals(3, metrics.counter("flaps.neverCalmed"));
    assertEquals(8, MetricsProbe.take(metrics, MetricNames.FLAP_INTERVAL).getTotalCount());
    Histogram calm = MetricsProbe.take(metrics, MetricNames.TIME_TO_CALM);
    assertEquals(1, calm.getTotalCount());
    assertEquals(calm.lowestEquivalentValue(2_000_000), calm.getMinValue());
    assertEquals(List.of(new FlapCount("x", 5), new FlapCount("z", 3)), flaps.topFlapping(2));
    assertEquals(5, flaps.topFlapping(10).size());
    assertEquals(0, findings.count());
  }

  /**
   * A pair reconnecting on a fixed 1 s period (+/- 10 % jitter) knocks itself off until both leave: never calmed,
   * whatever the intervals between its flaps (before, calm was declared at the first interval >= maxDelay).
   */
  @Test
  void aPairOnAFixedOneSecondPeriodNeverCalms() {
    FlapTracker pair = new FlapTracker(metrics, findings, Nanos.START, ms(1000), ms(2000)); // quiet 2 x maxDelay
    long[] delays = {1050, 980, 1100, 1010, 940, 1090, 1000, 1070, 960, 1030, 1100, 990, 1080};
    Object older = new Object();
    pair.connected("g1", older, at(0));
    long t = 50;
    for (long delay : delays) {
      Object newer = new Object();
      pair.connecting("g1", newer, at(t));
      assertTrue(pair.closedByBroker("g1", older, at(t + 2), -1, MqttVersion.V3_1_1));
      pair.connected("g1", newer, at(t + 3));
      older = newer;
      t += 3 + delay; // the one taken over comes back after its delay and takes the other over
    }
    pair.closed("g1", older, at(t - 500)); // both leave at the end of their hold: the last one 0.5 s early
    pair.finish(at(t + 5000));
    assertEquals(13, metrics.counter("flaps.takeovers"));
    assertEquals(1, metrics.counter("flaps.flappingIds"));
    assertEquals(1, metrics.counter("flaps.neverCalmed"));
    assertEquals(0, MetricsProbe.take(metrics, MetricNames.TIME_TO_CALM).getTotalCount());
  }

  /**
   * Back-off that works: the intervals grow (1, 2, 4 s); then the broker refuses the one taken over each time it
   * comes back (throttling, every 8 s), and the connection that took the ID over last stays up past the quiet period
   * while it tries: calmed, its time to calm from the first flap to the last.
   */
  @Test
  void backOffThatCalmsAPairShowsItsTimeToCalm() {
    FlapTracker pair = new FlapTracker(metrics, findings, Nanos.START, ms(1000), ms(16_000)); // maxDelay 8 s
    Object older = new Object();
    pair.connected("g1", older, at(0));
    long t = 1000;
    for (long delay : new long[] {1000, 2000, 4000, 8000}) {
      Object newer = new Object();
      pair.connecting("g1", newer, at(t));
      pair.closedByBroker("g1", older, at(t + 2), -1, MqttVersion.V3_1_1);
      pair.connected("g1", newer, at(t + 3));
      older = newer;
      t += delay;
    }
    // flaps at 1,002, 2,002, 4,002 and 8,002 ms; the one taken over last comes back at 16 s and 24 s, refused
    for (long retry : new long[] {16_000, 24_000}) {
      Object refused = new Object();
      pair.connecting("g1", refused, at(retry));
      pair.refused("g1", refused, 0x9F, MqttVersion.V5);
      pair.closed("g1", refused, at(retry + 1));
    }
    pair.closed("g1", older, at(30_000)); // up from 8,003 ms to 30 s
    pair.finish(at(31_000));
    assertEquals(4, metrics.counter("flaps.total"));
    assertEquals(2, metrics.counter("flaps.throttled"));
    assertEquals(0, metrics.counter("flaps.neverCalmed"));
    Histogram calm = MetricsProbe.take(metrics, MetricNames.TIME_TO_CALM);
    assertEquals(1, calm.getTotalCount());
    assertEquals(calm.highestEquivalentValue(7_000_000), calm.getMaxValue()); // 1,002 ms -> 8,002 ms
  }

  /**
   * A pair that stops flapping because one of them left (its hold ended while it waited to reconnect): the other
   * stays up long after, but nobody contested the ID meanwhile: the collision ended, the pair did not calm.
   */
  @Test
  void aPairWhosePartnerLeftDidNotCalm() {
    FlapTracker pair = new FlapTracker(metrics, findings, Nanos.START, ms(1000), ms(2000));
    Object older = new Object();
    pair.connected("g1", older, at(0));
    for (long t : new long[] {1000, 2000, 3000}) {
      Object newer = new Object();
      pair.connecting("g1", newer, at(t));
      pair.closedByBroker("g1", older, at(t + 2), -1, MqttVersion.V3_1_1);
      pair.connected("g1", newer, at(t + 3));
      older = newer;
    }
    pair.closed("g1", older, at(9_000)); // up 6 s after the last flap, alone
    flapAt(pair, "u1", 0, 1000);         // an ID of one client: nobody to contest it
    pair.connected("u1", new Object(), at(1100));
    pair.finish(at(10_000));
    assertEquals(2, metrics.counter("flaps.flappingIds"));
    assertEquals(1, metrics.counter("flaps.neverCalmed"), "g1 never calmed, u1 did");
    assertEquals(1, MetricsProbe.take(metrics, MetricNames.TIME_TO_CALM).getTotalCount());
  }

  /** Up less than the quiet period after the last flap when the run ends: not known to be calm, so never calmed. */
  @Test
  void upShorterThanTheQuietPeriodBeforeTheEndIsNeverCalmed() {
    FlapTracker pair = new FlapTracker(metrics, findings, Nanos.START, ms(1000), ms(16_000));
    flapAt(pair, "g1", 0, 1000, 3000);
    pair.connected("g1", new Object(), at(3500));
    pair.finish(at(3000 + 15_999));
    assertEquals(1, metrics.counter("flaps.neverCalmed"));
    assertEquals(0, MetricsProbe.take(metrics, MetricNames.TIME_TO_CALM).getTotalCount());
  }

  /** A connection still open at the end counts as up until then; one flap after a quiet span ends the calm. */
  @Test
  void aFlapAfterAQuietSpanEndsTheCalm() {
    FlapTracker pair = new FlapTracker(metrics, findings, Nanos.START, ms(1000), ms(2000));
    flapAt(pair, "a", 0, 1000);
    Object up = new Object();
    pair.connected("a", up, at(1100));
    pair.closed("a", up, at(5000));     // up 3.9 s: calm for now...
    flapAt(pair, "a", 6000);            // ...until it flaps again
    pair.connected("a", new Object(), at(6100));
    flapAt(pair, "b", 0, 1000);
    pair.connected("b", new Object(), at(1100)); // open at the end: up 8.9 s
    pair.finish(at(10_000));
    assertEquals(2, metrics.counter("flaps.flappingIds"));
    assertEquals(0, metrics.counter("flaps.neverCalmed"));
    Histogram calm = MetricsProbe.take(metrics, MetricNames.TIME_TO_CALM);
    assertEquals(2, calm.getTotalCount());
    assertEquals(calm.lowestEquivalentValue(1_000_000), calm.getMinValue()); // b: 0 -> 1 s
    assertEquals(calm.highestEquivalentValue(6_000_000), calm.getMaxValue()); // a: 0 -> 6 s, up 3.9 s after
  }

  /** MQTT 5 0x89, 0x97, 0x9F and 3.1.1's code 3 are throttling; other refusals are not. None is a flap. */
  @Test
  void throttlingRefusalsAreCountedAndTakeNothingOver() {
    flaps.connected("g1", a, at(0));
    flaps.connecting("g1", b, at(1000));
    flaps.refused("g1", b, 0x9F, MqttVersion.V5); // connection rate exceeded: b never took a over
    assertFalse(flaps.closedByBroker("g1", a, at(1010), -1, MqttVersion.V5), "a's close is not a takeover");
    flaps.closed("g1", b, at(1011));
    for (int code : new int[] {0x89, 0x97}) {
      flaps.refused("x", new Object(), code, MqttVersion.V5);
    }
    flaps.refused("x", new Object(), 3, MqttVersion.V3_1_1);
    flaps.refused("x", new Object(), 0x87, MqttVersion.V5); // not authorized: a refusal, not throttling
    flaps.refused("x", new Object(), 5, MqttVersion.V3_1_1);
    flaps.refused("x", new Object(), 3, MqttVersion.V5); // not an MQTT 5 reason code of throttling
    assertEquals(4, metrics.counter("flaps.throttled"));
    assertEquals(0, metrics.counter("flaps.takeovers"));
    assertEquals(1, metrics.counter("flaps.total"));
  }

  @Test
  void rolesCountFlapsAndConnectedTime() {
    flaps.connected("d", a, at(0), "dropper");
    flaps.closedByBroker("d", a, at(2000), -1, MqttVersion.V3_1_1);
    flaps.connected("n", b, at(0), "none");
    flaps.closed("n", b, at(500));
    flaps.connected("n", b, at(1000), "none");
    flaps.finish(at(1300));
    assertEquals(1, metrics.counter("flaps.byRole.dropper"));
    assertEquals(0, metrics.counter("flaps.byRole.none"));
    assertEquals(2000, metrics.counter("flaps.connectedClientMillis.byRole.dropper"));
    assertEquals(800, metrics.counter("flaps.connectedClientMillis.byRole.none"));
  }

  @Test
  void manyThreadsOnDifferentIdsCountExactly() throws InterruptedException {
    int perThread = 20_000;
    Thread[] threads = new Thread[2];
    for (int t = 0; t < threads.length; t++) {
      String prefix = "t" + t + "-";
      threads[t] = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          String id = prefix + (i % 1000);
          Object older = new Object();
          Object newer = new Object();
          flaps.connected(id, older, at(i));
          flaps.connected(id, newer, at(i + 1));
          flaps.closedByBroker(id, older, at(i + 2), -1, MqttVersion.V3_1_1);
          flaps.closed(id, newer, at(i + 3));
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    flaps.finish(at(perThread + 100_000));
    assertEquals(2L * perThread, metrics.counter("flaps.total"));
    assertEquals(2L * perThread, metrics.counter("flaps.takeovers"));
    assertEquals(2000, metrics.counter("flaps.flappingIds"));
    assertEquals(2L * perThread - 2000, MetricsProbe.take(metrics, MetricNames.FLAP_INTERVAL).getTotalCount());
    assertEquals(0, findings.count());
  }

  /** One connection per flap, each closed by the broker at the given times (ms). */
  private void flapAt(String id, long... millis) {
    flapAt(flaps, id, millis);
  }

  private static void flapAt(FlapTracker tracker, String id, long... millis) {
    for (long m : millis) {
      Object conn = new Object();
      tracker.connected(id, conn, at(m - 1));
      tracker.closedByBroker(id, conn, at(m), -1, MqttVersion.V3_1_1);
    }
  }

  /** A connection of {@code id} accepted at {@code millis}, open until the run ends. */
  private void upFrom(String id, long millis) {
    flaps.connected(id, new Object(), at(millis));
  }

  @Test
  void anIdWithNothingLeftToJudgeIsForgottenOnItsLastClose() {
    for (int i = 0; i < 1000; i++) {
      Object conn = new Object();
      flaps.connecting("churn-" + i, conn, at(i));
      flaps.connected("churn-" + i, conn, at(i + 1));
      flaps.closed("churn-" + i, conn, at(i + 2));
    }
    assertEquals(0, flaps.trackedIds(), "a churn of unique IDs leaves nothing behind");

    flaps.connected("flapper", a, at(0));
    flaps.closedByBroker("flapper", a, at(10), -1, MqttVersion.V3_1_1);
    flaps.connected("flapper", b, at(20));
    flaps.closed("flapper", b, at(30));
    assertEquals(1, flaps.trackedIds(), "an ID that flapped is kept for the flap report");
    assertEquals(List.of(new FlapCount("flapper", 1)), flaps.topFlapping(5));
  }

  @Test
  void aTwinStillConnectingKeepsTheIdAndItsTakeoverIsAttributed() {
    flaps.connected("twin", a, at(0));
    flaps.connecting("twin", b, at(50));
    flaps.closed("twin", a, at(60)); // the older one leaves by itself while the newer one is connecting
    assertEquals(1, flaps.trackedIds());
    flaps.connected("twin", b, at(70));
    Object c = new Object();
    flaps.connected("twin", c, at(100));
    assertTrue(flaps.closedByBroker("twin", b, at(120), -1, MqttVersion.V3_1_1), "b was taken over by c");
    assertEquals(1, metrics.counter("flaps.takeovers"));
  }
}
