package org.mqttchaos.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * Every figure and verdict of one run: the summary.json schema of DESIGN.md, key for key and in that order.
 * Latencies are in microseconds. Sections a run did not exercise are present with zeros.
 */
@JsonPropertyOrder({"profile", "seed", "startedAt", "durationS", "broker", "clients", "connects", "latency",
    "sessionPresent", "flaps", "drops", "keepAlive", "wills", "findings", "assertions", "harness", "interrupted",
    "harnessVersion"})
public record Summary(
    String profile,
    long seed,
    String startedAt,
    double durationS,
    Broker broker,
    int clients,
    Connects connects,
    Latency latency,
    SessionPresent sessionPresent,
    Flaps flaps,
    Drops drops,
    KeepAlive keepAlive,
    Wills wills,
    long findings,
    List<AssertionResult> assertions,
    Harness harness,
    boolean interrupted,
    String harnessVersion) {

  /** The assertions that did not hold; a run or report with any exits 1. Not a key of summary.json. */
  @JsonIgnore
  public List<AssertionResult> failedAssertions() {
    return assertions == null ? List.of() : assertions.stream().filter(a -> !a.passed()).toList();
  }

  @JsonPropertyOrder({"url", "embedded", "mqttVersion"})
  public record Broker(String url, boolean embedded, String mqttVersion) {}

  /**
   * Connect attempts. {@code byCode} maps the CONNACK return / reason code (decimal) to its count, in numeric
   * order, "0" always present; {@code noConnack} counts failures that never got a CONNACK (refused, timeout),
   * so failed = non-zero codes + noConnack.
   */
  @JsonPropertyOrder({"attempted", "succeeded", "failed", "byCode", "noConnack"})
  public record Connects(long attempted, long succeeded, long failed, Map<String, Long> byCode, long noConnack) {}

  @JsonPropertyOrder({"connect", "connectFirst", "connectReconnect", "tcpConnect", "startLag", "connectClean",
      "connectPersistent"})
  public record Latency(
      HistogramSummary connect,
      HistogramSummary connectFirst,
      HistogramSummary connectReconnect,
      HistogramSummary tcpConnect,
      HistogramSummary startLag,
      HistogramSummary connectClean,
      HistogramSummary connectPersistent) {}

  @JsonPropertyOrder({"checked", "mismatches"})
  public record SessionPresent(long checked, long mismatches) {}

  /** Flaps; {@code perClientMinute} is flaps per connected client-minute. */
  @JsonPropertyOrder({"total", "takeovers", "perClientMinute", "flappingIds", "interval"})
  public record Flaps(long total, long takeovers, double perClientMinute, long flappingIds,
      HistogramSummary interval) {}

  @JsonPropertyOrder({"abrupt", "graceful", "massDrops"})
  public record Drops(long abrupt, long graceful, long massDrops) {}

  @JsonPropertyOrder({"silentClients", "closedByBroker", "early", "late", "detection"})
  public record KeepAlive(long silentClients, long closedByBroker, long early, long late,
      HistogramSummary detection) {}

  @JsonPropertyOrder({"expected", "received", "missing", "unexpected", "duplicates", "delay"})
  public record Wills(long expected, long received, long missing, long unexpected, long duplicates,
      HistogramSummary delay) {}

  /** One profile assertion, evaluated against this summary; {@code actual} is the measured value, in words. */
  @JsonPropertyOrder({"text", "passed", "actual"})
  public record AssertionResult(String text, boolean passed, String actual) {}

  /** Harness health: saturated when start-lag p99 (µs) exceeds {@link SummaryBuilder#SATURATION_START_LAG_P99_US}. */
  @JsonPropertyOrder({"saturated", "startLagP99"})
  public record Harness(boolean saturated, long startLagP99) {}
}
