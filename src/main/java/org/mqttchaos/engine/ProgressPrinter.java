package org.mqttchaos.engine;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.metrics.IntervalLogWriter;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MetricNames;

/**
 * Prints one line of live progress every 5 seconds while a run goes: elapsed, connected clients,
 * connects/s, failures, connect p99 so far, flaps/s, findings so far.
 */
final class ProgressPrinter implements AutoCloseable {
  private static final long PERIOD_SECONDS = 5;

  private final RunMetrics metrics;
  private final IntervalLogWriter intervals;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private long lastConnects;
  private long lastFlaps;

  ProgressPrinter(RunMetrics metrics, IntervalLogWriter intervals, PrintStream out) {
    this.metrics = metrics;
    this.intervals = intervals;
    this.out = out;
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mqtt-chaos-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::print, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
  }

  private void print() {
    long connects = metrics.counter(Counters.CONNECTS_SUCCEEDED);
    long flaps = metrics.counter(Counters.FLAPS_TOTAL);
    long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    out.printf("[%4ds] connected %,d  connects/s %,.0f  failed %,d  connect p99 %.1f ms  flaps/s %.1f  findings %,d%n",
        elapsed, metrics.connectedNow(), (connects - lastConnects) / (double) PERIOD_SECONDS,
        metrics.counter(Counters.CONNECTS_FAILED), intervals.percentileSoFarMicros(MetricNames.CONNECT, 99) / 1000.0,
        (flaps - lastFlaps) / (double) PERIOD_SECONDS, metrics.counter(Counters.FINDINGS));
    lastConnects = connects;
    lastFlaps = flaps;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
