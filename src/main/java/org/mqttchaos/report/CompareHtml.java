package org.mqttchaos.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.mqttchaos.summary.MetricNames;

/**
 * Writes compare.html: one self-contained page with both runs' connect latency curves on one percentile chart
 * and the side-by-side table. Styles, scripts and escaping are report.html's own.
 */
public final class CompareHtml {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CompareHtml() {}

  public static Path write(Path file, Compare c) {
    try {
      Files.writeString(file, render(c), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static String render(Compare c) {
    StringBuilder h = new StringBuilder(256 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>mqtt-chaos compare: ").append(Html.text(c.a().profile())).append(" vs ")
        .append(Html.text(c.b().profile())).append("</title>\n<script>\n").append(ReportAssets.ERROR_CATCHER)
        .append("</script>\n<style>\n").append(ReportAssets.CSS).append("</style>\n</head>\n<body>\n<main>\n")
        .append("<header><h1>A vs B</h1>\n<p class=\"desc\">A: ")
        .append(Html.text(CompareText.describe(c.dirA(), c.a()))).append("<br>B: ")
        .append(Html.text(CompareText.describe(c.dirB(), c.b()))).append("</p></header>\n");
    verdict(h, c);
    h.append("<section><h2>Connect latency by percentile</h2><div class=\"chart\">")
        .append("<canvas id=\"connect-percentiles\"></canvas></div>\n<p class=\"note\">x axis: 1/(1-percentile) on a"
            + " log scale, as in report.html.</p></section>\n");
    table(h, c);
    h.append("<script type=\"application/json\" id=\"chart-data\">").append(chartData(c))
        .append("</script>\n<script>\n").append(ReportAssets.chartJs()).append("\n</script>\n<script>\n")
        .append(ReportAssets.CHARTS_JS).append("</script>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void verdict(StringBuilder h, Compare c) {
    h.append("<section><h2>Verdict</h2>\n");
    if (c.regressions().isEmpty()) {
      h.append("<p class=\"good\">No regression of B against A.</p>\n");
    } else {
      h.append("<p class=\"bad\">B regresses against A:</p>\n<ul>\n");
      c.regressions().forEach(r -> h.append("<li class=\"bad\">").append(Html.text(r)).append("</li>\n"));
      h.append("</ul>\n");
    }
    h.append("</section>\n");
  }

  private static void table(StringBuilder h, Compare c) {
    h.append("<section><h2>Side by side</h2><table>\n<tr><th>figure</th><th>A</th><th>B</th><th>B - A</th>"
        + "<th>change</th></tr>\n");
    for (CompareRow r : c.rows()) {
      h.append("<tr><td>").append(Html.text(r.label())).append("</td><td>").append(r.shownA()).append("</td><td>")
          .append(r.shownB()).append("</td><td>").append(Html.text(r.delta())).append("</td><td>")
          .append(Html.text(r.change())).append("</td></tr>\n");
    }
    h.append("</table></section>\n");
  }

  /** report.html's chart data shape, with A's and B's connect curves as the two series. */
  private static String chartData(Compare c) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode connect = root.putArray("connect");
    series(connect, "A: " + name(c.dirA()), c.dirA());
    series(connect, "B: " + name(c.dirB()), c.dirB());
    root.putArray("chaos");
    root.putNull("timeline");
    return Html.scriptSafeJson(root.toString());
  }

  private static void series(ArrayNode all, String name, Path dir) {
    Histogram total = HlogTotals.read(dir, MetricNames.CONNECT);
    if (total.getTotalCount() > 0) {
      ObjectNode s = all.addObject();
      s.put("name", name);
      s.set("points", ChartData.percentilePoints(total));
    }
  }

  /** A folder's own name, for legends and the default file name. */
  public static String name(Path dir) {
    Path file = dir.toAbsolutePath().normalize().getFileName();
    return file == null ? dir.toString() : file.toString();
  }
}
