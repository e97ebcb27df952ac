package org.mqttchaos.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mqttchaos.summary.HistogramSummary;
import org.mqttchaos.summary.Summary;

/**
 * The messages section of report.html: counts by QoS, the message latencies as a table and a percentile chart, and
 * the messages published, acknowledged and delivered per second with the fault markers. Shown when the run had
 * messages; from the summary and the chart data alone.
 */
final class HtmlMessages {
  private HtmlMessages() {}

  /** True when the run published, delivered, skipped or subscribed anything. */
  static boolean any(Summary s) {
    Summary.Messages m = s.messages();
    return m.published() + m.delivered() + m.notSent() + m.subscriptions() > 0;
  }

  static void section(StringBuilder h, Summary s, boolean timeline) {
    if (!any(s)) {
      return;
    }
    Summary.Messages m = s.messages();
    h.append("<section id=\"messages\"><h2>Messages</h2><table>\n<tr><th>QoS</th><th>published</th>"
        + "<th>acknowledged</th><th>delivered</th><th>not sent (publisher not connected)</th></tr>\n");
    for (int qos = 0; qos <= 2; qos++) {
      Summary.QosCounts c = m.byQos().of(qos);
      h.append("<tr><td>").append(qos).append("</td><td>").append(c.published()).append("</td><td>")
          .append(qos == 0 ? "-" : Long.toString(c.acknowledged())).append("</td><td>").append(c.delivered())
          .append("</td><td>").append(c.notSent()).append("</td></tr>\n");
    }
    h.append("<tr><th>all</th><th>").append(m.published()).append("</th><th>").append(m.acknowledged())
        .append("</th><th>").append(m.delivered()).append("</th><th>").append(m.notSent()).append("</th></tr>\n")
        .append("</table>\n<p class=\"note\">Published and acknowledged by the QoS of the PUBLISH sent, delivered by the"
            + " QoS it arrived with (one arrival per matching subscription; ")
        .append(m.retainedOnSubscribe()).append(" of them retained messages sent for a new subscription, not timed)."
            + " Subscriptions made: ").append(m.subscriptions()).append(", refused by SUBACK: ")
        .append(m.subscriptionsRefused()).append(".</p>\n");
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
