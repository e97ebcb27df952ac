package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.Summary;
import org.mqttchaos.summary.SummaryJson;

/**
 * A run with more findings than findings.json keeps: the console, summary.json and report.html give the count of
 * every kind, and say that findings.json holds only the first ones.
 */
class FindingsBeyondTheFileTest {
  @TempDir Path tmp;

  /** The chaos golden folder (5 entries in findings.json) with the counters of a run that found 12,000. */
  private Path folder() throws IOException {
    Path dir = GoldenChaosFolder.copyTo(tmp);
    Map<String, Long> counters = new LinkedHashMap<>(GoldenChaosFolder.COUNTERS);
    counters.put(Counters.FINDINGS, 12_000L);
    counters.put(Counters.findingsOfKind("will-missing"), 11_996L);
    counters.put(Counters.findingsOfKind("takeover-without-0x8E"), 2L);
    counters.put(Counters.findingsOfKind("keepalive-late"), 1L);
    counters.put(Counters.findingsOfKind("will-after-disconnect"), 1L);
    RunData g = GoldenChaosFolder.runData();
    GoldenFolder.writeRunData(dir, new RunData(g.profile(), g.seed(), g.startedAt(), g.durationS(), g.brokerUrl(),
        false, g.mqttVersion(), g.clients(), false, g.harnessVersion(), counters, List.of()));
    return dir;
  }

  @Test
  void everyKindIsCountedAndTheFileIsSaidToHoldTheFirstOnes() throws IOException {
    Path dir = folder();
    Summary s = SummaryBuilder.build(dir);
    assertEquals(12_000, s.findings());
    assertEquals(Map.of("will-missing", 11_996L, "takeover-without-0x8E", 2L, "keepalive-late", 1L,
        "will-after-disconnect", 1L), s.findingsByKind(), "from the counters, not from findings.json's 5");
    assertEquals(5, s.findingsKept());
    JsonNode json = new ObjectMapper().readTree(SummaryJson.toJson(s));
    assertEquals(5, json.get("findingsKept").asLong());

    String console = ConsoleSummary.render(s, tmp);
    assertTrue(console.contains("  findings         12000: 11996 x will-missing, 2 x takeover-without-0x8E,"
        + " 1 x keepalive-late, 1 x will-after-disconnect; findings.json holds the first 5\n"), console);

    String html = HtmlReport.render(dir, s, PlanCsv.EMPTY);
    assertTrue(html.contains("11996 x will-missing, 2 x takeover-without-0x8E, 1 x keepalive-late, +1 more kinds;"
        + " findings.json holds the first 5"), "the verdict's card");
    assertTrue(html.contains("The first 5 of the 12000 findings of the run; findings.json holds the first 5"),
        "under the findings table");
  }

  @Test
  void aRunWhoseFindingsAllFitSaysNothingMore() throws IOException {
    Summary s = SummaryBuilder.build(GoldenChaosFolder.copyTo(tmp));
    assertEquals(5, s.findingsKept());
    String console = ConsoleSummary.render(s, tmp);
    assertTrue(console.contains("  findings         5: 2 x takeover-without-0x8E, 1 x keepalive-late,"
        + " 1 x will-after-disconnect, 1 x will-missing\n"), console);
  }
}
