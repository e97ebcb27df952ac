package org.mqttchaos.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mqttchaos.metrics.MetricNames;
import org.mqttchaos.metrics.RunData;

/**
 * The chaos sections of the summary (flaps with their per-role rates and top IDs, drops with mass drop recovery)
 * from run.json's counters, the histograms, top-flapping.json and plan.csv.
 */
final class ChaosFigures {
  /** How many of the most flapping IDs summary.json lists. */
  static final int TOP = 20;

  private static final String FLAPS_BY_ROLE = "flaps.byRole.";
  private static final String MILLIS_BY_ROLE = "flaps.connectedClientMillis.byRole.";
  private static final Pattern MASS_DROP = Pattern.compile("massDrop\\.(\\d+)\\.(dropped|recovered)");

  private ChaosFigures() {}

  static Summary.Flaps flaps(RunData run, Path dir, PlanCsv plan) {
    List<Summary.FlapCount> top = ResultsFolder.jsonList(dir, ResultsFolder.TOP_FLAPPING_JSON,
        Summary.FlapCount.class);
    return new Summary.Flaps(run.counter("flaps.total"), run.counter("flaps.takeovers"),
        perClientMinute(run.counter("flaps.total"), run.counter("flaps.connectedClientMillis")),
        run.counter("flaps.flappingIds"), histogram(dir, MetricNames.FLAP_INTERVAL),
        run.counter("flaps.takeoversWith0x8E"), run.counter("flaps.neverCalmed"),
        histogram(dir, MetricNames.TIME_TO_CALM), histogram(dir, MetricNames.TAKEOVER_CLOSE), byRole(run, plan),
        List.copyOf(top.subList(0, Math.min(TOP, top.size()))));
  }

  static Summary.Drops drops(RunData run, Path dir) {
    return new Summary.Drops(run.counter("drops.abrupt"), run.counter("drops.graceful"),
        run.counter("drops.massDrops"), histogram(dir, MetricNames.RECOVERY),
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
      if (counter.startsWith(FLAPS_BY_ROLE)) {
        names.add(counter.substring(FLAPS_BY_ROLE.length()));
      } else if (counter.startsWith(MILLIS_BY_ROLE)) {
        names.add(counter.substring(MILLIS_BY_ROLE.length()));
      }
    }
    Map<String, Summary.RoleFlaps> roles = new LinkedHashMap<>();
    for (String role : PlanCsv.orderedRoles(names)) {
      long flaps = run.counter(FLAPS_BY_ROLE + role);
      long millis = run.counter(MILLIS_BY_ROLE + role);
      roles.put(role, new Summary.RoleFlaps(flaps, millis / 60_000.0, perClientMinute(flaps, millis)));
    }
    return roles;
  }

  /** massDrop.<i>.dropped / .recovered, by index. */
  private static List<Summary.MassDrop> massDrops(RunData run) {
    TreeSet<Integer> indices = new TreeSet<>();
    for (String counter : counters(run)) {
      Matcher m = MASS_DROP.matcher(counter);
      if (m.matches()) {
        indices.add(Integer.parseInt(m.group(1)));
      }
    }
    return indices.stream().map(i -> new Summary.MassDrop(i, run.counter("massDrop." + i + ".dropped"),
        run.counter("massDrop." + i + ".recovered"))).toList();
  }

  private static Iterable<String> counters(RunData run) {
    return run.counters() == null ? List.of() : run.counters().keySet();
  }

  private static HistogramSummary histogram(Path dir, String metric) {
    return HistogramSummary.read(dir, metric);
  }
}
