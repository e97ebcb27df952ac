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
  void flapIntervalsAndTimeToCalm() {
    flapAt("x", 0, 1000, 3000, 7000, 17_000); // intervals 1, 2, 4, 10 s: calm at 17 s
    flapAt("y", 0, 2000);                      // stops: last flap 18 s before the end
    flapAt("z", 15_000, 16_000, 17_000);       // still flapping at the end
    flapAt("w", 5000);                         // one flap: not flapping
    flaps.finish(at(20_000));
    assertEquals(11, metrics.counter("flaps.total"));
    assertEquals(3, metrics.counter("flaps.flappingIds"));
    assertEquals(1, metrics.counter("flaps.neverCalmed"));
    assertEquals(7, MetricsProbe.take(metrics, MetricNames.FLAP_INTERVAL).getTotalCount());
    Histogram calm = MetricsProbe.take(metrics, MetricNames.TIME_TO_CALM);
    assertEquals(2, calm.getTotalCount());
    assertEquals(calm.lowestEquivalentValue(2_000_000), calm.getMinValue());
    assertEquals(calm.highestEquivalentValue(17_000_000), calm.getMaxValue());
    assertEquals(List.of(new FlapCount("x", 5), new FlapCount("z", 3)), flaps.topFlapping(2));
    assertEquals(4, flaps.topFlapping(10).size());
    assertEquals(0, findings.count());
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
    for (long m : millis) {
      Object conn = new Object();
      flaps.connected(id, conn, at(m - 1));
      flaps.closedByBroker(id, conn, at(m), -1, MqttVersion.V3_1_1);
    }
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
