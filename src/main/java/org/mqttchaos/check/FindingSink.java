package org.mqttchaos.check;

import java.util.concurrent.TimeUnit;
import org.mqttchaos.metrics.RunMetrics;

/**
 * Where the checkers put what they see: counters and histograms into {@link RunMetrics}, violations into
 * {@link Findings} together with the run-wide "findings" counter, so the two never disagree.
 */
final class FindingSink {
  static final String FINDINGS_COUNTER = "findings";

  private final RunMetrics metrics;
  private final Findings findings;
  private final long runStartNanos;

  FindingSink(RunMetrics metrics, Findings findings, long runStartNanos) {
    this.metrics = metrics;
    this.findings = findings;
    this.runStartNanos = runStartNanos;
  }

  RunMetrics metrics() {
    return metrics;
  }

  void increment(String counter) {
    metrics.increment(counter);
  }

  void find(String kind, String rule, String clientId, long atNanos, String expected, String observed) {
    metrics.increment(FINDINGS_COUNTER);
    findings.add(new Finding(kind, rule, clientId, (atNanos - runStartNanos) / 1_000_000, expected, observed));
  }

  /** A duration as evidence reads it: whole milliseconds. */
  static String millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
  }
}
