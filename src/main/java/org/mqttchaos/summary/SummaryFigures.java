package org.mqttchaos.summary;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The numeric figures of summary.json that an assertion may name, by dotted path, and which of them are latencies
 * in microseconds. Derived from the {@link Summary} records, walked in component order (summary.json's order): a
 * number is a figure, {@link Micros} when marked so; a nested record adds its figures under its name; a map's
 * figures are keyed ({@link Keyed}); text, flags and lists are not figures. So a field added to a record is a
 * figure without a second list to keep.
 */
public final class SummaryFigures {
  /** How a figure's value reads: microseconds (written with a unit: us, ms, s) or a plain number. */
  public enum Kind { MICROS, NUMBER }

  /** A figure under a map: its full path as a pattern, any key of the map's shape in place of the key. */
  private record KeyedFigure(Pattern path, Kind kind) {}

  /** The section of the latency histograms; an assertion may leave it out: {@code connect.p99}. */
  private static final String LATENCY = sectionOf(Summary.Latency.class);
  private static final List<String> LATENCY_HISTOGRAMS = Arrays.stream(Summary.Latency.class.getRecordComponents())
      .map(RecordComponent::getName).toList();
  /** The section of the message latencies; an assertion may leave it out too: {@code delivery.p99}. */
  private static final String MESSAGES = sectionOf(Summary.Messages.class);
  private static final List<String> MESSAGE_HISTOGRAMS = Arrays.stream(Summary.Messages.class.getRecordComponents())
      .filter(c -> c.getType() == HistogramSummary.class).map(RecordComponent::getName).toList();

  private static final Map<String, Kind> FIGURES = new LinkedHashMap<>();
  private static final List<KeyedFigure> KEYED = new ArrayList<>();

  static {
    walk(Summary.class, "", FIGURES, KEYED);
  }

  private SummaryFigures() {}

  /**
   * Every figure by its full path, in summary.json's order; {@code connects.byCode.0} stands for every code, and
   * the per-role and per-kind figures ({@link #readsZeroWhenAbsent}) are not listed.
   */
  public static Set<String> paths() {
    return Collections.unmodifiableSet(FIGURES.keySet());
  }

  /** "connect.p99" -> "latency.connect.p99", "delivery.p99" -> "messages.delivery.p99"; any other path as it is. */
  public static String canonical(String path) {
    int dot = path.indexOf('.');
    String first = dot < 0 ? path : path.substring(0, dot);
    if (LATENCY_HISTOGRAMS.contains(first)) {
      return LATENCY + "." + path;
    }
    return MESSAGE_HISTOGRAMS.contains(first) ? MESSAGES + "." + path : path;
  }

  /** The kind of a full path, empty when summary.json has no such numeric figure. */
  public static Optional<Kind> kind(String canonicalPath) {
    for (KeyedFigure k : KEYED) {
      if (k.path().matcher(canonicalPath).matches()) {
        return Optional.of(k.kind());
      }
    }
    return Optional.ofNullable(FIGURES.get(canonicalPath));
  }

  /**
   * True for a figure under a map whose keys vary per run ({@code connects.byCode.5},
   * {@code flaps.byRole.silent.flaps}, {@code findingsByKind.will-missing}): a key the run did not see means zero.
   */
  public static boolean readsZeroWhenAbsent(String canonicalPath) {
    return KEYED.stream().anyMatch(k -> k.path().matcher(canonicalPath).matches());
  }

  /** Names a user may write, shorthand included: the candidates for "did you mean". */
  public static List<String> spellings() {
    String prefix = LATENCY + ".";
    return FIGURES.keySet().stream().map(p -> p.startsWith(prefix) ? p.substring(prefix.length()) : p).toList();
  }

  private static void walk(Class<?> record, String prefix, Map<String, Kind> figures, List<KeyedFigure> keyed) {
    for (RecordComponent c : record.getRecordComponents()) {
      String path = prefix + c.getName();
      Class<?> type = c.getType();
      if (isNumber(type)) {
        figures.put(path, c.isAnnotationPresent(Micros.class) ? Kind.MICROS : Kind.NUMBER);
      } else if (type.isRecord()) {
        walk(type, path + ".", figures, keyed);
      } else if (Map.class.isAssignableFrom(type)) {
        map(c, path, figures, keyed);
      }
    }
  }

  /** The figures of a map of numbers or of records, each under any key of the map's shape. */
  private static void map(RecordComponent c, String path, Map<String, Kind> figures, List<KeyedFigure> keyed) {
    Keyed shape = c.getAnnotation(Keyed.class);
    String keyPattern = shape == null ? "[A-Za-z0-9_-]+" : shape.keys().isEnum()
        ? "(?:" + String.join("|", Arrays.stream(shape.keys().getEnumConstants())
            .map(k -> Pattern.quote(k.toString())).toList()) + ")"
        : shape.pattern();
    Type valueType = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[1];
    Map<String, Kind> values = new LinkedHashMap<>();
    if (valueType instanceof Class<?> value && isNumber(value)) {
      values.put("", Kind.NUMBER);
    } else if (valueType instanceof Class<?> value && value.isRecord()) {
      walk(value, ".", values, new ArrayList<>());
    } else {
      throw new IllegalStateException(path + ": a map of " + valueType + " is not part of the schema's shapes");
    }
    values.forEach((leaf, kind) -> keyed.add(new KeyedFigure(
        Pattern.compile(Pattern.quote(path + ".") + keyPattern + Pattern.quote(leaf)), kind)));
    if (shape != null && !shape.always().isEmpty()) {
      values.forEach((leaf, kind) -> figures.put(path + "." + shape.always() + leaf, kind));
    }
  }

  private static boolean isNumber(Class<?> type) {
    return type == long.class || type == int.class || type == double.class || type == Long.class
        || type == Integer.class || type == Double.class;
  }

  private static String sectionOf(Class<?> type) {
    return Arrays.stream(Summary.class.getRecordComponents()).filter(c -> c.getType() == type)
        .map(RecordComponent::getName).findFirst().orElseThrow();
  }
}
