package org.mqttchaos.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how a broker recovers from a mass drop: for each mass drop, how many clients it dropped, how
 * many came back (their next accepted CONNACK), the time each took (histogram {@code recovery}; its max
 * is the time until the last one was back), and the connect latency of those reconnects during the storm
 * (histogram {@code connect-recovery}). Called from every event loop.
 */
public final class RecoveryTracker {
  private final RunMetrics metrics;
  private final Map<Integer, AtomicLong> pending = new ConcurrentHashMap<>();

  public RecoveryTracker(RunMetrics metrics) {
    this.metrics = metrics;
  }

  /** A client was dropped by mass drop {@code index}. */
  public void dropped(int index) {
    if (pending.computeIfAbsent(index, i -> new AtomicLong()).getAndIncrement() == 0) {
      metrics.increment("drops.massDrops");
    }
    metrics.increment("massDrop." + index + ".dropped");
  }

  /** A client dropped by mass drop {@code index} is connected again, {@code sinceDropNanos} after its drop. */
  public void recovered(int index, long sinceDropNanos, long connectNanos) {
    metrics.increment("massDrop." + index + ".recovered");
    metrics.recordNanos(MetricNames.RECOVERY, sinceDropNanos);
    metrics.recordNanos(MetricNames.CONNECT_RECOVERY, connectNanos);
    pending.get(index).decrementAndGet();
  }

  /** Clients of this mass drop not back yet. */
  public long pending(int index) {
    AtomicLong left = pending.get(index);
    return left == null ? 0 : left.get();
  }
}
