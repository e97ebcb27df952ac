package org.mqttchaos.report;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mqttchaos.metrics.MetricNames;
import org.mqttchaos.metrics.RunData;

/** Builds the {@link Summary} of a results folder from its run.json and {@code *.hlog} files alone. */
public final class SummaryBuilder {
  /**
   * Start-lag p99 above which the harness counts as saturated, in microseconds (10 ms). A loopback or LAN
   * CONNECT/CONNACK round trip takes well under 10 ms, so a harness that starts its users 10 ms late at p99 adds a
   * delay of the same size as what it measures: the latencies then describe the harness as much as the broker.
   */
  public static final long SATURATION_START_LAG_P99_US = 10_000;

  private static final String BY_CODE = "connects.byCode.";

  private SummaryBuilder() {}

  public static Summary build(Path resultsDir) {
    return build(resultsDir, PlanCsv.read(resultsDir));
  }

  /** As {@link #build(Path)}, with the folder's plan.csv already read. */
  static Summary build(Path resultsDir, PlanCsv plan) {
    RunData run = ResultsFolder.runData(resultsDir);
    Summary figures = figures(run, resultsDir, plan);
    return withAssertions(figures, AssertionCheck.evaluate(figures, run.assertions()));
  }

  /** Every figure but the assertion results, which are evaluated against these figures. */
  private static Summary figures(RunData run, Path resultsDir, PlanCsv plan) {
    HistogramSummary startLag = latency(resultsDir, MetricNames.START_LAG);
    return new Summary(
        run.profile(),
        run.seed(),
        run.startedAt(),
        run.durationS(),
        new Summary.Broker(run.brokerUrl(), run.embedded(), run.mqttVersion()),
        run.clients(),
        new Summary.Connects(run.counter("connects.attempted"), run.counter("connects.succeeded"),
            run.counter("connects.failed"), byCode(run), run.counter("connects.noConnack"),
            run.counter("reconnects.attempted")),
        new Summary.Latency(
            latency(resultsDir, MetricNames.CONNECT),
            latency(resultsDir, MetricNames.CONNECT_FIRST),
            latency(resultsDir, MetricNames.CONNECT_RECONNECT),
            latency(resultsDir, MetricNames.TCP_CONNECT),
            startLag,
            latency(resultsDir, MetricNames.CONNECT_CLEAN),
            latency(resultsDir, MetricNames.CONNECT_PERSISTENT)),
        new Summary.SessionPresent(run.counter("sessionPresent.checked"), run.counter("sessionPresent.mismatches")),
        ChaosFigures.flaps(run, resultsDir, plan),
        ChaosFigures.drops(run, resultsDir),
        new Summary.KeepAlive(run.counter("keepAlive.silentClients"), run.counter("keepAlive.closedByBroker"),
            run.counter("keepAlive.early"), run.counter("keepAlive.late"),
            latency(resultsDir, HlogTotals.KEEPALIVE_DETECTION), run.counter("keepAlive.neverClosed"),
            run.counter("keepAlive.pingsUnanswered")),
        new Summary.Wills(run.counter("wills.expected"), run.counter("wills.received"),
            run.counter("wills.missing"), run.counter("wills.unexpected"), run.counter("wills.duplicates"),
            latency(resultsDir, HlogTotals.WILL_DELAY), run.counter("wills.afterTakeover"),
            run.counter("wills.unmatched"), run.counter("wills.foreign")),
        run.counter("findings"),
        FindingRecord.byKind(FindingRecord.read(resultsDir)),
        List.of(),
        harness(resultsDir, startLag, latency(resultsDir, MetricNames.LOOP_LAG)),
        run.interrupted(),
        run.harnessVersion());
  }

  /**
   * Saturated when users start late or the event loops run late: either way the harness was the bottleneck.
   * Users started in the JVM's first seconds (class loading, JIT) start late however light the load, so the
   * verdict reads start-lag after the warm-up; a run shorter than that is judged whole.
   */
  private static Summary.Harness harness(Path dir, HistogramSummary startLag, HistogramSummary loopLag) {
    long startSteady = afterWarmUp(dir, MetricNames.START_LAG, startLag);
    long loopSteady = afterWarmUp(dir, MetricNames.LOOP_LAG, loopLag);
    boolean saturated = startSteady > SATURATION_START_LAG_P99_US || loopSteady > SATURATION_START_LAG_P99_US;
    return new Summary.Harness(saturated, startLag.p99(), loopLag.p99(), startSteady, loopSteady);
  }

  /** p99 of the intervals after the warm-up; the whole run's when it is no longer than the warm-up. */
  private static long afterWarmUp(Path dir, String metric, HistogramSummary whole) {
    HistogramSummary steady = HistogramSummary.of(HlogTotals.read(dir, metric, WARM_UP_SECONDS));
    return steady.count() > 0 ? steady.p99() : whole.p99();
  }

  /** The first seconds of a run, whose start-lag is the JVM warming up rather than the harness's load. */
  public static final int WARM_UP_SECONDS = 5;

  private static Summary withAssertions(Summary s, List<Summary.AssertionResult> results) {
    return new Summary(s.profile(), s.seed(), s.startedAt(), s.durationS(), s.broker(), s.clients(), s.connects(),
        s.latency(), s.sessionPresent(), s.flaps(), s.drops(), s.keepAlive(), s.wills(), s.findings(),
        s.findingsByKind(), results, s.harness(), s.interrupted(), s.harnessVersion());
  }

  private static HistogramSummary latency(Path dir, String metric) {
    return HistogramSummary.read(dir, metric);
  }

  /** Codes in numeric order, "0" always present so a script can read byCode["0"] unconditionally. */
  private static Map<String, Long> byCode(RunData run) {
    Map<String, Long> sorted = new TreeMap<>(Comparator.comparingLong(SummaryBuilder::codeOrder)
        .thenComparing(Comparator.naturalOrder()));
    sorted.put("0", run.counter(BY_CODE + "0"));
    if (run.counters() != null) {
      run.counters().forEach((name, count) -> {
        if (name.startsWith(BY_CODE) && name.length() > BY_CODE.length()) {
          sorted.put(name.substring(BY_CODE.length()), count == null ? 0L : count);
        }
      });
    }
    return new LinkedHashMap<>(sorted);
  }

  private static long codeOrder(String code) {
    try {
      return Long.parseLong(code);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE; // odd keys go last, alphabetically
    }
  }
}
