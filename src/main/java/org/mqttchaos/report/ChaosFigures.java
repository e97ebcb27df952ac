package org.mqttchaos.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.HistogramSummary;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.Summary;

/**
 * The chaos sections of the summary (flaps with their per-role rates and top IDs, drops with mass drop recovery)
 * from run.json's counters, the histograms, top-flapping.json and plan.csv.
 */
final class ChaosFigures {
  /** How many of the most flapping IDs summary.json lists. */
  static final int TOP = 20;


  private ChaosFigures() {}

  static Summary.Flaps flaps(RunData run, Path dir, PlanCsv plan) {
    List<Summary.FlapCount> top = ResultsFolder.jsonList(dir, ResultsFolder.TOP_FLAPPING_JSON,
        Summary.FlapCount.class);
    return new Summary.Flaps(run.counter(Counters.FLAPS_TOTAL), run.counter(Counters.FLAPS_TAKEOVERS),
        perClientMinute(run.counter(Counters.FLAPS_TOTAL), run.counter(Counters.FLAPS_CONNECTED_CLIENT_MILLIS)),
        run.counter(Counters.FLAPS_FLAPPING_IDS), histogram(dir, MetricNames.FLAP_INTERVAL),
        run.counter(Counters.FLAPS_TAKEOVERS_WITH_0X8E), run.counter(Counters.FLAPS_NEVER_CALMED),
        histogram(dir, MetricNames.TIME_TO_CALM), histogram(dir, MetricNames.TAKEOVER_CLOSE), byRole(run, plan),
        List.copyOf(top.subList(0, Math.min(TOP, top.size()))), run.counter(Counters.FLAPS_PROTOCOL_ERRORS),
        run.counter(Counters.FLAPS_THROTTLED));
  }

  static Summary.Drops drops(RunData run, Path dir) {
    return new Summary.Drops(run.counter(Counters.DROPS_ABRUPT), run.counter(Counters.DROPS_GRACEFUL),
        run.counter(Counters.DROPS_MASS_DROPS), histogram(dir, MetricNames.RECOVERY),
        histogram(dir, MetricNames.CONNECT_RECOVERY), massDrops(run));
  }

  /** Flaps per connected client-minute; zero when no client was ever connected. */
  static double perClientMinute(long flaps, long connectedClientMillis) {
    return connectedClientMillis <= 0 ? 0.0 : flaps / (connectedClientMillis / 60_000.0);
  }

  /** Every role that had clients in plan.csv or any flap or connected time in run.json. */
  private static Map<String, Summary.RoleFlaps> byRole(RunData run, PlanCsv plan) {
    List<String> names = new ArrayList<>(plan.clientsByRole().keySet());
    for (String counter : counters(run)) {
      if (counter.startsWith(Counters.FLAPS_BY_ROLE_PREFIX)) {
        names.add(counter.substring(Counters.FLAPS_BY_ROLE_PREFIX.length()));
      } else if (counter.startsWith(Counters.CONNECTED_CLIENT_MILLIS_BY_ROLE_PREFIX)) {
        names.add(counter.substring(Counters.CONNECTED_CLIENT_MILLIS_BY_ROLE_PREFIX.length()));
      }
    }
    Map<String, Summary.RoleFlaps> roles = new LinkedHashMap<>();
    for (String role : PlanCsv.orderedRoles(names)) {
      long flaps = run.counter(Counters.flapsByRole(role));
      long millis = run.counter(Counters.connectedClientMillisByRole(role));
      roles.put(role, new Summary.RoleFlaps(flaps, millis / 60_000.0, perClientMinute(flaps, millis)));
    }
    return roles;
  }

  /** Dropped, recovered and not dropped clients of each mass drop, by index; one that dropped none is listed too. */
  private static List<Summary.MassDrop> massDrops(RunData run) {
    TreeSet<Integer> indices = new TreeSet<>();
    for (String counter : counters(run)) {
      int index = Counters.massDropIndex(counter);
      if (index >= 0) {
        indices.add(index);
      }
    }
    return indices.stream().map(i -> new Summary.MassDrop(i, run.counter(Counters.massDropDropped(i)),
        run.counter(Counters.massDropRecovered(i)), run.counter(Counters.massDropNotConnected(i)),
        run.counter(Counters.massDropNotHolding(i)))).toList();
  }

  private static Iterable<String> counters(RunData run) {
    return run.counters() == null ? List.of() : run.counters().keySet();
  }

  private static HistogramSummary histogram(Path dir, String metric) {
    return HlogTotals.summary(dir, metric);
  }
}
