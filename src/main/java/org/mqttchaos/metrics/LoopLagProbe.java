package org.mqttchaos.metrics;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MetricNames;

/**
 * Harness self-check: one periodic task per Gatling event loop records how late the loop ran it (actual minus
 * scheduled) into {@link MetricNames#LOOP_LAG}, and counts the seconds in which some loop was more than 10 ms
 * late ({@link Counters#HARNESS_SATURATED_SECONDS}). A loop that runs its timers late runs its users' connects and
 * their measurements late too, so a large lag means the harness, not the broker, was the bottleneck.
 * One task per loop, never per user; each runs on its own loop.
 */
public final class LoopLagProbe {
  static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  static final long SATURATED_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final EventExecutorGroup group;
  private final RunMetrics metrics;
  private final long startNanos;
  private final AtomicLong lastSaturatedSecond = new AtomicLong(-1);
  private volatile boolean stopped;

  public LoopLagProbe(EventExecutorGroup group, RunMetrics metrics, long startNanos) {
    this.group = group;
    this.metrics = metrics;
    this.startNanos = startNanos;
    for (EventExecutor loop : group) {
      schedule(loop, System.nanoTime());
    }
  }

  public EventExecutorGroup group() {
    return group;
  }

  public void stop() {
    stopped = true;
  }

  private void schedule(EventExecutor loop, long now) {
    if (stopped || loop.isShuttingDown()) {
      return;
    }
    long due = now + PERIOD_NANOS;
    try {
      loop.schedule(() -> tick(loop, due), PERIOD_NANOS, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // the loop is shutting down at the run's end: nothing left to measure
    }
  }

  private void tick(EventExecutor loop, long due) {
    long now = System.nanoTime();
    long lag = Math.max(0, now - due);
    metrics.recordNanos(MetricNames.LOOP_LAG, lag);
    if (lag > SATURATED_NANOS) {
      long second = (now - startNanos) / 1_000_000_000L;
      long last = lastSaturatedSecond.get();
      if (second > last && lastSaturatedSecond.compareAndSet(last, second)) {
        metrics.increment(Counters.HARNESS_SATURATED_SECONDS); // once per second, whichever loop saw it first
      }
    }
    schedule(loop, now); // the next one a period after this one ran: a late loop is not handed a burst
  }
}
