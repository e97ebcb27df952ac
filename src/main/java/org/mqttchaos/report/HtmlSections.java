package org.mqttchaos.report;

import java.util.List;
import java.util.Map;
import org.mqttchaos.summary.HistogramSummary;
import org.mqttchaos.summary.Summary;

/** The table and verdict sections of report.html, from the summary alone; every value escaped on the way in. */
final class HtmlSections {
  private HtmlSections() {}

  static void verdict(StringBuilder h, Summary s) {
    Summary.Connects c = s.connects();
    h.append("<section><h2>Verdict</h2><div class=\"verdict\">\n");
    card(h, "connect success", Format.percent(c.succeeded(), c.attempted()),
        c.succeeded() + " of " + c.attempted() + " attempts", c.failed() == 0);
    card(h, "session-present mismatches", Long.toString(s.sessionPresent().mismatches()),
        "of " + s.sessionPresent().checked() + " checked", s.sessionPresent().mismatches() == 0);
    card(h, "findings", Long.toString(s.findings()), (s.findingsByKind().isEmpty() ? "invariant violations"
        : FindingRecord.mostFrequent(s.findingsByKind(), 3)) + FindingRecord.keptNote(s.findings(), s.findingsKept()),
        s.findings() == 0);
    card(h, "flaps per client-minute", Format.decimal(s.flaps().perClientMinute(), 3),
        s.flaps().total() + " flaps, " + s.flaps().takeovers() + " takeovers", null);
    h.append("</div>\n");
    if (!s.broker().outages().isEmpty()) {
      h.append("<p class=\"bad\">").append(Html.text(ConsoleSummary.outagesLine(s))).append(" (see Broker outages)</p>\n");
    }
    if (!s.broker().overrides().isEmpty() || !s.broker().refusedLocally().isEmpty()) {
      h.append("<p id=\"broker-overrides\">The broker's CONNACKs set: ")
          .append(Html.text(ConsoleSummary.overridesLine(s.broker()))).append(".</p>\n");
    }
    if (s.assertions() != null && !s.assertions().isEmpty()) {
      assertions(h, s);
    }
    if (s.harness().saturated()) {
      h.append("<p class=\"bad\">The harness itself was saturated (")
          .append(Html.text(ConsoleSummary.startLagJudged(s.harness())))
          .append("): latencies include harness delay. The harness, not the broker, was the bottleneck (event-loop lag p99 ")
          .append(Format.ms(s.harness().loopLagP99AfterWarmUp())).append(" ms after the first ")
          .append(SummaryBuilder.WARM_UP_SECONDS).append(" s).</p>\n");
    } else if (s.harness().startLagP99() > SummaryBuilder.SATURATION_START_LAG_P99_US) {
      h.append("<p>Start-lag p99 ").append(Format.ms(s.harness().startLagP99())).append(" ms: ")
          .append(Html.text(ConsoleSummary.lateStartsNote(s.harness()))).append(".</p>\n");
    }
    h.append("</section>\n");
  }

  /** ok: green or red border; null for a neutral figure (flaps are the point of some profiles). */
  private static void card(StringBuilder h, String title, String value, String detail, Boolean ok) {
    h.append("<div class=\"").append(ok == null ? "" : ok ? "ok" : "ko").append("\"><div>").append(Html.text(title))
        .append("</div><div class=\"v\">").append(Html.text(value)).append("</div><div class=\"note\">")
        .append(Html.text(detail)).append("</div></div>\n");
  }

  static void latencyTable(StringBuilder h, Map<String, HistogramSummary> rows) {
    h.append("<section><h2>Latencies (ms)</h2><table>\n<tr><th>metric</th><th>count</th><th>min</th><th>p50</th>"
        + "<th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr>\n");
    rows.forEach((name, l) -> {
      h.append("<tr><td>").append(Html.text(name)).append("</td><td>").append(l.count()).append("</td>");
      if (l.count() == 0) {
        h.append("<td class=\"muted\" colspan=\"6\">not recorded in this run</td>");
      } else {
        for (long v : new long[] {l.min(), l.p50(), l.p90(), l.p99(), l.p999(), l.max()}) {
          h.append("<td>").append(Format.ms(v)).append("</td>");
        }
      }
      h.append("</tr>\n");
    });
    h.append("</table></section>\n");
  }

  static void connectsTable(StringBuilder h, Summary s) {
    Summary.Connects c = s.connects();
    h.append("<section><h2>Connects</h2><table>\n<tr><th>outcome</th><th>count</th><th>share of attempts</th></tr>\n");
    row(h, "attempted", c.attempted(), c.attempted());
    row(h, "succeeded", c.succeeded(), c.attempted());
    row(h, "failed", c.failed(), c.attempted());
    c.byCode().forEach((code, n) -> row(h, "CONNACK " + ConnectCodes.label(code, s.broker().mqttVersion()), n,
        c.attempted()));
    row(h, "no CONNACK (refused, timed out, closed)", c.noConnack(), c.attempted());
    h.append("</table>\n");
    if (!c.failedBy().isEmpty()) {
      h.append("<table>\n<tr><th>failed by</th><th>count</th><th>share of failures</th>"
          + "<th>what happened, what to change</th></tr>\n");
      c.failedBy().forEach((reason, n) -> h.append("<tr><td>").append(Html.text(reason)).append("</td><td>").append(n)
          .append("</td><td>").append(Html.text(Format.percent(n, c.failed()))).append("</td><td>")
          .append(Html.text(FailureReasons.advice(reason))).append("</td></tr>\n"));
      h.append("</table>\n");
    }
    h.append("</section>\n");
  }

  /** The broker outages, one row each, when the run saw any: when, how long, what they cost. */
  static void outages(StringBuilder h, Summary s) {
    List<Summary.Outage> outages = s.broker().outages();
    if (outages.isEmpty()) {
      return;
    }
    h.append("<section class=\"warn\" id=\"outages\"><h2>Broker outages</h2><table>\n<tr><th>#</th><th>down from"
        + "</th><th>back at</th><th>lasted</th><th>connections lost</th><th>sessions lost on restart</th></tr>\n");
    int i = 1;
    for (Summary.Outage o : outages) {
      h.append("<tr><td>").append(i++).append("</td><td>").append(Html.text(Format.preciseSeconds(o.from())))
          .append("</td><td>").append(Html.text(o.to() == null ? "not back at the run's end"
              : Format.preciseSeconds(o.to()))).append("</td><td>")
          .append(Html.text(Format.preciseSeconds(o.seconds(s.durationS())))).append("</td><td>")
          .append(o.connectionsLost()).append("</td><td>").append(o.sessionsLost()).append("</td></tr>\n");
    }
    h.append("</table>\n<p class=\"note\">Seconds into the run. The broker went away: it closed every live"
        + " connection at once, or its port refused connects or did not answer. A connection its going away closed"
        + " owes no will; a persistent session it did not resume after it came back is counted here and is one"
        + " sessions-lost-on-broker-restart finding per outage, not a session-present mismatch each.</p></section>\n");
  }

  private static void row(StringBuilder h, String label, long n, long whole) {
    h.append("<tr><td>").append(Html.text(label)).append("</td><td>").append(n).append("</td><td>")
        .append(Html.text(Format.percent(n, whole))).append("</td></tr>\n");
  }

  static void sessionAndChaos(StringBuilder h, Summary s) {
    h.append("<section><h2>Sessions, flaps, drops, keep-alive, wills</h2><table>\n")
        .append("<tr><th>figure</th><th>value</th></tr>\n");
    pair(h, "session present checked / mismatches / lost on broker restart", s.sessionPresent().checked() + " / "
        + s.sessionPresent().mismatches() + " / " + s.sessionPresent().lostOnBrokerRestart());
    if (s.sessionPresent().withinExpiryTolerance() + s.sessionPresent().orderUnknown() > 0) {
      pair(h, "session present not judged: within the expiry tolerance / connects of one ID that overlapped",
          s.sessionPresent().withinExpiryTolerance() + " / " + s.sessionPresent().orderUnknown());
    }
    Summary.Flaps f = s.flaps();
    pair(h, "flaps / takeovers / flapping IDs", f.total() + " / " + f.takeovers() + " / " + f.flappingIds());
    pair(h, "flaps per connected client-minute", Format.decimal(f.perClientMinute(), 3));
    if (f.protocolErrors() > 0) {
      pair(h, "flaps that were protocol errors (the broker sent bytes that are not MQTT)",
          Long.toString(f.protocolErrors()));
    }
    pair(h, "takeovers with DISCONNECT 0x8E / flapping IDs never calmed",
        f.takeoversWith0x8E() + " / " + f.neverCalmed());
    pair(h, "time to calm p50 / max (ms)", f.timeToCalm().count() == 0 ? "-"
        : Format.ms(f.timeToCalm().p50()) + " / " + Format.ms(f.timeToCalm().max()));
    pair(h, "connects throttled (CONNACK server busy, quota or connection rate exceeded)",
        Long.toString(f.throttled()));
    Summary.Drops d = s.drops();
    pair(h, "drops abrupt / graceful / mass drops", d.abrupt() + " / " + d.graceful() + " / " + d.massDrops());
    pair(h, "reconnects attempted", Long.toString(s.connects().reconnectsAttempted()));
    Summary.KeepAlive k = s.keepAlive();
    pair(h, "keep-alive silent clients / closed by broker", k.silentClients() + " / " + k.closedByBroker());
    pair(h, "keep-alive closed early / late / never closed", k.early() + " / " + k.late() + " / " + k.neverClosed());
    pair(h, "PINGREQs sent / answered / unanswered",
        k.pingsSent() + " / " + k.pingsAnswered() + " / " + k.pingsUnanswered());
    Summary.Wills w = s.wills();
    pair(h, "wills expected / received", w.expected() + " / " + w.received());
    pair(h, "wills missing / unexpected / duplicates", w.missing() + " / " + w.unexpected() + " / " + w.duplicates());
    pair(h, "wills after takeover / unmatched / foreign",
        w.afterTakeover() + " / " + w.unmatched() + " / " + w.foreign());
    pair(h, "wills unknown (owed while the will observer was not subscribed)", Long.toString(w.unknown()));
    pair(h, "will observer: connections lost / ms not subscribed",
        w.observerLost() + " / " + w.observerBlindMillis());
    pair(h, "wills after a broker outage's close (owed none)", Long.toString(w.afterOutage()));
    pair(h, "Will Delay Interval: wills early / after the client's return / cancelled by its return",
        w.early() + " / " + w.afterReturn() + " / " + w.cancelled());
    Summary.Events e = s.events();
    if (e != null) {
      pair(h, "events not expected by the connection", ConsoleSummary.kinds(e.unexpected()));
      pair(h, "events taken by no check", ConsoleSummary.kinds(e.unclaimed()));
      pair(h, "packets", ConsoleSummary.kinds(e.packets()));
      pair(h, "DISCONNECT reason codes from the broker", ConsoleSummary.kinds(e.disconnectsByReason()));
    }
    h.append("</table></section>\n");
  }

  private static void pair(StringBuilder h, String label, String value) {
    h.append("<tr><td>").append(Html.text(label)).append("</td><td>").append(Html.text(value)).append("</td></tr>\n");
  }

  /** Inside the verdict box: each assertion with its actual value and PASS / FAIL, then the tally. */
  private static void assertions(StringBuilder h, Summary s) {
    List<Summary.AssertionResult> all = s.assertions();
    long passed = all.stream().filter(Summary.AssertionResult::passed).count();
    h.append("<table class=\"assertions\">\n<tr><th>assertion</th><th>actual</th><th>result</th></tr>\n");
    for (Summary.AssertionResult a : all) {
      h.append("<tr><td>").append(Html.text(a.text())).append("</td><td>").append(Html.text(a.actual()))
          .append("</td><td class=\"").append(a.passed() ? "good\">PASS" : "bad\">FAIL").append("</td></tr>\n");
    }
    h.append("</table>\n<p class=\"").append(passed == all.size() ? "good" : "bad").append("\">").append(passed)
        .append(" of ").append(all.size()).append(" assertions passed</p>\n");
  }
}
