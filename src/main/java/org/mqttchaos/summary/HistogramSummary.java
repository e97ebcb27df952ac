package org.mqttchaos.summary;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.HdrHistogram.Histogram;

/**
 * One latency histogram as summary.json shows it, in microseconds, read from the run's total histogram (never
 * averaged from intervals). An empty histogram gives all zeros. Every field but {@code count} is a latency.
 */
@JsonPropertyOrder({"count", "min", "p50", "p90", "p99", "p999", "max", "mean"})
public record HistogramSummary(long count, @Micros long min, @Micros long p50, @Micros long p90, @Micros long p99,
    @Micros long p999, @Micros long max, @Micros double mean) {

  public static final HistogramSummary EMPTY = new HistogramSummary(0, 0, 0, 0, 0, 0, 0, 0.0);

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
