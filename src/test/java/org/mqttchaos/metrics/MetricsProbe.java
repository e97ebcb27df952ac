package org.mqttchaos.metrics;

import org.HdrHistogram.Histogram;

/** Test access to what a {@link RunMetrics} recorded: takes the interval, as the log writer would. */
public final class MetricsProbe {
  private MetricsProbe() {}

  /** Everything recorded into {@code metric} since the previous take, in microseconds. */
  public static Histogram take(RunMetrics metrics, String metric) {
    return metrics.takeInterval(metric, null);
  }
}
