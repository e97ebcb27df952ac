package org.mqttchaos.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mqttchaos.summary.MetricNames;

class RecoveryTrackerTest {
  @Test
  void countsEachMassDropOnceAndEveryDroppedAndRecoveredClient() {
    RunMetrics metrics = new RunMetrics();
    RecoveryTracker recovery = new RecoveryTracker(metrics);
    recovery.dropped(0);
    recovery.dropped(0);
    recovery.dropped(1);
    recovery.recovered(0, 2_000_000, 500_000);

    assertEquals(2, metrics.counter("drops.massDrops"));
    assertEquals(2, metrics.counter("massDrop.0.dropped"));
    assertEquals(1, metrics.counter("massDrop.1.dropped"));
    assertEquals(1, metrics.counter("massDrop.0.recovered"));
    assertEquals(1, MetricsProbe.take(metrics, MetricNames.RECOVERY).getTotalCount());
    assertEquals(1, MetricsProbe.take(metrics, MetricNames.CONNECT_RECOVERY).getTotalCount());
  }
}
