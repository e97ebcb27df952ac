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

  /** The golden folder with messages: 100 QoS 1 published, 90 acknowledged, 180 delivered, 5 not sent. */
  private Path withMessages(String name, int shard, int shards, long deliveryMicros) throws IOException {
    Path dir = GoldenFolder.copyTo(Files.createDirectory(tmp.resolve(name)));
    Map<String, Long> counters = new LinkedHashMap<>(GoldenFolder.COUNTERS);
    counters.put(Counters.messagesPublished(1), 100L);
    counters.put(Counters.messagesAcknowledged(1), 90L);
    counters.put(Counters.messagesDelivered(1), 180L);
    counters.put(Counters.messagesNotSent(1), 5L);
    counters.put(Counters.messagesPublished(0), 10L);
    counters.put(Counters.messagesDelivered(0), 20L);
    counters.put(Counters.MESSAGES_SUBSCRIPTIONS, 2L);
    RunData g = ResultsFolder.runData(dir);
    GoldenFolder.writeRunData(dir, new RunData(g.profile(), g.seed(), g.startedAt(), g.durationS(), g.brokerUrl(),
        false, g.mqttVersion(), g.clients(), false, g.harnessVersion(), counters,
        List.of("messages.published > 100", "delivery.p99 < 100ms", "messages.byQos.qos1.delivered == 180"), shard,
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
    assertEquals(List.of(110L, 90L, 200L, 5L), List.of(m.published(), m.acknowledged(), m.delivered(), m.notSent()));
    assertEquals(new Summary.QosCounts(100, 90, 180, 5), m.byQos().qos1());
    assertEquals(new Summary.QosCounts(10, 0, 20, 0), m.byQos().qos0());
    assertEquals(Summary.QosCounts.ZERO, m.byQos().qos2());
    assertEquals(200, m.delivery().count());
    assertEquals(90, m.puback().count());
    assertTrue(s.assertions().stream().allMatch(Summary.AssertionResult::passed), s.assertions().toString());

    String console = ConsoleSummary.render(s, tmp);
    assertTrue(console.contains("  messages         110 published (5 not sent: publisher not connected), 90"
        + " acknowledged, 200 delivered; delivery p50 20.0 ms, p99 20.0 ms; PUBACK p99 3.00 ms\n"), console);
    String html = HtmlReport.render(tmp.resolve("a"), s, PlanCsv.EMPTY);
    assertTrue(html.contains("<section id=\"messages\"><h2>Messages</h2>") && html.contains("message-percentiles")
        && html.contains("message-timeline"), "report.html's messages section");
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
    assertEquals(360, s.messages().byQos().qos1().delivered());
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
    assertTrue(c.rows().stream().anyMatch(r -> r.figure().equals("messages delivered") && r.a() == 200),
        c.rows().toString());
    assertTrue(c.rows().stream().anyMatch(r -> r.figure().equals("delivery p99") && r.b() > r.a()));
    assertTrue(c.regressions().stream().anyMatch(r -> r.startsWith("delivery p99 20.0 ms -> 40.0 ms")),
        c.regressions().toString());
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
