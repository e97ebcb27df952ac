package org.mqttchaos.report;

import java.io.UncheckedIOException;
import org.mqttchaos.summary.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mqttchaos.summary.HistogramSummary;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.Summary;

/**
 * Writes report.html: one self-contained page (Chart.js inlined, no external fonts or links) with the run header,
 * verdicts, latency tables and charts. Every string that came from a profile or a broker is escaped.
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static Path write(Path resultsDir, Summary summary) {
    return write(resultsDir, summary, PlanCsv.read(resultsDir));
  }

  /** As {@link #write(Path, Summary)}, with the folder's plan.csv already read. */
  static Path write(Path resultsDir, Summary summary, PlanCsv plan) {
    Path file = resultsDir.resolve(ResultsFolder.REPORT_HTML);
    try {
      AtomicFile.writeString(file, render(resultsDir, summary, plan));
      return file;
    } catch (UncheckedIOException e) {
      throw new ReportException(e.getMessage(), e); // "report.html: the OS's reason"
    }
  }

  static String render(Path dir, Summary s, PlanCsv plan) {
    StringBuilder h = new StringBuilder(256 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>mqtt-chaos: ").append(Html.text(s.profile())).append("</title>\n")
        .append("<script>\n").append(ReportAssets.ERROR_CATCHER).append("</script>\n<style>\n").append(ReportAssets.CSS).append("</style>\n</head>\n<body>\n<main>\n");
    header(h, s, ResultsFolder.description(dir).orElse(null));
    HtmlSections.verdict(h, s);
    HtmlSections.latencyTable(h, latencies(s));
    h.append("<section><h2>Connect latency by percentile</h2><div class=\"chart\">")
        .append("<canvas id=\"connect-percentiles\"></canvas></div>\n<p class=\"note\">Drawn as HdrHistogram's plotter"
            + " draws it: the x axis is 1/(1-percentile) on a log scale, so the tail gets the room.</p></section>\n");
    HtmlSections.connectsTable(h, s);
    HtmlSections.outages(h, s);
    if (Timeline.read(dir).isPresent()) {
      h.append("<section><h2>Over time</h2><div class=\"chart\"><canvas id=\"timeline\"></canvas></div>")
          .append("<p class=\"note\">Orange lines: seconds with faults injected; red lines: planned mass drops;"
              + " grey bands: the broker was down.</p></section>\n");
    }
    HtmlMessages.section(h, s, Timeline.read(dir).map(Timeline::anyMessages).orElse(false));
    HtmlSections.sessionAndChaos(h, s);
    if (chaosTimings(s) > 0) {
      h.append("<section><h2>Flap interval, keep-alive detection, will delay, takeover close and time to calm by"
              + " percentile</h2><div class=\"chart\"><canvas id=\"chaos-percentiles\"></canvas></div>")
          .append("<p class=\"note\">Percentile distributions like the connect chart, on a log latency axis.</p>")
          .append("</section>\n");
    }
    HtmlChaos.roles(h, s, plan);
    HtmlChaos.topFlapping(h, s);
    HtmlChaos.massDrops(h, s, plan);
    HtmlChaos.findings(h, FindingRecord.read(dir), s.findings());
    h.append("<p class=\"note\">Written by mqtt-chaos ").append(Html.text(s.harnessVersion()))
        .append(" from the files of this results folder.</p>\n</main>\n")
        .append("<script type=\"application/json\" id=\"chart-data\">").append(ChartData.json(dir, plan, s.broker().outages(), s.loadStartS()))
        .append("</script>\n<script>\n").append(ReportAssets.chartJs()).append("\n</script>\n<script>\n")
        .append(ReportAssets.CHARTS_JS).append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private static long chaosTimings(Summary s) {
    Summary.Flaps f = s.flaps();
    return f.interval().count() + s.keepAlive().detection().count() + s.wills().delay().count()
        + f.takeoverClose().count() + f.timeToCalm().count();
  }

  private static void header(StringBuilder h, Summary s, String description) {
    h.append("<header>\n<h1>").append(Html.text(s.profile())).append("</h1>\n");
    if (description != null) {
      h.append("<p class=\"desc\">").append(Html.text(description)).append("</p>\n");
    }
    Summary.Broker b = s.broker();
    h.append("<div class=\"meta\">");
    meta(h, "broker", b.url() + (b.embedded() ? " (embedded)" : " (external)"));
    meta(h, "MQTT", b.mqttVersion());
    meta(h, "clients", Long.toString(s.clients()));
    meta(h, "seed", Long.toString(s.seed()));
    meta(h, "started", s.startedAt());
    meta(h, "duration", Format.seconds(s.durationS()));
    meta(h, "mqtt-chaos", s.harnessVersion());
    h.append("</div>\n</header>\n");
    if (s.interrupted()) {
      h.append("<section class=\"warn\"><b>This run was interrupted</b> before its planned end: the figures cover"
          + " only the part that ran.</section>\n");
    }
  }

  private static void meta(StringBuilder h, String label, String value) {
    h.append("<span>").append(label).append(" <b>").append(Html.text(value)).append("</b></span>");
  }

  /** Table rows: display name -> summary, connect family first. */
  private static Map<String, HistogramSummary> latencies(Summary s) {
    Map<String, HistogramSummary> rows = new LinkedHashMap<>();
    Summary.Latency l = s.latency();
    rows.put(MetricNames.CONNECT, l.connect());
    rows.put("connect, first", l.connectFirst());
    rows.put("connect, reconnect", l.connectReconnect());
    rows.put("connect, clean session", l.connectClean());
    rows.put("connect, persistent session", l.connectPersistent());
    rows.put(MetricNames.TCP_CONNECT, l.tcpConnect());
    rows.put("tls-handshake, full", l.tlsHandshake());
    rows.put("tls-handshake, resumed", l.tlsHandshakeResumed());
    rows.put(MetricNames.WS_UPGRADE, l.wsUpgrade());
    rows.put("start-lag (harness)", l.startLag());
    rows.put("flap interval", s.flaps().interval());
    rows.put("keep-alive detection", s.keepAlive().detection());
    rows.put("will delay", s.wills().delay());
    rows.put("takeover close", s.flaps().takeoverClose());
    rows.put("time to calm", s.flaps().timeToCalm());
    rows.put("mass drop recovery", s.drops().recovery());
    rows.put("connect during recovery", s.drops().connectDuringRecovery());
    return rows;
  }
}
