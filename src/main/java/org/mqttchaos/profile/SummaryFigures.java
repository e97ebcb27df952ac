package org.mqttchaos.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The numeric figures of summary.json that an {@link Assertion} may name, by dotted path, and which of them are
 * latencies in microseconds. This is the one list of them: it lives here so the profile can validate assertions
 * without knowing the report; a report test compares it with the numeric leaves of a real summary.json, so the
 * two cannot drift apart.
 */
public final class SummaryFigures {
  /** How a figure's value reads: microseconds (written with a unit: us, ms, s) or a plain number. */
  public enum Kind { MICROS, NUMBER }

  /** Histograms under "latency"; an assertion may leave "latency." out: {@code connect.p99}. */
  static final List<String> LATENCY_HISTOGRAMS = List.of("connect", "connectFirst", "connectReconnect",
      "tcpConnect", "startLag", "connectClean", "connectPersistent");
  private static final List<String> HISTOGRAM_FIELDS = List.of("count", "min", "p50", "p90", "p99", "p999", "max",
      "mean");
  /**
   * Maps whose keys vary per run: CONNACK codes, chaos roles, finding kinds. Any key may be named; one the run did
   * not see reads 0.
   */
  private static final Pattern KEYED = Pattern.compile("connects\\.byCode\\.\\d{1,3}"
      + "|flaps\\.byRole\\.[A-Za-z0-9_-]+\\.(flaps|connectedMinutes|perClientMinute)"
      + "|findingsByKind\\.[A-Za-z0-9_-]+");

  private static final Map<String, Kind> FIGURES = new LinkedHashMap<>();

  static {
    numbers("seed", "durationS", "clients", "connects.attempted", "connects.succeeded", "connects.failed",
        "connects.byCode.0", "connects.noConnack", "connects.reconnectsAttempted");
    LATENCY_HISTOGRAMS.forEach(h -> histogram("latency." + h));
    numbers("sessionPresent.checked", "sessionPresent.mismatches",
        "flaps.total", "flaps.takeovers", "flaps.perClientMinute", "flaps.flappingIds");
    histogram("flaps.interval");
    numbers("flaps.takeoversWith0x8E", "flaps.neverCalmed");
    histogram("flaps.timeToCalm");
    histogram("flaps.takeoverClose");
    numbers("drops.abrupt", "drops.graceful", "drops.massDrops");
    histogram("drops.recovery");
    histogram("drops.connectDuringRecovery");
    numbers("keepAlive.silentClients", "keepAlive.closedByBroker", "keepAlive.early", "keepAlive.late");
    histogram("keepAlive.detection");
    numbers("keepAlive.neverClosed", "keepAlive.pingsUnanswered");
    numbers("wills.expected", "wills.received", "wills.missing", "wills.unexpected", "wills.duplicates");
    histogram("wills.delay");
    numbers("wills.afterTakeover", "wills.unmatched", "wills.foreign");
    numbers("findings");
    FIGURES.put("harness.startLagP99", Kind.MICROS);
    FIGURES.put("harness.loopLagP99", Kind.MICROS);
    FIGURES.put("harness.startLagP99AfterWarmUp", Kind.MICROS);
    FIGURES.put("harness.loopLagP99AfterWarmUp", Kind.MICROS);
  }

  private SummaryFigures() {}

  /**
   * Every figure by its full path, in summary.json's order; {@code connects.byCode.0} stands for every code, and
   * the per-role and per-kind figures ({@link #readsZeroWhenAbsent}) are not listed.
   */
  public static Set<String> paths() {
    return Collections.unmodifiableSet(FIGURES.keySet());
  }

  /** "connect.p99" -> "latency.connect.p99"; any other path as it is. */
  public static String canonical(String path) {
    int dot = path.indexOf('.');
    String first = dot < 0 ? path : path.substring(0, dot);
    return LATENCY_HISTOGRAMS.contains(first) ? "latency." + path : path;
  }

  /** The kind of a full path, empty when summary.json has no such numeric figure. */
  public static Optional<Kind> kind(String canonicalPath) {
    if (readsZeroWhenAbsent(canonicalPath)) {
      return Optional.of(Kind.NUMBER);
    }
    return Optional.ofNullable(FIGURES.get(canonicalPath));
  }

  /**
   * True for a figure under a map whose keys vary per run ({@code connects.byCode.5},
   * {@code flaps.byRole.silent.flaps}, {@code findingsByKind.will-missing}): a key the run did not see means zero.
   */
  public static boolean readsZeroWhenAbsent(String canonicalPath) {
    return KEYED.matcher(canonicalPath).matches();
  }

  /** Names a user may write, shorthand included: the candidates for "did you mean". */
  static List<String> spellings() {
    return FIGURES.keySet().stream()
        .map(p -> p.startsWith("latency.") ? p.substring("latency.".length()) : p).toList();
  }

  private static void numbers(String... paths) {
    for (String p : paths) {
      FIGURES.put(p, Kind.NUMBER);
    }
  }

  private static void histogram(String prefix) {
    for (String field : HISTOGRAM_FIELDS) {
      FIGURES.put(prefix + "." + field, field.equals("count") ? Kind.NUMBER : Kind.MICROS);
    }
  }
}
