package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.Summary;

/**
 * The messages section from a results folder's files alone: summary.json's figures, the console line, report.html's
 * section, the merge of shards and the comparison of two runs.
 */
class MessagesReportTest {
  @TempDir
  Path tmp;

  /**
   * The golden folder with messages: 100 QoS 1 published, 90 acknowledged, 194 received, 5 not sent; the delivery
   * checker's 200 QoS 1 pairs expected (two subscribers), 190 delivered, {@code lost} lost, the rest unknown (3) and
   * expected losses, 4 duplicated, 1 out of order; 10 QoS 0 published, 20 received and delivered.
   */
  private Path withMessages(String name, int shard, int shards, long deliveryMicros) throws IOException {
    return withMessages(name, shard, shards, deliveryMicros, 2);
  }

  private Path withMessages(String name, int shard, int shards, long deliveryMicros, long lost) throws IOException {
    Path dir = GoldenFolder.copyTo(Files.createDirectory(tmp.resolve(name)));
    Map<String, Long> counters = new LinkedHashMap<>(GoldenFolder.COUNTERS);
    counters.put(Counters.messagesPublished(1), 100L);
    counters.put(Counters.messagesAcknowledged(1), 90L);
    counters.put(Counters.messagesReceived(1), 194L);
    counters.put(Counters.messagesNotSent(1), 5L);
    counters.put(Counters.MESSAGES_NOT_SENT_NOT_CONNECTED, 3L);
    counters.put(Counters.MESSAGES_NOT_SENT_QUEUED_AT_HOLD_END, 2L);
    counters.put(Counters.messagesPublished(0), 10L);
    counters.put(Counters.messagesReceived(0), 20L);
    counters.put(Counters.MESSAGES_SUBSCRIPTIONS, 2L);
    counters.put(Counters.delivery("published", 1), 100L);
    counters.put(Counters.delivery("expected", 1), 200L);
    counters.put(Counters.delivery("delivered", 1), 190L);
    counters.put(Counters.delivery("lost", 1), lost);
    counters.put(Counters.delivery("unknown", 1), 3L);
    counters.put(Counters.delivery("expectedLoss", 1), 7L - lost);
    counters.put(Counters.delivery("duplicated", 1), 4L);
    counters.put(Counters.delivery("outOfOrder", 1), 1L);
    counters.put(Counters.delivery("published", 0), 10L);
    counters.put(Counters.delivery("expected", 0), 20L);
    counters.put(Counters.delivery("delivered", 0), 20L);
    RunData g = ResultsFolder.runData(dir);
    GoldenFolder.writeRunData(dir, new RunData(g.profile(), g.seed(), g.startedAt(), g.durationS(), g.brokerUrl(),
        false, g.mqttVersion(), g.clients(), false, g.harnessVersion(), counters,
        List.of("messages.published > 100", "delivery.p99 < 100ms", "messages.byQos.qos1.received == 194",
            "messages.lost == " + lost, "messages.byQos.qos1.outOfOrder == 1"), shard,
        shards));
    GoldenFolder.writeHlog(dir, MetricNames.DELIVERY, new long[][] {{deliveryMicros, 200}});
    GoldenFolder.writeHlog(dir, MetricNames.PUBACK, new long[][] {{3000, 90}});
    Files.writeString(dir.resolve(ResultsFolder.TIMELINE_CSV), "second,connected,connects,flaps,faults,brokerDown,"
        + "published,acknowledged,delivered\n0,0,0,0,0,0,0,0,0\n1,40,45,10,1,0,60,50,100\n2,70,35,20,0,0,50,40,100\n");
    return dir;
  }

  @Test
  void theSummaryCountsByQosAndAssertionsReadTheFigures() throws IOException {
    Summary s = SummaryBuilder.build(withMessages("a", 1, 1, 20_000));
    Summary.Messages m = s.messages();
    assertEquals(List.of(110L, 90L, 5L, 214L), List.of(m.published(), m.acknowledged(), m.notSent(), m.received()));
    assertEquals(new Summary.NotSentBy(3, 2, 0, 0), m.notSentBy(), "why, adding up to notSent");
    assertEquals(List.of(220L, 210L, 2L, 4L, 1L, 3L, 5L), List.of(m.expected(), m.delivered(), m.lost(),
        m.duplicated(), m.outOfOrder(), m.unknown(), m.expectedLoss()));
    assertEquals(m.expected(), m.delivered() + m.lost() + m.unknown() + m.expectedLoss());
    assertEquals(new Summary.QosCounts(100, 90, 5, 200, 190, 2, 4, 1, 3, 5, 0, 0, 194), m.byQos().qos1());
    assertEquals(new Summary.QosCounts(10, 0, 0, 20, 20, 0, 0, 0, 0, 0, 0, 0, 20), m.byQos().qos0());
    assertEquals(Summary.QosCounts.ZERO, m.byQos().qos2());
    assertEquals(200, m.delivery().count());
    assertEquals(90, m.puback().count());
    assertTrue(s.assertions().stream().allMatch(Summary.AssertionResult::passed), s.assertions().toString());

    String console = ConsoleSummary.render(s, tmp);
    assertTrue(console.contains("  messages         110 published (5 not sent: 3 publisher not connected, 2 queued behind the"
        + " in-flight window at the hold's end), 90"
        + " acknowledged; 220 expected, 210 delivered, 2 lost, 4 duplicated, 1 out of order, 3 unknown (5 expected"
        + " losses); 214 received; delivery p50 20.0 ms, p99 20.0 ms; PUBACK p99 3.00 ms\n"), console);
    String html = HtmlReport.render(tmp.resolve("a"), s, PlanCsv.EMPTY);
    assertTrue(html.contains("<section id=\"messages\"><h2>Messages</h2>") && html.contains("message-percentiles")
        && html.contains("message-timeline"), "report.html's messages section");
    assertTrue(html.contains("<h3>Delivery outcomes</h3>") && html.contains("<tr><td>1</td><td>200</td><td>190</td>"
        + "<td class=\"bad\">2</td><td>4</td><td class=\"bad\">1</td><td>3</td><td>5</td><td>0</td><td>0</td></tr>"),
        "outcomes by QoS: " + html);
    assertTrue(html.contains("\"published\":[0,60,50]"), "the throughput series in the chart data");
  }

  @Test
  void aRunWithoutMessagesShowsNoSectionAndReadsZeros() throws IOException {
    Summary s = SummaryBuilder.build(GoldenFolder.copyTo(tmp));
    assertEquals(Summary.Messages.NONE, s.messages());
    assertTrue(!HtmlReport.render(tmp, s, PlanCsv.EMPTY).contains("id=\"messages\""));
    assertTrue(!ConsoleSummary.render(s, tmp).contains("messages"));
  }

  @Test
  void shardsAddTheirMessagesAndDeliveryHistograms() throws IOException {
    Path a = withMessages("s1", 1, 2, 20_000);
    Path b = withMessages("s2", 2, 2, 40_000);
    Summary s = ShardMerge.merge(List.of(a, b), tmp.resolve("merged")).summary();
    assertEquals(220, s.messages().published());
    assertEquals(388, s.messages().byQos().qos1().received());
    // the delivery checker's counters add up too: MessageOutcomes.fromCounters reads the merged run.json
    assertEquals(380, s.messages().byQos().qos1().delivered());
    assertEquals(List.of(440L, 420L, 4L, 8L, 2L, 6L, 10L), List.of(s.messages().expected(), s.messages().delivered(),
        s.messages().lost(), s.messages().duplicated(), s.messages().outOfOrder(), s.messages().unknown(),
        s.messages().expectedLoss()));
    assertEquals(400, s.messages().delivery().count());
    assertEquals(40_000, s.messages().delivery().p99(), 40);
    assertTrue(Files.readString(tmp.resolve("merged").resolve(ResultsFolder.TIMELINE_CSV))
        .contains("1,80,90,20,2,0,120,100,200\n"));
  }

  @Test
  void compareShowsTheMessageFiguresAndADeliveryRegression() throws IOException {
    Path a = withMessages("a", 1, 1, 20_000);
    Path b = withMessages("b", 1, 1, 40_000);
    Compare c = Compare.of(a, b, new Compare.Thresholds(10, 10, true));
    assertTrue(c.rows().stream().anyMatch(r -> r.figure().equals("messages delivered") && r.a() == 210),
        c.rows().toString());
    assertTrue(c.rows().stream().anyMatch(r -> r.figure().equals("messages received") && r.a() == 214));
    assertTrue(c.rows().stream().anyMatch(r -> r.figure().equals("messages lost") && r.a() == 2 && r.b() == 2));
    assertTrue(c.rows().stream().anyMatch(r -> r.figure().equals("delivery p99") && r.b() > r.a()));
    assertTrue(c.regressions().stream().anyMatch(r -> r.startsWith("delivery p99 20.0 ms -> 40.0 ms")),
        c.regressions().toString());
    assertTrue(c.regressions().stream().noneMatch(r -> r.startsWith("messages")), c.regressions().toString());
  }

  @Test
  void moreMessagesLostIsARegression() throws IOException {
    Path a = withMessages("a", 1, 1, 20_000, 2);
    Path b = withMessages("b", 1, 1, 20_000, 3);
    Compare c = Compare.of(a, b, new Compare.Thresholds(10, 10, false));
    assertEquals(List.of("messages lost 2 -> 3"), c.regressions());
    assertEquals(List.of(), Compare.of(b, a, new Compare.Thresholds(10, 10, false)).regressions(), "fewer is not");
  }

  /** report.html of a run with messages, drawn by a real browser: both message charts, no script error. */
  @Test
  void theMessageChartsAreDrawnWithoutErrors() throws Exception {
    Path dir = withMessages("drawn", 1, 1, 20_000);
    ReportBuilder.rebuild(dir);
    String dom = HeadlessChromium.dumpDom(dir.resolve(ResultsFolder.REPORT_HTML), tmp.resolve("browser"));
    java.util.regex.Matcher html = java.util.regex.Pattern.compile("<html([^>]*)>").matcher(dom);
    assertTrue(html.find());
    String tag = html.group(1);
    assertTrue(!tag.contains("data-errors"), "script errors: " + tag);
    assertTrue(tag.contains("data-charts-rendered=\"4\""), "connect, message percentiles, messages over time and"
        + " the timeline: " + tag);
    // connect: 6 series; messages: delivery and puback; messages over time: 3 rates and the faults; timeline: 4
    assertTrue(tag.contains("data-chart-series=\"6,2,4,4\""), tag);
  }
}
