package org.mqttchaos.profile;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mqttchaos.summary.SummaryFigures;

/**
 * One profile assertion, {@code <figure> <op> <value>}, checked against the run's summary.json by the report.
 *
 * <ul>
 *   <li>figure: a dotted path to a numeric figure of summary.json ({@link SummaryFigures}), e.g.
 *       {@code findings}, {@code flaps.perClientMinute}, {@code wills.missing}; the latency histograms may leave
 *       out "latency.": {@code connect.p99} is {@code latency.connect.p99}.
 *   <li>op: {@code < <= > >= == !=}.
 *   <li>value: a number; a latency needs a unit, {@code us}, {@code ms} or {@code s} ({@code 50ms} is 50000 µs,
 *       summary.json's unit), other figures take none.
 * </ul>
 *
 * @param text  the assertion as written
 * @param path  the full summary.json path, shorthand expanded
 * @param op    the comparison
 * @param value the bound in summary.json's unit (microseconds for latencies)
 */
public record Assertion(String text, String path, Op op, double value) {

  /** The comparisons, longest symbol first so "<=" is not read as "<". */
  public enum Op {
    LE("<="), GE(">="), EQ("=="), NE("!="), LT("<"), GT(">");

    public final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public boolean test(double actual, double bound) {
      return switch (this) {
        case LT -> actual < bound;
        case LE -> actual <= bound;
        case GT -> actual > bound;
        case GE -> actual >= bound;
        case EQ -> actual == bound;
        case NE -> actual != bound;
      };
    }
  }

  static final String EXAMPLE = "e.g. 'connect.p99 < 50ms' or 'findings == 0'";
  private static final Pattern SHAPE = Pattern.compile("\\s*([^<>=!\\s]+)\\s*(<=|>=|==|!=|<|>|=)\\s*(.*?)\\s*");
  private static final Pattern VALUE = Pattern.compile("(-?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*([a-zA-Zµ%]*)");

  /** The bound passes when {@code actual} (in summary.json's unit) satisfies it. */
  public boolean test(double actual) {
    return op.test(actual, value);
  }

  /** True when the figure is a latency in microseconds. */
  public boolean isLatency() {
    return SummaryFigures.kind(path).orElseThrow() == SummaryFigures.Kind.MICROS;
  }

  /**
   * Parses and checks one assertion.
   *
   * @throws IllegalArgumentException with a one-line message for the user (no file or key: the caller adds them)
   */
  public static Assertion parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty assertion; write '<figure> <op> <value>', " + EXAMPLE);
    }
    Matcher m = SHAPE.matcher(text);
    if (!m.matches() || m.group(3).isEmpty()) {
      throw new IllegalArgumentException("expected '<figure> <op> <value>' with op one of < <= > >= == !=, "
          + EXAMPLE + ", got '" + text + "'");
    }
    if (m.group(2).equals("=")) {
      throw new IllegalArgumentException("'=' is not an operator, use '==': '" + text + "'");
    }
    String path = SummaryFigures.canonical(m.group(1));
    SummaryFigures.Kind kind = SummaryFigures.kind(path).orElseThrow(() -> unknown(m.group(1)));
    Op op = opOf(m.group(2));
    return new Assertion(text, path, op, value(m.group(1), m.group(3), kind));
  }

  private static Op opOf(String symbol) {
    for (Op op : Op.values()) {
      if (op.symbol.equals(symbol)) {
        return op;
      }
    }
    throw new IllegalStateException(symbol); // the pattern admits only the symbols above and '='
  }

  private static double value(String figure, String text, SummaryFigures.Kind kind) {
    Matcher m = VALUE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a number" + (kind == SummaryFigures.Kind.MICROS
          ? " with a unit (us, ms, s), e.g. 50ms" : ""));
    }
    double number = Double.parseDouble(m.group(1));
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    if (kind == SummaryFigures.Kind.NUMBER) {
      if (!unit.isEmpty()) {
        throw new IllegalArgumentException(figure + " is a plain number, not a latency: write '" + m.group(1)
            + "' without '" + m.group(2) + "'");
      }
      return number;
    }
    return switch (unit) {
      case "us", "µs" -> number;
      case "ms" -> number * 1_000;
      case "s" -> number * 1_000_000;
      // A bare number would be read as microseconds and silently mean "50 µs" to someone thinking in ms.
      case "" -> throw new IllegalArgumentException(figure + " is a latency: give the value a unit, us, ms or s,"
          + " e.g. " + m.group(1) + "ms");
      default -> throw new IllegalArgumentException("unknown unit '" + m.group(2) + "' for latency " + figure
          + ": use us, ms or s");
    };
  }

  private static IllegalArgumentException unknown(String figure) {
    String closest = KeyNames.closest(figure, SummaryFigures.spellings());
    return new IllegalArgumentException("unknown figure '" + figure + "'" + (closest != null
        ? " (did you mean '" + closest + "'?)"
        : "; figures are summary.json's numeric keys, e.g. connect.p99, findings, flaps.perClientMinute"));
  }
}
