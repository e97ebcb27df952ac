package org.mqttchaos.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;

/**
 * One latency histogram as summary.json shows it, in microseconds, read from the run's total histogram (never
 * averaged from intervals). An empty histogram gives all zeros.
 */
@JsonPropertyOrder({"count", "min", "p50", "p90", "p99", "p999", "max", "mean"})
public record HistogramSummary(long count, long min, long p50, long p90, long p99, long p999, long max, double mean) {

  public static final HistogramSummary EMPTY = new HistogramSummary(0, 0, 0, 0, 0, 0, 0, 0.0);

  /** The summary of the total of {@code <metric>.hlog} in {@code dir}; {@link #EMPTY} when the file is absent. */
  public static HistogramSummary read(Path dir, String metric) {
    return of(HlogTotals.read(dir, metric));
  }

  public static HistogramSummary of(Histogram total) {
    if (total.getTotalCount() == 0) {
      return EMPTY;
    }
    return new HistogramSummary(
        total.getTotalCount(),
        total.getMinValue(),
        total.getValueAtPercentile(50.0),
        total.getValueAtPercentile(90.0),
        total.getValueAtPercentile(99.0),
        total.getValueAtPercentile(99.9),
        total.getMaxValue(),
        total.getMean());
  }
}
