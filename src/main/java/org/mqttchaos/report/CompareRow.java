package org.mqttchaos.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mqttchaos.summary.HistogramSummary;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.Summary;

/**
 * One line of a comparison: a figure of run A and of run B, with the absolute and relative change from A to B.
 * Latencies are held in microseconds, as in summary.json, and shown in milliseconds.
 */
public record CompareRow(String figure, Kind kind, double a, double b) {
  /** How a figure's values read. */
  public enum Kind { LATENCY, COUNT, RATE }

  /** The figures {@code mqtt-chaos compare} shows, in table order. */
  static List<CompareRow> of(Summary a, Summary b) {
    List<CompareRow> rows = new ArrayList<>();
    latency(rows, MetricNames.CONNECT, a.latency().connect(), b.latency().connect());
    latency(rows, MetricNames.TCP_CONNECT, a.latency().tcpConnect(), b.latency().tcpConnect());
    latency(rows, MetricNames.START_LAG, a.latency().startLag(), b.latency().startLag());
    count(rows, "connects attempted", a.connects().attempted(), b.connects().attempted());
    count(rows, "connects succeeded", a.connects().succeeded(), b.connects().succeeded());
    count(rows, "connects failed", a.connects().failed(), b.connects().failed());
    for (String reason : FailureReasons.union(a.connects().failedBy(), b.connects().failedBy())) {
      count(rows, "connects failed by " + reason, a.connects().failedBy().getOrDefault(reason, 0L),
          b.connects().failedBy().getOrDefault(reason, 0L));
    }
    count(rows, "session-present mismatches", a.sessionPresent().mismatches(), b.sessionPresent().mismatches());
    count(rows, "flaps", a.flaps().total(), b.flaps().total());
    rows.add(new CompareRow("flaps per client-minute", Kind.RATE, a.flaps().perClientMinute(),
        b.flaps().perClientMinute()));
    count(rows, "takeovers", a.flaps().takeovers(), b.flaps().takeovers());
    count(rows, "wills expected", a.wills().expected(), b.wills().expected());
    count(rows, "wills received", a.wills().received(), b.wills().received());
    count(rows, "wills missing", a.wills().missing(), b.wills().missing());
    HistogramSummary ka = a.keepAlive().detection();
    HistogramSummary kb = b.keepAlive().detection();
    rows.add(new CompareRow("keep-alive detection p50", Kind.LATENCY, ka.p50(), kb.p50()));
    rows.add(new CompareRow("keep-alive detection p99", Kind.LATENCY, ka.p99(), kb.p99()));
    count(rows, "messages published", a.messages().published(), b.messages().published());
    count(rows, "messages acknowledged", a.messages().acknowledged(), b.messages().acknowledged());
    count(rows, "messages not sent", a.messages().notSent(), b.messages().notSent());
    count(rows, "messages expected", a.messages().expected(), b.messages().expected());
    count(rows, "messages delivered", a.messages().delivered(), b.messages().delivered());
    count(rows, "messages lost", a.messages().lost(), b.messages().lost());
    count(rows, "messages duplicated", a.messages().duplicated(), b.messages().duplicated());
    count(rows, "messages out of order", a.messages().outOfOrder(), b.messages().outOfOrder());
    count(rows, "messages unknown", a.messages().unknown(), b.messages().unknown());
    count(rows, "messages expected loss", a.messages().expectedLoss(), b.messages().expectedLoss());
    count(rows, "messages unexpected", a.messages().unexpected(), b.messages().unexpected());
    count(rows, "messages received", a.messages().received(), b.messages().received());
    latency(rows, MetricNames.DELIVERY, a.messages().delivery(), b.messages().delivery());
    rows.add(new CompareRow(MetricNames.PUBACK + " p99", Kind.LATENCY, a.messages().puback().p99(),
        b.messages().puback().p99()));
    rows.add(new CompareRow(MetricNames.PUBCOMP + " p99", Kind.LATENCY, a.messages().pubcomp().p99(),
        b.messages().pubcomp().p99()));
    count(rows, "findings", a.findings(), b.findings());
    return List.copyOf(rows);
  }

  private static void latency(List<CompareRow> rows, String name, HistogramSummary a, HistogramSummary b) {
    rows.add(new CompareRow(name + " p50", Kind.LATENCY, a.p50(), b.p50()));
    rows.add(new CompareRow(name + " p90", Kind.LATENCY, a.p90(), b.p90()));
    rows.add(new CompareRow(name + " p99", Kind.LATENCY, a.p99(), b.p99()));
    rows.add(new CompareRow(name + " p99.9", Kind.LATENCY, a.p999(), b.p999()));
    rows.add(new CompareRow(name + " max", Kind.LATENCY, a.max(), b.max()));
  }

  private static void count(List<CompareRow> rows, String name, long a, long b) {
    rows.add(new CompareRow(name, Kind.COUNT, a, b));
  }

  /** The figure with its unit: "connect p99 (ms)". */
  public String label() {
    return kind == Kind.LATENCY ? figure + " (ms)" : figure;
  }

  public String shownA() {
    return show(a);
  }

  public String shownB() {
    return show(b);
  }

  /** B - A with its sign: "+0.600", "-3", "0". */
  public String delta() {
    double d = b - a;
    String shown = show(Math.abs(d));
    return d > 0 ? "+" + shown : d < 0 ? "-" + shown : "0";
  }

  /** (B - A) / A: "+30.0 %"; "new" when A is zero and B is not, "" when nothing changed. */
  public String change() {
    if (a == b) {
      return "";
    }
    if (a == 0) {
      return "new";
    }
    return String.format(Locale.ROOT, "%+.1f %%", 100.0 * (b - a) / a);
  }

  private String show(double v) {
    return switch (kind) {
      case LATENCY -> Format.ms(Math.round(v));
      case COUNT -> Long.toString(Math.round(v));
      case RATE -> Format.decimal(v, 3);
    };
  }
}
