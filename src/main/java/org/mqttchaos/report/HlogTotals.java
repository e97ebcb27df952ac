package org.mqttchaos.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.mqttchaos.summary.HistogramSummary;

/**
 * Reads a metric's {@code <name>.hlog} interval log and adds every interval into one total histogram:
 * percentiles of a run come from the sum of its intervals, never from averaged interval percentiles.
 */
public final class HlogTotals {
  /** Same precision the recorders use, so adding intervals loses nothing. */
  static final int SIGNIFICANT_DIGITS = 3;

  private HlogTotals() {}

  /** The summary.json figures of {@code <metric>.hlog}'s total; all zeros when the file is absent. */
  public static HistogramSummary summary(Path dir, String metric) {
    return HistogramSummary.of(read(dir, metric));
  }

  /** The total of all intervals of {@code <metric>.hlog}, in microseconds; empty when the file is absent. */
  public static Histogram read(Path dir, String metric) {
    return read(dir, metric, 0);
  }

  /**
   * The total of the intervals of {@code <metric>.hlog} that start {@code fromSeconds} or later into the run
   * (e.g. after the JVM's warm-up); empty when the file is absent.
   */
  public static Histogram read(Path dir, String metric, double fromSeconds) {
    Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    Path file = dir.resolve(metric + ".hlog");
    if (!Files.isRegularFile(file)) {
      return total;
    }
    try (InputStream in = Files.newInputStream(file)) {
      HistogramLogReader reader = new HistogramLogReader(in);
      EncodableHistogram interval;
      while ((interval = fromSeconds > 0 ? reader.nextIntervalHistogram(fromSeconds, Double.MAX_VALUE)
          : reader.nextIntervalHistogram()) != null) {
        if (!(interval instanceof Histogram h)) {
          throw new ReportException("cannot read " + file + ": expected integer microsecond histograms, found "
              + interval.getClass().getSimpleName());
        }
        total.add(h);
      }
      return total;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ReportException re) {
        throw re;
      }
      throw new ReportException("cannot read " + file + ": " + ResultsFolder.firstLine(e.getMessage()), e);
    }
  }
}
