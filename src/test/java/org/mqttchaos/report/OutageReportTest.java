package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.Summary;
import org.mqttchaos.summary.SummaryJson;

/** Broker outages, from run.json to summary.json, the console summary, report.html and a merge of shards. */
class OutageReportTest {
  static final List<Summary.Outage> OUTAGES = List.of(new Summary.Outage(1.2, 2.5, 40, 3),
      new Summary.Outage(2.8, null, 0, 0));

  @TempDir Path dir;

  /** The golden folder as a run whose broker went away twice, the second time until the run's end. */
  static Path withOutages(Path dir) throws IOException {
    GoldenFolder.copyTo(dir);
    RunData golden = GoldenFolder.runData("golden", "tcp://127.0.0.1:1883");
    GoldenFolder.writeRunData(dir, new RunData(golden.profile(), golden.seed(), golden.startedAt(),
        golden.durationS(), golden.brokerUrl(), golden.embedded(), golden.mqttVersion(), golden.clients(), false,
        golden.harnessVersion(), golden.counters(), golden.assertions(), 1, 1, OUTAGES));
    return dir;
  }

  @Test
  void summaryJsonListsEachOutageWithNullForOneTheRunEndedIn() throws IOException {
    Summary s = SummaryBuilder.build(withOutages(dir));
    assertEquals(OUTAGES, s.broker().outages());
    String json = SummaryJson.toJson(s);
    assertTrue(json.contains("\"outages\" : [ {\n      \"from\" : 1.2,\n      \"to\" : 2.5,\n"
        + "      \"connectionsLost\" : 40,\n      \"sessionsLost\" : 3\n    }, {\n      \"from\" : 2.8,\n"
        + "      \"to\" : null,"), json);
    Path file = dir.resolve("copy.json");
    SummaryJson.write(file, s);
    assertEquals(s, SummaryJson.read(file));
  }

  @Test
  void theConsoleAndTheReportNameEveryOutage() throws IOException {
    Summary s = SummaryBuilder.build(withOutages(dir));
    String text = ConsoleSummary.render(s, dir);
    assertTrue(text.contains("  broker outages   the broker was down 2 times: 1.200 s - 2.500 s (1.300 s), 40"
        + " connections lost, 3 sessions lost on restart; 2.800 s - not back at the end, 0 connections lost;"
        + " those closes owe no will\n"), text);
    String html = HtmlReport.render(dir, s, PlanCsv.read(dir));
    assertTrue(html.contains("<h2>Broker outages</h2>"), html);
    assertTrue(html.contains("<td>1.200 s</td><td>2.500 s</td><td>1.300 s</td><td>40</td><td>3</td>"), html);
    assertTrue(html.contains("<td>not back at the run&#39;s end</td>")
        || html.contains("<td>not back at the run's end</td>"), html);
    assertTrue(html.contains("\"outages\":[{\"from\":1.2,\"to\":2.5},{\"from\":2.8,\"to\":null}]"),
        "the timeline's bands");
  }

  @Test
  void aRunWithoutOutagesSaysNothingOfThem() throws IOException {
    GoldenFolder.copyTo(dir);
    Summary s = SummaryBuilder.build(dir);
    assertFalse(ConsoleSummary.render(s, dir).contains("broker outages"));
    assertFalse(HtmlReport.render(dir, s, PlanCsv.read(dir)).contains("<h2>Broker outages</h2>"));
  }

  @Test
  void shardsSeeingOneOutageMergeIntoOne() {
    RunData golden = GoldenFolder.runData("golden", "tcp://127.0.0.1:1883");
    RunData a = shard(golden, List.of(new Summary.Outage(10.0, 12.0, 20, 5)));
    RunData b = shard(golden, List.of(new Summary.Outage(10.4, 12.3, 30, 1), new Summary.Outage(20.0, null, 2, 0)));
    assertEquals(List.of(new Summary.Outage(10.0, 12.3, 50, 6), new Summary.Outage(20.0, null, 2, 0)),
        ShardMerge.runData(List.of(a, b)).outages());
  }

  private static RunData shard(RunData g, List<Summary.Outage> outages) {
    return new RunData(g.profile(), g.seed(), g.startedAt(), g.durationS(), g.brokerUrl(), g.embedded(),
        g.mqttVersion(), g.clients(), false, g.harnessVersion(), g.counters(), g.assertions(), 1, 2, outages);
  }
}
