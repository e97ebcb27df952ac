package org.mqttchaos.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mqttchaos.summary.HistogramSummary;
import org.mqttchaos.summary.Summary;

/**
 * The messages section of report.html: the load's counts by QoS, the delivery checker's outcomes by QoS, the message
 * latencies as a table and a percentile chart, and the messages published, acknowledged and received per second with
 * the fault markers. Shown when the run had
 * messages; from the summary and the chart data alone.
 */
final class HtmlMessages {
  /** The delivery checker's figures by QoS, as table columns: summary.json's name, the column's heading. */
  private static final String[][] OUTCOMES = {{"expected", "expected"}, {"delivered", "delivered"},
      {"lost", "lost"}, {"duplicated", "duplicated"}, {"outOfOrder", "out of order"}, {"unknown", "unknown"},
      {"expectedLoss", "expected loss"}, {"late", "late"}, {"unexpected", "unexpected"}};

  private HtmlMessages() {}

  /**
   * The delivery checker's outcomes by QoS: each pair (a message, a subscriber session or group entitled to it) ends
   * delivered, lost, unknown or an expected loss; lost, duplicated QoS 2, out of order and unexpected are findings.
   */
  private static void outcomes(StringBuilder h, Summary.Messages m) {
    h.append("<h3>Delivery outcomes</h3><table>\n<tr><th>QoS</th>");
    for (String[] column : OUTCOMES) {
      h.append("<th>").append(column[1]).append("</th>");
    }
    h.append("</tr>\n");
    for (int qos = 0; qos <= 2; qos++) {
      Summary.QosCounts c = m.byQos().of(qos);
      long[] row = {c.expected(), c.delivered(), c.lost(), c.duplicated(), c.outOfOrder(), c.unknown(),
          c.expectedLoss(), c.late(), c.unexpected()};
      h.append("<tr><td>").append(qos).append("</td>");
      for (int i = 0; i < row.length; i++) {
        cell(h, "td", row[i], i);
      }
      h.append("</tr>\n");
    }
    long[] all = {m.expected(), m.delivered(), m.lost(), m.duplicated(), m.outOfOrder(), m.unknown(),
        m.expectedLoss(), m.late(), m.unexpected()};
    h.append("<tr><th>all</th>");
    for (int i = 0; i < all.length; i++) {
      cell(h, "th", all[i], i);
    }
    h.append("</tr>\n</table>\n<p class=\"note\">By the delivery's QoS (the smaller of the PUBLISH's and the"
        + " subscription's). Each pair of a message and a subscriber session entitled to it is delivered, lost,"
        + " unknown (the harness cannot judge it: a persistent session offline at the end, due within the drain"
        + " window) or an expected loss (QoS 0, a session that ended): expected = delivered + lost + unknown +"
        + " expected loss. Lost, out of order, unexpected and QoS 2 copies sent as new messages are findings; ")
        .append(m.foreign()).append(" arrivals were not this run's messages (foreign).</p>\n");
  }

  /** One count; lost, out of order and unexpected above zero are marked bad. */
  private static void cell(StringBuilder h, String tag, long value, int column) {
    String name = OUTCOMES[column][0];
    boolean bad = value > 0 && (name.equals("lost") || name.equals("outOfOrder") || name.equals("unexpected"));
    h.append('<').append(tag).append(bad ? " class=\"bad\">" : ">").append(value).append("</").append(tag)
        .append('>');
  }

  /** True when the run published, received, skipped or subscribed anything. */
  static boolean any(Summary s) {
    Summary.Messages m = s.messages();
    return m.published() + m.received() + m.notSent() + m.subscriptions() + m.expected() + m.unexpected() > 0;
  }

  /**
   * Why messages were not sent, in words, the nonzero causes only: "3 publisher not connected, 2800 queued behind
   * the in-flight window at the hold's end", or the one cause's words alone ("publisher not connected"). A summary
   * written before notSentBy was counted only the first cause.
   */
  static String notSentWhy(Summary.Messages m) {
    Summary.NotSentBy by = m.notSentBy();
    if (by.notConnected() + by.queuedAtHoldEnd() + by.queueFull() + by.sessionEnded() == 0) {
      return "publisher not connected";
    }
    long[] counts = {by.notConnected(), by.queuedAtHoldEnd(), by.queueFull(), by.sessionEnded()};
    String[] words = {"publisher not connected", "queued behind the in-flight window at the hold's end",
        "the queue behind the in-flight window full", "queued when their clean session ended"};
    List<String> parts = new ArrayList<>(4);
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        parts.add(counts[i] + " " + words[i]);
      }
    }
    if (parts.size() == 1) { // one cause: the total already says how many
      return parts.get(0).substring(parts.get(0).indexOf(' ') + 1);
    }
    return String.join(", ", parts);
  }

  static void section(StringBuilder h, Summary s, boolean timeline) {
    if (!any(s)) {
      return;
    }
    Summary.Messages m = s.messages();
    h.append("<section id=\"messages\"><h2>Messages</h2><table>\n<tr><th>QoS</th><th>published</th>"
        + "<th>acknowledged</th><th>not sent</th><th>received</th></tr>\n");
    for (int qos = 0; qos <= 2; qos++) {
      Summary.QosCounts c = m.byQos().of(qos);
      h.append("<tr><td>").append(qos).append("</td><td>").append(c.published()).append("</td><td>")
          .append(qos == 0 ? "-" : Long.toString(c.acknowledged())).append("</td><td>").append(c.notSent())
          .append("</td><td>").append(c.received()).append("</td></tr>\n");
    }
    h.append("<tr><th>all</th><th>").append(m.published()).append("</th><th>").append(m.acknowledged())
        .append("</th><th>").append(m.notSent()).append("</th><th>").append(m.received()).append("</th></tr>\n")
        .append("</table>\n<p class=\"note\">Published and acknowledged by the QoS of the PUBLISH sent, received by"
            + " the QoS it arrived with (every copy: one per matching subscription, redeliveries again; ")
        .append(m.retainedOnSubscribe()).append(" of them retained messages sent for a new subscription, not timed)."
            + " Not sent: planned and never written")
        .append(m.notSent() > 0 ? " (" + notSentWhy(m) + ")" : "").append(", so planned = published +"
            + " not sent.")
        .append(" Subscriptions made: ").append(m.subscriptions()).append(", refused by SUBACK: ")
        .append(m.subscriptionsRefused()).append(".</p>\n");
    outcomes(h, m);
    Map<String, HistogramSummary> rows = new LinkedHashMap<>();
    rows.put("delivery (planned instant to arrival)", m.delivery());
    rows.put("publish to PUBACK (QoS 1)", m.puback());
    rows.put("publish to PUBCOMP (QoS 2)", m.pubcomp());
    h.append("</section>\n");
    HtmlSections.latencyTable(h, rows);
    if (m.delivery().count() + m.puback().count() + m.pubcomp().count() > 0) {
      h.append("<section><h2>Message latency by percentile</h2><div class=\"chart\">")
          .append("<canvas id=\"message-percentiles\"></canvas></div>\n<p class=\"note\">Delivery counts from each"
              + " message's planned instant, not from its write: a publisher that fell behind or a broker that"
              + " stalled shows here.</p></section>\n");
    }
    if (timeline) {
      h.append("<section><h2>Messages over time</h2><div class=\"chart\"><canvas id=\"message-timeline\"></canvas>"
          + "</div><p class=\"note\">Per second. Orange lines: seconds with faults injected; red lines: planned mass"
          + " drops; grey bands: the broker was down.</p></section>\n");
    }
  }
}
