package org.mqttchaos.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mqttchaos.summary.FailedBy;
import org.mqttchaos.summary.HistogramSummary;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.Summary;

/**
 * The few plain-text lines printed at the end of a run (and by {@code mqtt-chaos report}): the figures a user
 * looks at first, and where the full report is.
 */
public final class ConsoleSummary {
  /** Finding kinds named on the findings line; the rest are counted. */
  static final int MAX_KINDS = 5;

  private ConsoleSummary() {}

  public static String render(Summary s, Path resultsDir) {
    StringBuilder out = new StringBuilder();
    Summary.Broker b = s.broker();
    out.append("mqtt-chaos ").append(s.profile()).append(" - seed ").append(s.seed()).append(", ")
        .append(Format.seconds(s.durationS())).append(", broker ").append(b.url())
        .append(b.embedded() ? " (embedded)" : "").append(", MQTT ").append(b.mqttVersion()).append('\n');
    if (s.interrupted()) {
      out.append("WARNING: the run was interrupted; figures cover only the part that ran\n");
    }
    Summary.Connects c = s.connects();
    line(out, "clients", Long.toString(s.clients()));
    long open = c.attempted() - c.succeeded() - c.failed(); // connects the end of a run cut short caught midway
    line(out, "connects", c.succeeded() + " ok, " + c.failed() + " failed of " + c.attempted() + " attempted ("
        + Format.percent(c.succeeded(), c.attempted()) + " ok" + (open > 0 ? ", " + open + " still connecting when"
        + " the run ended" : "") + ")" + failures(c, b.mqttVersion()));
    failedBy(out, c);
    HistogramSummary connect = s.latency().connect();
    long refused = refused(c);
    line(out, MetricNames.CONNECT, "p50 " + Format.ms(connect.p50()) + " ms, p99 " + Format.ms(connect.p99())
        + " ms, max " + Format.ms(connect.max()) + " ms (" + connect.count()
        + (refused > 0 ? " accepting CONNACKs; " + refused + " refusing ones not timed)" : " CONNACKs)"));
    line(out, MetricNames.TCP_CONNECT, "p99 " + Format.ms(s.latency().tcpConnect().p99()) + " ms");
    HistogramSummary full = s.latency().tlsHandshake();
    HistogramSummary resumed = s.latency().tlsHandshakeResumed();
    if (full.count() + resumed.count() > 0) {
      line(out, MetricNames.TLS_HANDSHAKE, full.count() + " full p50 " + Format.ms(full.p50()) + " ms, p99 "
          + Format.ms(full.p99()) + " ms; " + resumed.count() + " resumed p50 " + Format.ms(resumed.p50())
          + " ms, p99 " + Format.ms(resumed.p99()) + " ms");
    }
    HistogramSummary ws = s.latency().wsUpgrade();
    if (ws.count() > 0) {
      line(out, MetricNames.WS_UPGRADE, "p50 " + Format.ms(ws.p50()) + " ms, p99 " + Format.ms(ws.p99()) + " ms ("
          + ws.count() + " upgrades)");
    }
    if (!b.outages().isEmpty()) {
      line(out, "broker outages", outagesLine(s));
    }
    if (!b.overrides().isEmpty() || !b.refusedLocally().isEmpty()) {
      line(out, "broker set", overridesLine(b));
    }
    line(out, "session present", s.sessionPresent().checked() + " checked, "
        + Format.count(s.sessionPresent().mismatches(), "mismatch", "mismatches")
        + (s.sessionPresent().lostOnBrokerRestart() > 0
            ? ", " + s.sessionPresent().lostOnBrokerRestart() + " lost on broker restart" : "")
        + (s.sessionPresent().withinExpiryTolerance() > 0
            ? ", " + s.sessionPresent().withinExpiryTolerance() + " within the expiry tolerance (not judged)" : "")
        + (s.sessionPresent().orderUnknown() > 0 ? ", " + s.sessionPresent().orderUnknown()
            + " not judged: their connect overlapped another of the same client ID (the broker's order unknown)"
            : ""));
    if (s.flaps().total() > 0) {
      line(out, "flaps", s.flaps().total() + " (" + s.flaps().takeovers() + " takeovers"
          + (s.flaps().protocolErrors() > 0 ? ", " + s.flaps().protocolErrors() + " protocol errors" : "") + "), "
          + Format.decimal(s.flaps().perClientMinute(), 3) + " per client-minute");
      if (s.flaps().protocolErrors() > 0) {
        line(out, "", Format.count(s.flaps().protocolErrors(), "connection", "connections")
            + " closed on a protocol error: the broker sent bytes that are not MQTT (a packet that did not decode, or"
            + " larger than 1 MB)");
      }
    }
    chaos(out, s);
    messages(out, s);
    line(out, "findings", s.findings() + (s.findingsByKind().isEmpty() ? ""
        : ": " + FindingRecord.mostFrequent(s.findingsByKind(), MAX_KINDS))
        + FindingRecord.keptNote(s.findings(), s.findingsKept()));
    line(out, MetricNames.START_LAG, "p99 " + Format.ms(s.harness().startLagP99()) + " ms");
    if (s.harness().saturated()) {
      out.append("WARNING: the harness itself was saturated (").append(startLagJudged(s.harness()))
          .append(", event-loop lag p99 ")
          .append(Format.ms(s.harness().loopLagP99AfterWarmUp())).append(" ms): latencies include harness delay;")
          .append(" the harness, not the broker, was the bottleneck\n");
    } else if (s.harness().startLagP99() > SummaryBuilder.SATURATION_START_LAG_P99_US) {
      out.append("note: ").append(lateStartsNote(s.harness())).append('\n');
    }
    assertions(out, s.assertions());
    line(out, "results", resultsDir.toAbsolutePath().normalize() + " (report.html)");
    return out.toString();
  }

  /** Takeovers, wills, keep-alive and mass drops, each only when the run exercised it: quickstart stays short. */
  private static void chaos(StringBuilder out, Summary s) {
    Summary.Flaps f = s.flaps();
    if (f.takeovers() + f.flappingIds() + f.throttled() > 0) {
      line(out, "takeovers", f.takeovers() + " (" + f.takeoversWith0x8E() + " with 0x8E), "
          + f.flappingIds() + " flapping IDs (" + f.neverCalmed() + " never calmed)"
          + (f.timeToCalm().count() > 0 ? ", time to calm " + p50Max(f.timeToCalm()) : "")
          + (f.throttled() > 0 ? "; " + f.throttled() + " connects throttled (refused: server busy or"
              + " unavailable, quota or connection rate exceeded)" : ""));
    }
    Summary.Wills w = s.wills();
    if (w.expected() + w.received() + w.unexpected() + w.duplicates() + w.afterTakeover() + w.afterReturn()
        + w.cancelled() + w.afterOutage() + w.unmatched() > 0) {
      line(out, "wills", w.expected() + " expected, " + w.received() + " received, " + w.missing() + " missing, "
          + (w.unknown() > 0 ? w.unknown() + " unknown, " : "")
          + w.unexpected() + " unexpected, " + w.duplicates() + " duplicates, " + w.afterTakeover()
          + " after takeover"
          + (w.afterOutage() > 0 ? ", " + w.afterOutage() + " after a broker outage" : "")
          + (w.unmatched() > 0 ? ", " + w.unmatched() + " unmatched" : "")
          + (w.early() + w.afterReturn() + w.cancelled() > 0 ? "; Will Delay Interval: " + w.early() + " early, "
              + w.afterReturn() + " after the client's return, " + w.cancelled() + " cancelled by its return" : "")
          + (w.delay().count() > 0 ? "; delay p50 " + Format.ms(w.delay().p50()) + " ms, p99 "
              + Format.ms(w.delay().p99()) + " ms" : ""));
    }
    if (w.observerLost() > 0 || w.observerBlindMillis() > 0) {
      line(out, "will observer", String.format("not subscribed for %.1f s of the run", w.observerBlindMillis() / 1e3)
          + (w.observerLost() > 0 ? ", its connection lost " + w.observerLost() + (w.observerLost() == 1 ? " time" : " times") : "")
          + (w.unknown() > 0 ? "; the " + w.unknown() + " wills owed then and never seen are unknown, not missing"
              : ""));
    }
    Summary.KeepAlive k = s.keepAlive();
    if (k.silentClients() + k.closedByBroker() > 0) {
      line(out, "keep-alive", k.silentClients() + " silent, " + k.closedByBroker() + " closed by broker ("
          + k.early() + " early, " + k.late() + " late), " + k.neverClosed() + " never closed; detection "
          + p50Max(k.detection()));
    }
    Summary.Events e = s.events();
    if (e != null && (!e.unexpected().isEmpty() || !e.unclaimed().isEmpty())) {
      line(out, "events", "not expected by the connection: " + kinds(e.unexpected()) + "; taken by no check: "
          + kinds(e.unclaimed()));
    }
    Summary.Drops d = s.drops();
    if (!d.massDrop().isEmpty()) {
      long dropped = d.massDrop().stream().mapToLong(Summary.MassDrop::dropped).sum();
      long recovered = d.massDrop().stream().mapToLong(Summary.MassDrop::recovered).sum();
      line(out, "mass drops", d.massDrop().size() + ": " + dropped + " dropped, " + recovered
          + " recovered; recovery p50 " + Format.ms(d.recovery().p50()) + " ms, p99 " + Format.ms(d.recovery().p99())
          + " ms, max " + Format.ms(d.recovery().max()) + " ms; connect during recovery p99 "
          + Format.ms(d.connectDuringRecovery().p99()) + " ms" + massDropMisses(d.massDrop()));
    }
  }

  /**
   * The start-lag the saturation verdict read, in words: "start-lag p99 12.2 ms after the first 5 s", or, when no
   * user started after the warm-up (so the whole run's start-lag was judged), "start-lag p99 12.2 ms, every user
   * having started in the first 5 s".
   */
  static String startLagJudged(Summary.Harness h) {
    return "start-lag p99 " + Format.ms(h.startLagP99AfterWarmUp()) + " ms" + (h.startsAfterWarmUp() > 0
        ? " after the first " + SummaryBuilder.WARM_UP_SECONDS + " s"
        : ", every user having started in the first " + SummaryBuilder.WARM_UP_SECONDS + " s");
  }

  /**
   * Why late starts did not make the harness saturated, in words: they were all in the warm-up, and after it either
   * users started on time or (every user having started in it) the event loops kept up.
   */
  static String lateStartsNote(Summary.Harness h) {
    String first = "the late starts were in the first " + SummaryBuilder.WARM_UP_SECONDS + " s (JVM warm-up); ";
    return h.startsAfterWarmUp() > 0
        ? first + "after them start-lag p99 was " + Format.ms(h.startLagP99AfterWarmUp()) + " ms"
        : first + "every user started then, and the event loops kept up after them (lag p99 "
            + Format.ms(h.loopLagP99AfterWarmUp()) + " ms)";
  }

  /**
   * "; #1 did not happen (of its 5 clients, 5 not holding at its time, 0 not connected)" for a mass drop that
   * dropped none, "; #0 missed 2 of its clients (...)" for one that could not drop all it planned; empty when every
   * mass drop dropped all its clients.
   */
  static String massDropMisses(List<Summary.MassDrop> drops) {
    StringBuilder text = new StringBuilder();
    for (Summary.MassDrop m : drops) {
      long missed = m.notHolding() + m.notConnected();
      if (missed == 0 && m.dropped() > 0) {
        continue;
      }
      String why = m.notHolding() + " not holding at its time (before their hold or after it), " + m.notConnected()
          + " not connected";
      text.append("; #").append(m.index()).append(m.dropped() == 0
          ? " did not happen (of its " + missed + " clients, " + why + ")"
          : " missed " + missed + " of its clients (" + why + ")");
    }
    return text.toString();
  }

  /**
   * The messages line, when the run had any: what the load did, the delivery checker's outcomes (published /
   * expected / delivered / lost / duplicated / out of order / unknown), its findings by kind, then the latencies.
   */
  private static void messages(StringBuilder out, Summary s) {
    if (!HtmlMessages.any(s)) {
      return;
    }
    Summary.Messages m = s.messages();
    StringBuilder text = new StringBuilder();
    text.append(m.published()).append(" published").append(m.notSent() > 0 ? " (" + m.notSent()
        + " not sent: " + HtmlMessages.notSentWhy(m) + ")" : "").append(", ").append(m.acknowledged()).append(" acknowledged; ")
        .append(m.expected()).append(" expected, ").append(m.delivered()).append(" delivered, ").append(m.lost())
        .append(" lost, ").append(m.duplicated()).append(" duplicated, ").append(m.outOfOrder())
        .append(" out of order, ").append(m.unknown()).append(" unknown");
    List<String> more = new ArrayList<>();
    if (m.expectedLoss() > 0) {
      more.add(m.expectedLoss() + " expected losses");
    }
    if (m.unexpected() > 0) {
      more.add(m.unexpected() + " unexpected");
    }
    if (m.late() > 0) {
      more.add(m.late() + " late");
    }
    if (!more.isEmpty()) {
      text.append(" (").append(String.join(", ", more)).append(')');
    }
    text.append("; ").append(m.received()).append(" received");
    if (m.subscriptionsRefused() > 0) {
      text.append(", ").append(m.subscriptionsRefused()).append(" of ").append(m.subscriptions())
          .append(" subscriptions refused");
    }
    Map<String, Long> findings = new java.util.TreeMap<>();
    s.findingsByKind().forEach((kind, n) -> {
      if (kind.startsWith("message-")) {
        findings.put(kind, n);
      }
    });
    if (!findings.isEmpty()) {
      text.append("; findings: ").append(FindingRecord.mostFrequent(findings, MAX_KINDS));
    }
    if (m.delivery().count() > 0) {
      text.append("; delivery p50 ").append(Format.ms(m.delivery().p50())).append(" ms, p99 ")
          .append(Format.ms(m.delivery().p99())).append(" ms");
    }
    if (m.puback().count() > 0) {
      text.append("; PUBACK p99 ").append(Format.ms(m.puback().p99())).append(" ms");
    }
    if (m.pubcomp().count() > 0) {
      text.append("; PUBCOMP p99 ").append(Format.ms(m.pubcomp().p99())).append(" ms");
    }
    line(out, "messages", text.toString());
  }

  /**
   * "the broker was down 1 time: 14.213 s - 24.530 s (10.317 s), 40 connections lost, 20 sessions lost on restart",
   * one part per outage; "not back at the end" for one the run ended in.
   */
  static String outagesLine(Summary s) {
    List<Summary.Outage> outages = s.broker().outages();
    List<String> parts = new ArrayList<>();
    for (Summary.Outage o : outages) {
      parts.add(Format.preciseSeconds(o.from()) + " - " + (o.to() == null ? "not back at the end"
          : Format.preciseSeconds(o.to()) + " (" + Format.preciseSeconds(o.seconds(s.durationS())) + ")")
          + ", " + Format.count(o.connectionsLost(), "connection", "connections") + " lost"
          + (o.sessionsLost() > 0 ? ", " + Format.count(o.sessionsLost(), "session", "sessions")
              + " lost on restart" : ""));
    }
    return "the broker was down " + Format.count(outages.size(), "time", "times") + ": " + String.join("; ", parts)
        + "; those closes owe no will";
  }

  /**
   * "serverKeepAlive 16 -> 10 (100 connections), receiveMaximum 65535 -> 20 (100); checks judged the values in force;
   * not sent: maximumQos 3": what the broker's CONNACKs changed, and what the clients therefore did not send.
   */
  static String overridesLine(Summary.Broker b) {
    List<String> parts = new ArrayList<>();
    for (Summary.BrokerOverride o : b.overrides()) {
      parts.add(o.property() + " " + o.asked() + " -> " + o.set() + " ("
          + (parts.isEmpty() ? Format.count(o.connections(), "connection", "connections") : o.connections()) + ")");
    }
    String line = parts.isEmpty() ? "nothing the clients asked for changed"
        : String.join(", ", parts) + "; checks judged the values in force";
    if (!b.refusedLocally().isEmpty()) {
      line += "; not sent, as CONNACK ruled them out: " + kinds(b.refusedLocally());
    }
    return line;
  }

  /** "PUBACK 3, PUBREL 1", or "none". */
  static String kinds(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((kind, n) -> parts.add(kind + " " + n));
    return String.join(", ", parts);
  }

  private static String p50Max(HistogramSummary h) {
    return "p50 " + Format.ms(h.p50()) + " ms, max " + Format.ms(h.max()) + " ms";
  }

  /** "2 of 3 passed", then one PASS / FAIL line per assertion with its actual value. */
  private static void assertions(StringBuilder out, List<Summary.AssertionResult> results) {
    if (results == null || results.isEmpty()) {
      return;
    }
    long passed = results.stream().filter(Summary.AssertionResult::passed).count();
    line(out, "assertions", passed + " of " + results.size() + " passed");
    for (Summary.AssertionResult a : results) {
      out.append("    ").append(a.passed() ? "PASS " : "FAIL ").append(a.text()).append("  (actual ")
          .append(a.actual()).append(")\n");
    }
  }

  /**
   * One line per reason the failed attempts were counted under, most frequent first, saying in words what happened
   * and what to change: "5 x tls-untrusted: the broker's certificate is not trusted: set broker.tls.caFile ...".
   */
  private static void failedBy(StringBuilder out, Summary.Connects c) {
    String label = "failed by";
    for (Map.Entry<String, Long> e : FailureReasons.mostFrequentFirst(c.failedBy())) {
      line(out, label, e.getValue() + " x " + e.getKey() + ": " + FailureReasons.advice(e.getKey()));
      label = "";
    }
  }

  /** Attempts refused by a CONNACK's non-zero code. */
  private static long refused(Summary.Connects c) {
    return c.byCode().entrySet().stream().filter(e -> !e.getKey().equals("0")).mapToLong(Map.Entry::getValue).sum();
  }

  /**
   * The line a run in which no client ever connected ends with: what happened, told by the reason its attempts
   * failed for, and what to change. "no client ever connected to URL: nothing listens on 127.0.0.1:1883 ...".
   * When the attempts failed for several reasons, it points at the failed-by lines.
   */
  public static String noConnection(Summary s) {
    Summary.Connects c = s.connects();
    String url = s.broker().url();
    String head = "no client ever connected to " + url + ": ";
    List<Map.Entry<String, Long>> reasons = FailureReasons.mostFrequentFirst(c.failedBy());
    if (reasons.isEmpty()) {
      return head + (c.attempted() == 0 ? "no client attempted to connect" : "is the broker running and reachable?");
    }
    if (reasons.size() > 1) {
      return head + "see 'failed by' above for what to change";
    }
    String reason = reasons.get(0).getKey();
    String said = FailedBy.ofKey(reason).map(f -> switch (f) {
      case TCP_REFUSED -> "nothing listens on " + hostPort(url) + " (every TCP connect was refused): is the broker"
          + " running, and is the port in broker.url right?";
      case TCP_TIMEOUT -> "no TCP connection to " + hostPort(url) + " within broker.connectTimeout: is the host"
          + " reachable, or does a firewall drop the packets?";
      case CONNACK_TIMEOUT -> "the broker accepted TCP but never answered CONNECT within broker.connectTimeout: is"
          + " broker.url's port an MQTT port (not one for TLS or WebSocket), and is the broker overloaded?";
      case CLOSED_BEFORE_CONNACK -> "the broker closed every connection before CONNACK: its log says why (a"
          + " connection limit, an ACL, a CONNECT it rejects; a TLS port spoken to without TLS)";
      case PROTOCOL_ERROR -> "the broker answered CONNECT with bytes that are not MQTT: is broker.url's port an MQTT"
          + " port, and broker.mqttVersion the broker's?";
      case CONNACK_REFUSED -> refusedBy(c, s.broker().mqttVersion());
      default -> null;
    }).orElse(null);
    return head + (said != null ? said : "see 'failed by' above for what to change");
  }

  /** "the broker refused every CONNECT (CONNACK 0x05 not authorized): check broker.username/password". */
  private static String refusedBy(Summary.Connects c, String mqttVersion) {
    List<Map.Entry<String, Long>> codes = c.byCode().entrySet().stream()
        .filter(e -> !e.getKey().equals("0") && e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
    if (codes.isEmpty()) {
      return "the broker refused every CONNECT";
    }
    List<String> named = new ArrayList<>();
    for (Map.Entry<String, Long> e : codes) {
      named.add(connackHex(e.getKey()) + " " + ConnectCodes.name(e.getKey(), mqttVersion));
    }
    String advice = ConnectCodes.advice(codes.get(0).getKey(), mqttVersion);
    return "the broker refused every CONNECT (CONNACK " + String.join(", ", named) + ")"
        + (advice == null ? "" : ": " + advice);
  }

  /** "0x05" for the decimal key "5". */
  private static String connackHex(String code) {
    try {
      return String.format("0x%02X", Integer.parseInt(code));
    } catch (NumberFormatException e) {
      return code;
    }
  }

  /** "127.0.0.1:1883" of "tcp://127.0.0.1:1883/path"; the URL itself when it has no such part. */
  static String hostPort(String url) {
    try {
      java.net.URI u = java.net.URI.create(url);
      return u.getHost() == null ? url : u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  /** " - failed: 4 x 5 not authorized, 6 x no CONNACK", or "" when nothing failed. */
  private static String failures(Summary.Connects c, String mqttVersion) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> e : c.byCode().entrySet()) {
      if (!e.getKey().equals("0") && e.getValue() > 0) {
        parts.add(e.getValue() + " x " + ConnectCodes.label(e.getKey(), mqttVersion));
      }
    }
    if (c.noConnack() > 0 && (c.failedBy() == null || c.failedBy().isEmpty())) {
      // an older summary.json without failedBy: its "failed by" lines below do not exist to say why
      parts.add(c.noConnack() + " x no CONNACK");
    }
    return parts.isEmpty() ? "" : " - failed: " + String.join(", ", parts);
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format("  %-16s %s\n", label, value));
  }
}
