package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.summary.Summary;

/** What the broker changed in its CONNACKs, from run.json's counters to summary.json, the console and report.html. */
class BrokerOverridesReportTest {
  @TempDir
  Path dir;

  @Test
  void overridesAreListedInPropertyOrderAndShownOnOneLine() throws IOException {
    GoldenFolder.copyTo(dir);
    ObjectMapper json = new ObjectMapper();
    ObjectNode run = (ObjectNode) json.readTree(dir.resolve("run.json").toFile());
    ObjectNode counters = (ObjectNode) run.get("counters");
    counters.put("broker.overrides.topicAliasMaximum.0.10", 100);
    counters.put("broker.overrides.receiveMaximum.65535.20", 100);
    counters.put("broker.overrides.serverKeepAlive.16.10", 98);
    counters.put("broker.overrides.serverKeepAlive.60.10", 2);
    counters.put("broker.refusedLocally.maximumQos", 3);
    json.writeValue(dir.resolve("run.json").toFile(), run);

    Summary s = SummaryBuilder.build(dir);
    assertEquals(List.of(new Summary.BrokerOverride("serverKeepAlive", "16", "10", 98),
        new Summary.BrokerOverride("serverKeepAlive", "60", "10", 2),
        new Summary.BrokerOverride("receiveMaximum", "65535", "20", 100),
        new Summary.BrokerOverride("topicAliasMaximum", "0", "10", 100)), s.broker().overrides());
    assertEquals(Map.of("maximumQos", 3L), s.broker().refusedLocally());
    String line = "serverKeepAlive 16 -> 10 (98 connections), serverKeepAlive 60 -> 10 (2), receiveMaximum 65535 -> 20"
        + " (100), topicAliasMaximum 0 -> 10 (100); checks judged the values in force; not sent, as CONNACK ruled them"
        + " out: maximumQos 3";
    String console = ConsoleSummary.render(s, dir);
    assertTrue(console.contains("  broker set       " + line + "\n"), console);
    String html = HtmlReport.render(dir, s, PlanCsv.read(dir));
    assertTrue(html.contains("<p id=\"broker-overrides\">The broker's CONNACKs set: "
        + line.replace("->", "-&gt;") + ".</p>"), html);
  }

  @Test
  void aBrokerThatChangedNothingHasNoLine() throws IOException {
    GoldenFolder.copyTo(dir);
    Summary s = SummaryBuilder.build(dir);
    assertEquals(List.of(), s.broker().overrides());
    assertTrue(!ConsoleSummary.render(s, dir).contains("broker set"));
  }
}
