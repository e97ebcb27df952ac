package org.mqttchaos.report;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.FailedBy;
import org.mqttchaos.summary.HistogramSummary;
import org.mqttchaos.summary.MessageOutcomes;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.Summary;

/** Builds the {@link Summary} of a results folder from its run.json and {@code *.hlog} files alone. */
public final class SummaryBuilder {
  /**
   * Start-lag p99 above which the harness counts as saturated, in microseconds (10 ms). A loopback or LAN
   * CONNECT/CONNACK round trip takes well under 10 ms, so a harness that starts its users 10 ms late at p99 adds a
   * delay of the same size as what it measures: the latencies then describe the harness as much as the broker.
   */
  public static final long SATURATION_START_LAG_P99_US = 10_000;

  private SummaryBuilder() {}

  public static Summary build(Path resultsDir) {
    return build(resultsDir, PlanCsv.read(resultsDir));
  }

  /** As {@link #build(Path)}, with the folder's plan.csv already read. */
  static Summary build(Path resultsDir, PlanCsv plan) {
    return build(resultsDir, ResultsFolder.runData(resultsDir), plan);
  }

  /** As {@link #build(Path)}, with the run's data given (run.json may not have been written). */
  static Summary build(Path resultsDir, RunData run, PlanCsv plan) {
    Summary figures = figures(run, resultsDir, plan);
    return withAssertions(figures, AssertionCheck.evaluate(figures, run.assertions()));
  }

  /** Every figure but the assertion results, which are evaluated against these figures. */
  private static Summary figures(RunData run, Path resultsDir, PlanCsv plan) {
    HistogramSummary startLag = latency(resultsDir, MetricNames.START_LAG);
    List<FindingRecord> kept = FindingRecord.read(resultsDir);
    return new Summary(
        run.profile(),
        run.seed(),
        run.startedAt(),
        run.durationS(),
        new Summary.Broker(run.brokerUrl(), run.embedded(), run.mqttVersion(), run.outages(), overrides(run),
            prefixed(run, Counters.BROKER_REFUSED_LOCALLY_PREFIX)),
        run.clients(),
        new Summary.Connects(run.counter(Counters.CONNECTS_ATTEMPTED), run.counter(Counters.CONNECTS_SUCCEEDED),
            run.counter(Counters.CONNECTS_FAILED), byCode(run), run.counter(Counters.CONNECTS_NO_CONNACK),
            run.counter(Counters.RECONNECTS_ATTEMPTED), failedBy(run)),
        new Summary.Latency(
            latency(resultsDir, MetricNames.CONNECT),
            latency(resultsDir, MetricNames.CONNECT_FIRST),
            latency(resultsDir, MetricNames.CONNECT_RECONNECT),
            latency(resultsDir, MetricNames.TCP_CONNECT),
            startLag,
            latency(resultsDir, MetricNames.CONNECT_CLEAN),
            latency(resultsDir, MetricNames.CONNECT_PERSISTENT),
            latency(resultsDir, MetricNames.TLS_HANDSHAKE),
            latency(resultsDir, MetricNames.TLS_HANDSHAKE_RESUMED),
            latency(resultsDir, MetricNames.WS_UPGRADE)),
        new Summary.SessionPresent(run.counter(Counters.SESSION_PRESENT_CHECKED),
            run.counter(Counters.SESSION_PRESENT_MISMATCHES),
            run.counter(Counters.SESSION_PRESENT_LOST_ON_BROKER_RESTART),
            run.counter(Counters.SESSION_PRESENT_WITHIN_EXPIRY_TOLERANCE),
            run.counter(Counters.SESSION_PRESENT_ORDER_UNKNOWN)),
        ChaosFigures.flaps(run, resultsDir, plan),
        ChaosFigures.drops(run, resultsDir),
        new Summary.KeepAlive(run.counter(Counters.KEEPALIVE_SILENT_CLIENTS),
            run.counter(Counters.KEEPALIVE_CLOSED_BY_BROKER), run.counter(Counters.KEEPALIVE_EARLY),
            run.counter(Counters.KEEPALIVE_LATE),
            latency(resultsDir, MetricNames.KEEPALIVE_DETECTION), run.counter(Counters.KEEPALIVE_NEVER_CLOSED),
            run.counter(Counters.KEEPALIVE_PINGS_UNANSWERED), run.counter(Counters.KEEPALIVE_PINGS_SENT),
            run.counter(Counters.KEEPALIVE_PINGS_ANSWERED)),
        new Summary.Wills(run.counter(Counters.WILLS_EXPECTED), run.counter(Counters.WILLS_RECEIVED),
            run.counter(Counters.WILLS_MISSING), run.counter(Counters.WILLS_UNEXPECTED),
            run.counter(Counters.WILLS_DUPLICATES),
            latency(resultsDir, MetricNames.WILL_DELAY), run.counter(Counters.WILLS_AFTER_TAKEOVER),
            run.counter(Counters.WILLS_UNMATCHED), run.counter(Counters.WILLS_FOREIGN),
            run.counter(Counters.WILLS_UNKNOWN), run.counter(Counters.WILLS_OBSERVER_LOST),
            run.counter(Counters.WILLS_OBSERVER_BLIND_MILLIS), run.counter(Counters.WILLS_AFTER_OUTAGE),
            run.counter(Counters.WILLS_EARLY), run.counter(Counters.WILLS_AFTER_RETURN),
            run.counter(Counters.WILLS_CANCELLED)),
        messages(run, resultsDir),
        run.counter(Counters.FINDINGS),
        findingsByKind(run, kept),
        kept.size(),
        List.of(),
        harness(resultsDir, startLag, latency(resultsDir, MetricNames.LOOP_LAG)),
        run.interrupted(),
        run.harnessVersion(),
        new Summary.Events(prefixed(run, Counters.EVENTS_UNEXPECTED_PREFIX),
            prefixed(run, Counters.EVENTS_UNCLAIMED_PREFIX), prefixed(run, Counters.PACKETS_PREFIX),
            prefixed(run, Counters.DISCONNECTS_BY_REASON_PREFIX)),
        run.loadStartS());
  }

  /**
   * Saturated when users start late or the event loops run late: either way the harness was the bottleneck.
   * Users started in the JVM's first seconds (class loading, JIT) start late however light the load, so the
   * verdict reads both lags after the warm-up. A run whose users all started in the warm-up but which went on past
   * it is judged on its event loops' lag after it (200 clients over 2 s, or 100 publishers in 0.1 s, started up
   * to 11 ms late while the JVM compiled, and a saturation warning on them blamed a harness whose loops then
   * lagged 0.4 ms); the late starts are a note. A run no longer than the warm-up is judged on start-lag alone (what
   * its users felt): its event loops' lag is then the JVM warming up, and judging it said "saturated" of a
   * 50-client run. The loops' lag is judged once it has {@link #MIN_LOOP_LAG_SAMPLES} samples after the warm-up:
   * the p99 of fewer is their largest, and one 10 ms pause made a run cut short 8 s in "saturated" where the same
   * harness, run to its end, was not.
   */
  private static Summary.Harness harness(Path dir, HistogramSummary startLag, HistogramSummary loopLag) {
    HistogramSummary startSteady = HistogramSummary.of(HlogTotals.read(dir, MetricNames.START_LAG, WARM_UP_SECONDS));
    HistogramSummary loopSteady = HistogramSummary.of(HlogTotals.read(dir, MetricNames.LOOP_LAG, WARM_UP_SECONDS));
    long startJudged = startSteady.count() > 0 ? startSteady.p99() : startLag.p99();
    boolean loopsJudged = loopSteady.count() >= MIN_LOOP_LAG_SAMPLES;
    boolean startsJudged = startSteady.count() > 0 || !loopsJudged;
    boolean saturated = (startsJudged && startJudged > SATURATION_START_LAG_P99_US)
        || (loopsJudged && loopSteady.p99() > SATURATION_START_LAG_P99_US);
    return new Summary.Harness(saturated, startLag.p99(), loopLag.p99(), startJudged,
        loopSteady.count() > 0 ? loopSteady.p99() : loopLag.p99(), startSteady.count());
  }

  /** The first seconds of a run, whose start-lag is the JVM warming up rather than the harness's load. */
  public static final int WARM_UP_SECONDS = 5;
  /**
   * Loop-lag samples after the warm-up before the loops' p99 is judged: 100, so it is not their maximum (one loop
   * is probed every 100 ms, metrics.LoopLagProbe: 10 s of a run on one loop).
   */
  static final int MIN_LOOP_LAG_SAMPLES = 100;

  private static Summary withAssertions(Summary s, List<Summary.AssertionResult> results) {
    return s.withAssertions(results);
  }

  /**
   * The messages section: the load's counts (metrics.MessageRecorder) and the delivery checker's outcomes (read back
   * with {@link MessageOutcomes#fromCounters}) by QoS from run.json, latencies from the .hlog files; zeros without
   * messages. Shards' counters add up, so a merged folder reads the same way.
   */
  static Summary.Messages messages(RunData run, Path dir) {
    MessageOutcomes outcomes = MessageOutcomes.fromCounters(run::counter);
    Summary.QosCounts[] byQos = new Summary.QosCounts[3];
    long published = 0;
    long acknowledged = 0;
    long received = 0;
    long notSent = 0;
    for (int q = 0; q <= 2; q++) {
      long[] o = outcomes.row(q);
      Summary.QosCounts c = new Summary.QosCounts(run.counter(Counters.messagesPublished(q)),
          run.counter(Counters.messagesAcknowledged(q)), run.counter(Counters.messagesNotSent(q)),
          o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8], o[9], run.counter(Counters.messagesReceived(q)));
      byQos[q] = c;
      published += c.published();
      acknowledged += c.acknowledged();
      received += c.received();
      notSent += c.notSent();
    }
    Summary.NotSentBy notSentBy = new Summary.NotSentBy(run.counter(Counters.MESSAGES_NOT_SENT_NOT_CONNECTED),
        run.counter(Counters.MESSAGES_NOT_SENT_QUEUED_AT_HOLD_END), run.counter(Counters.MESSAGES_NOT_SENT_QUEUE_FULL),
        run.counter(Counters.MESSAGES_NOT_SENT_SESSION_ENDED));
    return new Summary.Messages(published, acknowledged, notSent, notSentBy, outcomes.expected(), outcomes.delivered(),
        outcomes.lost(), outcomes.duplicated(), outcomes.outOfOrder(), outcomes.unknown(), outcomes.expectedLoss(),
        outcomes.late(), outcomes.unexpected(), outcomes.foreign(), received,
        run.counter(Counters.MESSAGES_RETAINED_ON_SUBSCRIBE), run.counter(Counters.MESSAGES_SUBSCRIPTIONS),
        run.counter(Counters.MESSAGES_SUBSCRIPTIONS_REFUSED), new Summary.ByQos(byQos[0], byQos[1], byQos[2]),
        latency(dir, MetricNames.DELIVERY), latency(dir, MetricNames.PUBACK), latency(dir, MetricNames.PUBCOMP));
  }

  /**
   * Every finding by kind, from the run's counters; a folder written before they were counted has only findings.json,
   * which may hold just the first findings.
   */
  private static Map<String, Long> findingsByKind(RunData run, List<FindingRecord> kept) {
    Map<String, Long> counted = prefixed(run, Counters.FINDINGS_BY_KIND_PREFIX);
    return counted.isEmpty() ? FindingRecord.byKind(kept) : counted;
  }

  /** The counters under {@code prefix}, by the rest of their name, sorted; empty when there are none. */
  private static Map<String, Long> prefixed(RunData run, String prefix) {
    Map<String, Long> found = new TreeMap<>();
    if (run.counters() != null) {
      run.counters().forEach((name, count) -> {
        if (name.startsWith(prefix) && name.length() > prefix.length()) {
          found.put(name.substring(prefix.length()), count == null ? 0L : count);
        }
      });
    }
    return found;
  }

  private static HistogramSummary latency(Path dir, String metric) {
    return HlogTotals.summary(dir, metric);
  }

  /** The properties MQTT 5 CONNACKs may set, in the order broker.overrides lists them. */
  private static final List<String> OVERRIDE_ORDER = List.of("serverKeepAlive", "sessionExpiryInterval",
      "assignedClientIdentifier", "receiveMaximum", "maximumPacketSize", "maximumQos", "retainAvailable",
      "topicAliasMaximum", "wildcardSubscriptionAvailable", "sharedSubscriptionAvailable");

  /**
   * broker.overrides from the counters broker.overrides.PROPERTY.ASKED.SET: in property order (a property this
   * version does not know after them), then by how many connections got it, most first.
   */
  static List<Summary.BrokerOverride> overrides(RunData run) {
    List<Summary.BrokerOverride> found = new java.util.ArrayList<>();
    prefixed(run, Counters.BROKER_OVERRIDES_PREFIX).forEach((rest, n) -> {
      String[] parts = rest.split("\\.", -1);
      if (parts.length == 3 && n > 0) {
        found.add(new Summary.BrokerOverride(parts[0], parts[1], parts[2], n));
      }
    });
    found.sort(Comparator.comparingInt((Summary.BrokerOverride o) -> {
      int i = OVERRIDE_ORDER.indexOf(o.property());
      return i < 0 ? OVERRIDE_ORDER.size() : i;
    }).thenComparing(Summary.BrokerOverride::property)
        .thenComparing(Comparator.comparingLong(Summary.BrokerOverride::connections).reversed()));
    return found;
  }

  /**
   * The reasons the run's failed attempts were counted under, in {@link FailedBy}'s order (stage by stage); a key
   * this version does not know (written by a newer one) after them, alphabetically.
   */
  static Map<String, Long> failedBy(RunData run) {
    Map<String, Long> seen = prefixed(run, Counters.FAILED_BY_PREFIX);
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (FailedBy reason : FailedBy.values()) {
      Long n = seen.remove(reason.key());
      if (n != null) {
        ordered.put(reason.key(), n);
      }
    }
    ordered.putAll(seen);
    return ordered;
  }

  /** Codes in numeric order, "0" always present so a script can read byCode["0"] unconditionally. */
  private static Map<String, Long> byCode(RunData run) {
    Map<String, Long> sorted = new TreeMap<>(Comparator.comparingLong(SummaryBuilder::codeOrder)
        .thenComparing(Comparator.naturalOrder()));
    sorted.put("0", run.counter(Counters.byCode(0)));
    if (run.counters() != null) {
      run.counters().forEach((name, count) -> {
        if (name.startsWith(Counters.BY_CODE_PREFIX) && name.length() > Counters.BY_CODE_PREFIX.length()) {
          sorted.put(name.substring(Counters.BY_CODE_PREFIX.length()), count == null ? 0L : count);
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
