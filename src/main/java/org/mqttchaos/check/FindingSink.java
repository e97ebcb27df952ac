package org.mqttchaos.check;

import java.util.concurrent.TimeUnit;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;

/**
 * Where the checkers put what they see: counters and histograms into {@link RunMetrics}, violations into
 * {@link Findings} together with the run-wide {@link Counters#FINDINGS} counter and its count by kind, so they never
 * disagree (findings.json keeps the first {@link Findings#MAX_KEPT}; the counters count all).
 */
final class FindingSink {
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
    metrics.increment(Counters.FINDINGS);
    metrics.increment(Counters.findingsOfKind(kind)); // exact by kind: findings.json keeps only the first ones
    findings.add(new Finding(kind, rule, clientId, (atNanos - runStartNanos) / 1_000_000, expected, observed));
  }

  /** A duration as evidence reads it: whole milliseconds. */
  static String millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
  }
}
