package org.mqttchaos.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MetricNames;

/**
 * Measures how a broker recovers from a mass drop: for each mass drop, how many clients it dropped, how
 * many came back (their next accepted CONNACK), the time each took (histogram {@code recovery}; its max
 * is the time until the last one was back), and the connect latency of those reconnects during the storm
 * (histogram {@code connect-recovery}). Called from every event loop.
 */
public final class RecoveryTracker {
  private final RunMetrics metrics;
  /** Mass drops that dropped at least one client, so each counts once in drops.massDrops. */
  private final Set<Integer> happened = ConcurrentHashMap.newKeySet();

  public RecoveryTracker(RunMetrics metrics) {
    this.metrics = metrics;
  }

  /** A client was dropped by mass drop {@code index}. */
  public void dropped(int index) {
    if (happened.add(index)) {
      metrics.increment(Counters.DROPS_MASS_DROPS);
    }
    metrics.increment(Counters.massDropDropped(index));
  }

  /** A client planned in mass drop {@code index} was not holding at its time (the drop fell outside its hold). */
  public void notHolding(int index) {
    metrics.increment(Counters.massDropNotHolding(index));
  }

  /** A client planned in mass drop {@code index} was holding but not connected at its time. */
  public void notConnected(int index) {
    metrics.increment(Counters.massDropNotConnected(index));
  }

  /** A client dropped by mass drop {@code index} is connected again, {@code sinceDropNanos} after its drop. */
  public void recovered(int index, long sinceDropNanos, long connectNanos) {
    metrics.increment(Counters.massDropRecovered(index));
    metrics.recordNanos(MetricNames.RECOVERY, sinceDropNanos);
    metrics.recordNanos(MetricNames.CONNECT_RECOVERY, connectNanos);
  }
}
