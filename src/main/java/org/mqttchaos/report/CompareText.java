package org.mqttchaos.report;

import java.nio.file.Path;
import org.mqttchaos.summary.Summary;

/** The side-by-side table {@code mqtt-chaos compare} prints, then the regressions (or that there were none). */
public final class CompareText {
  private CompareText() {}

  public static String render(Compare c) {
    StringBuilder out = new StringBuilder();
    out.append("A: ").append(describe(c.dirA(), c.a())).append('\n');
    out.append("B: ").append(describe(c.dirB(), c.b())).append('\n');
    int width = "figure".length();
    for (CompareRow r : c.rows()) {
      width = Math.max(width, r.label().length());
    }
    String format = "%-" + width + "s %10s %10s %10s %9s\n";
    out.append(String.format(format, "figure", "A", "B", "B - A", "change"));
    for (CompareRow r : c.rows()) {
      out.append(String.format(format, r.label(), r.shownA(), r.shownB(), r.delta(), r.change()).stripTrailing())
          .append('\n');
    }
    if (c.regressions().isEmpty()) {
      out.append("no regression of B against A\n");
    } else {
      out.append("REGRESSION of B against A:\n");
      c.regressions().forEach(line -> out.append("  ").append(line).append('\n'));
    }
    return out.toString();
  }

  /** "results/x (profile quickstart, 1000 clients, started 2026-...)". */
  static String describe(Path dir, Summary s) {
    return dir + " (profile " + s.profile() + ", " + s.clients() + " clients, broker " + s.broker().url()
        + ", started " + s.startedAt() + (s.interrupted() ? ", INTERRUPTED" : "") + ")";
  }
}
