package org.mqttchaos.metrics;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.mqttchaos.summary.AtomicFile;
import org.mqttchaos.summary.Counters;

/**
 * Writes the results folder's time series while a run goes: one {@code <metric>.hlog} per histogram
 * (one interval for each second in which something was recorded, the format HdrHistogram's own tools read)
 * and {@code timeline.csv} (per second: connected clients, connects, flaps, faults, brokerDown: 1 when the broker
 * was down at some moment of the second, as check.BrokerOutages knew it then, and the stamped messages published,
 * acknowledged and delivered in the second; the {@code delivered} column counts every copy subscribers received, the
 * summary's {@code messages.received}, not the delivery checker's delivered pairs). Everything measured so
 * far is on disk within a second, so Ctrl-C or a crash loses at most the last second, and {@link #close()} flushes that.
 *
 * <p>Both are on the run's clock (run.RunScope#startNanos), the one findings' {@code atMillis} and the broker's
 * outages count from, so a report can draw them on one axis: a timeline row is labelled with the whole second of that
 * clock at which it ends, rows are taken on those whole seconds (the first one covers from this writer's start to the
 * next whole second), and each .hlog's start time is the clock's origin.
 */
public final class IntervalLogWriter implements AutoCloseable {
  private final RunMetrics metrics;
  private final Path dir;
  /** The run clock's origin as wall time, milliseconds since the epoch: the .hlog files' start time. */
  private final long startMillis;
  /** The label of the next timeline row: the whole second of the run's clock at which it ends. */
  private long nextSecond;
  private final Map<String, HistogramLogWriter> writers = new HashMap<>();
  private final Map<String, PrintStream> streams = new HashMap<>();
  private final Map<String, Histogram> recycled = new HashMap<>();
  /** Everything recorded so far per metric, for live figures (progress line, scrape endpoint). */
  private final Map<String, Histogram> totals = new HashMap<>();
  private final PrintStream timeline;
  private final ScheduledExecutorService ticker;
  private long lastTickMillis;
  private long lastConnects;
  private long lastFlaps;
  private long lastFaults;
  private long lastPublished;
  private long lastAcknowledged;
  private long lastDelivered;
  private boolean closed;
  /** Every file this writer opened, in order, under its temporary name until {@link #close}. */
  private final List<AtomicFile.Pending> files = new ArrayList<>();
  /** The files that could not be written whole ("connect.hlog: No space left on device"), known after close. */
  private final List<String> unwritten = new ArrayList<>();

  /** A writer whose clock starts now (a test's; a run passes its own clock's origin). */
  public IntervalLogWriter(RunMetrics metrics, Path dir) {
    this(metrics, dir, System.nanoTime());
  }

  /**
   * @param clockOriginNanos System.nanoTime of the run clock's origin, at or before now: rows are labelled and taken
   *                         on its whole seconds
   */
  public IntervalLogWriter(RunMetrics metrics, Path dir, long clockOriginNanos) {
    this.metrics = metrics;
    this.dir = dir;
    long nowMillis = System.currentTimeMillis();
    long sinceOriginNanos = Math.max(0, System.nanoTime() - clockOriginNanos);
    this.startMillis = nowMillis - TimeUnit.NANOSECONDS.toMillis(sinceOriginNanos);
    this.lastTickMillis = nowMillis;
    this.nextSecond = TimeUnit.NANOSECONDS.toSeconds(sinceOriginNanos) + 1;
    long firstTickDelayNanos = TimeUnit.SECONDS.toNanos(nextSecond) - sinceOriginNanos;
    try {
      AtomicFile.Pending file = AtomicFile.open(dir.resolve("timeline.csv"));
      files.add(file);
      this.timeline = new PrintStream(file, false, "UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    timeline.println("second,connected,connects,flaps,faults,brokerDown,published,acknowledged,delivered");
    for (String name : metrics.metricNames()) {
      writer(name);
    }
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mqtt-chaos-interval-log");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::tick, firstTickDelayNanos, TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
  }

  /** Takes one interval out of every recorder and appends it, plus one timeline row. */
  private synchronized void tick() {
    if (closed) {
      return;
    }
    long now = System.currentTimeMillis();
    for (String name : metrics.metricNames()) {
      Histogram interval = metrics.takeIntervalIfRecorded(name, recycled.get(name));
      if (interval == null) {
        continue; // nothing recorded since the last tick
      }
      recycled.put(name, interval);
      if (interval.getTotalCount() == 0) {
        // Nothing recorded this second: no line. Readers place intervals by their timestamps, and an encoded
        // interval costs a ~200 KB buffer per metric for good (most metrics of a run stay empty).
        continue;
      }
      interval.setStartTimeStamp(lastTickMillis);
      interval.setEndTimeStamp(now);
      writer(name).outputIntervalHistogram(interval);
      totals.computeIfAbsent(name, n -> new Histogram(RunMetrics.HIGHEST_MICROS, RunMetrics.SIGNIFICANT_DIGITS))
          .add(interval);
    }
    long connects = metrics.counter(Counters.CONNECTS_SUCCEEDED);
    long flaps = metrics.counter(Counters.FLAPS_TOTAL);
    long faults = metrics.counter(Counters.DROPS_ABRUPT) + metrics.counter(Counters.KEEPALIVE_SILENT_CLIENTS);
    long published = sumByQos(Counters::messagesPublished);
    long acknowledged = sumByQos(Counters::messagesAcknowledged);
    long delivered = sumByQos(Counters::messagesReceived);
    // a row per tick, late or not (a fixed-rate ticker catches up on missed ones), so labels never repeat
    timeline.printf("%d,%d,%d,%d,%d,%d,%d,%d,%d%n", nextSecond++, metrics.connectedNow(),
        connects - lastConnects, flaps - lastFlaps, faults - lastFaults, metrics.takeBrokerDown() ? 1 : 0,
        published - lastPublished, acknowledged - lastAcknowledged, delivered - lastDelivered);
    lastPublished = published;
    lastAcknowledged = acknowledged;
    lastDelivered = delivered;
    lastConnects = connects;
    lastFlaps = flaps;
    lastFaults = faults;
    lastTickMillis = now;
    streams.values().forEach(PrintStream::flush);
    timeline.flush();
  }

  private long sumByQos(java.util.function.IntFunction<String> counter) {
    return metrics.counter(counter.apply(0)) + metrics.counter(counter.apply(1)) + metrics.counter(counter.apply(2));
  }

  /** A percentile (0-100) of everything recorded so far, in microseconds, up to the last second; 0 if none. */
  public synchronized long percentileSoFarMicros(String metric, double percentile) {
    Histogram total = totals.get(metric);
    return total == null || total.getTotalCount() == 0 ? 0 : total.getValueAtPercentile(percentile);
  }

  private HistogramLogWriter writer(String name) {
    return writers.computeIfAbsent(name, n -> {
      try {
        AtomicFile.Pending file = AtomicFile.open(dir.resolve(n + ".hlog"));
        files.add(file);
        PrintStream out = new PrintStream(file, false, "UTF-8");
        streams.put(n, out);
        HistogramLogWriter w = new HistogramLogWriter(out);
        w.outputComment("mqtt-chaos " + n + ", values in microseconds");
        w.outputLogFormatVersion();
        w.outputStartTime(startMillis);
        w.setBaseTime(startMillis);
        w.outputLegend();
        return w;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Writes the last partial interval and closes the files. Safe to call twice (normal end, then Ctrl-C). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    ticker.shutdownNow();
    tick();
    closed = true;
    streams.values().forEach(PrintStream::flush);
    timeline.flush();
    for (AtomicFile.Pending file : files) {
      try {
        file.publish();
      } catch (UncheckedIOException e) {
        unwritten.add(e.getMessage());
      }
    }
  }

  /** After {@link #close}: the files that could not be written whole, each "name: the OS's reason"; none normally. */
  public synchronized List<String> unwritten() {
    return List.copyOf(unwritten);
  }
}
