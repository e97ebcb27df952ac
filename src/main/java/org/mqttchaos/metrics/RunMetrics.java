package org.mqttchaos.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.mqttchaos.summary.MetricNames;

/**
 * Everything a run measures while it runs: one HdrHistogram {@link Recorder} per latency metric
 * (microseconds, 3 significant digits) and named counters.
 *
 * <p>Thread rules: {@link #recordNanos} and the counter methods are called from every virtual user's
 * event loop at once; Recorder and LongAdder make that wait-free, with no lock on the hot path. Only the
 * {@link IntervalLogWriter} thread takes interval histograms out of the recorders.
 */
public final class RunMetrics {
  /** Latencies above an hour are clamped: a connect that slow is a failure anyway. */
  static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

  static final int SIGNIFICANT_DIGITS = 3;

  private final Map<String, Timed> recorders = new ConcurrentHashMap<>();

  /**
   * A latency metric's recorder, and whether anything was recorded since its last interval was taken: the interval
   * log skips a metric that recorded nothing instead of swapping and clearing its histogram every second (a clear
   * is ~23,000 counts each; with ~20 metrics it was ~8% of a message run's Java samples).
   */
  private static final class Timed {
    final Recorder recorder = new Recorder(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    volatile boolean recorded;

    void record(long micros) {
      recorder.recordValue(micros);
      if (!recorded) { // set after the value is in: a take that clears the flag first swaps this value out
        recorded = true;
      }
    }
  }
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final LongAdder connected = new LongAdder();
  private volatile boolean brokerDown;
  /** Set when the broker goes down, cleared by the timeline's tick: "down at some moment of this second". */
  private final AtomicBoolean brokerDownSinceTaken = new AtomicBoolean();

  public RunMetrics() {
    for (String name : MetricNames.ALL) {
      recorder(name);
    }
  }

  /** Records a duration given in nanoseconds into the named histogram, in microseconds. */
  public void recordNanos(String metric, long nanos) {
    long micros = Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    recorder(metric).record(micros);
  }

  public void increment(String counter) {
    add(counter, 1);
  }

  public void add(String counter, long delta) {
    LongAdder adder = counters.get(counter); // a lookup without computeIfAbsent's bin lock for the common case
    if (adder == null) {
      adder = counters.computeIfAbsent(counter, k -> new LongAdder());
    }
    adder.add(delta);
  }

  public long counter(String name) {
    LongAdder adder = counters.get(name);
    return adder == null ? 0 : adder.sum();
  }

  /** A snapshot of every counter, sorted by name. */
  public Map<String, Long> counters() {
    Map<String, Long> snapshot = new TreeMap<>();
    counters.forEach((name, adder) -> snapshot.put(name, adder.sum()));
    return snapshot;
  }

  /** Gauge of currently established MQTT connections (CONNACK accepted and not yet closed). */
  public void connectedDelta(int delta) {
    connected.add(delta);
  }

  public long connectedNow() {
    return connected.sum();
  }

  /** Whether the broker is down now (an outage began and no connect was accepted since); see check.BrokerOutages. */
  public void brokerDown(boolean down) {
    brokerDown = down;
    if (down) {
      brokerDownSinceTaken.set(true);
    }
  }

  public boolean brokerDownNow() {
    return brokerDown;
  }

  /** True when the broker was down at any moment since the previous call (or is now); the timeline's tick calls it. */
  boolean takeBrokerDown() {
    boolean now = brokerDown;
    return brokerDownSinceTaken.getAndSet(now) | now;
  }

  /** Metric names that have a recorder, including ones registered after start. */
  public Iterable<String> metricNames() {
    return recorders.keySet();
  }

  /**
   * Takes the values recorded since the previous call for this metric. Only the interval writer calls this:
   * a Recorder's interval histograms have a single reader.
   */
  Histogram takeInterval(String metric, Histogram recycle) {
    Timed timed = recorder(metric);
    timed.recorded = false;
    return timed.recorder.getIntervalHistogram(recycle);
  }

  /**
   * As {@link #takeInterval}, or null (and {@code recycle} left as it is) when nothing was recorded since the last
   * take: that interval is empty.
   */
  Histogram takeIntervalIfRecorded(String metric, Histogram recycle) {
    Timed timed = recorder(metric);
    if (!timed.recorded) {
      return null;
    }
    timed.recorded = false;
    return timed.recorder.getIntervalHistogram(recycle);
  }

  private Timed recorder(String metric) {
    Timed timed = recorders.get(metric);
    return timed != null ? timed : recorders.computeIfAbsent(metric, k -> new Timed());
  }
}
