package org.mqttchaos.report;

import java.util.List;
import java.util.Map;
import org.mqttchaos.summary.HistogramSummary;
import org.mqttchaos.summary.Summary;

/**
 * The chaos sections of report.html: flaps per role, the most flapping IDs, mass drop recovery and the findings.
 * Client IDs and finding texts come from the broker's behaviour and the profile: every one goes through
 * {@link Html#text}.
 */
final class HtmlChaos {
  /** Findings listed in the page; the rest stay in findings.json. */
  static final int MAX_FINDINGS = 200;

  private HtmlChaos() {}

  static void roles(StringBuilder h, Summary s, PlanCsv plan) {
    Map<String, Summary.RoleFlaps> roles = s.flaps().byRole();
    if (roles.isEmpty()) {
      return;
    }
    h.append("<section><h2>Flaps per role</h2><table>\n<tr><th>role</th><th>clients</th><th>flaps</th>"
        + "<th>connected minutes</th><th>flaps per client-minute</th></tr>\n");
    roles.forEach((role, r) -> h.append("<tr><td>").append(Html.text(role)).append("</td><td>")
        .append(plan.clientsByRole().getOrDefault(role, 0L)).append("</td><td>").append(r.flaps())
        .append("</td><td>").append(Format.decimal(r.connectedMinutes(), 2)).append("</td><td>")
        .append(Format.decimal(r.perClientMinute(), 3)).append("</td></tr>\n"));
    h.append("</table><p class=\"note\">Clients from plan.csv; a flap is a close the client did not ask for."
        + "</p></section>\n");
  }

  static void topFlapping(StringBuilder h, Summary s) {
    List<Summary.FlapCount> top = s.flaps().top();
    if (top.isEmpty()) {
      return;
    }
    h.append("<section><h2>Most flapping client IDs</h2><table>\n<tr><th>client ID</th><th>flaps</th></tr>\n");
    for (Summary.FlapCount f : top) {
      h.append("<tr><td>").append(Html.text(f.clientId())).append("</td><td>").append(f.flaps())
          .append("</td></tr>\n");
    }
    h.append("</table></section>\n");
  }

  static void massDrops(StringBuilder h, Summary s, PlanCsv plan) {
    Summary.Drops d = s.drops();
    if (d.massDrop().isEmpty()) {
      return;
    }
    h.append("<section><h2>Mass drop recovery</h2><table>\n<tr><th>mass drop</th><th>planned at</th>"
        + "<th>dropped</th><th>recovered</th><th>not back</th><th>not dropped: not connected</th>"
        + "<th>not dropped: not holding</th></tr>\n");
    for (Summary.MassDrop m : d.massDrop()) {
      Double at = plan.massDropAtS().get(m.index());
      h.append("<tr><td>#").append(m.index()).append("</td><td>")
          .append(at == null ? "-" : Format.preciseSeconds(at)).append("</td><td>")
          .append(m.dropped()).append("</td><td>").append(m.recovered()).append("</td><td>")
          .append(m.dropped() - m.recovered()).append("</td><td>").append(m.notConnected()).append("</td>")
          .append(m.dropped() == 0 ? "<td class=\"bad\">" : "<td>").append(m.notHolding()).append("</td></tr>\n");
    }

    h.append("</table>\n<table>\n<tr><th>all mass drops (ms)</th><th>count</th><th>p50</th><th>p99</th>"
        + "<th>max</th></tr>\n");
    timing(h, "recovery: drop to connected again", d.recovery());
    timing(h, "connect latency during recovery", d.connectDuringRecovery());
    h.append("</table>\n");
    if (d.recovery().count() + d.connectDuringRecovery().count() > 0) {
      h.append("<div class=\"chart\"><canvas id=\"recovery-percentiles\"></canvas></div>\n");
    }
    String misses = ConsoleSummary.massDropMisses(d.massDrop());
    if (!misses.isEmpty()) {
      h.append("<p class=\"bad\">Not every planned client was dropped: ")
          .append(Html.text(misses.substring(2).replace("; #", "; mass drop #").replaceFirst("^#", "mass drop #")))
          .append(".</p>\n");
    }
    h.append("</section>\n");
  }

  private static void timing(StringBuilder h, String label, HistogramSummary l) {
    h.append("<tr><td>").append(Html.text(label)).append("</td><td>").append(l.count()).append("</td><td>")
        .append(Format.ms(l.p50())).append("</td><td>").append(Format.ms(l.p99())).append("</td><td>")
        .append(Format.ms(l.max())).append("</td></tr>\n");
  }

  /** The first findings of findings.json ({@code findings}) in a table; {@code all}: how many the run found. */
  static void findings(StringBuilder h, List<FindingRecord> findings, long all) {
    if (findings.isEmpty()) {
      return;
    }
    h.append("<section id=\"findings\"><h2>Findings</h2><table class=\"findings\">\n<tr><th>kind</th><th>rule</th>"
        + "<th>client ID</th><th>at</th><th>expected</th><th>observed</th></tr>\n");
    for (FindingRecord f : findings.subList(0, Math.min(MAX_FINDINGS, findings.size()))) {
      h.append("<tr><td>").append(Html.text(f.kind())).append("</td><td>").append(Html.text(f.rule()))
          .append("</td><td>").append(Html.text(f.clientId())).append("</td><td>")
          .append(Format.preciseSeconds(f.atMillis() / 1000.0)).append("</td><td>").append(Html.text(f.expected()))
          .append("</td><td>").append(Html.text(f.observed())).append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (all > findings.size()) {
      h.append("<p class=\"note\">The first ").append(Math.min(MAX_FINDINGS, findings.size())).append(" of the ")
          .append(all).append(" findings of the run; findings.json holds the first ").append(findings.size())
          .append(" (the count of every kind is in the verdict above and in summary.json).</p>\n");
    } else if (findings.size() > MAX_FINDINGS) {
      h.append("<p class=\"note\">The first ").append(MAX_FINDINGS).append(" of ").append(findings.size())
          .append(" findings; ").append(findings.size() - MAX_FINDINGS).append(" more in findings.json.</p>\n");
    }
    h.append("</section>\n");
  }
}
