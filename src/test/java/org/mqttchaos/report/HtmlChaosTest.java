package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mqttchaos.summary.Summary;
import org.junit.jupiter.api.io.TempDir;

/** report.html's chaos sections, from the chaos golden folder, whose findings and top IDs carry hostile strings. */
class HtmlChaosTest {
  private static final String ESCAPED = "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;";

  @TempDir Path dir;

  private String report() throws IOException {
    GoldenChaosFolder.copyTo(dir);
    return Files.readString(HtmlReport.write(dir, SummaryBuilder.build(dir)));
  }

  @Test
  void hostileClientIdsAndFindingTextsAreEscapedEverywhere() throws IOException {
    String html = report();
    assertFalse(html.contains(GoldenChaosFolder.HOSTILE));
    assertFalse(html.contains("<img"));
    assertEquals(4, count(html, "</script>"), "only the four script elements close");
    assertEquals(4, count(html, "<script"));
    assertTrue(html.contains("<tr><td>" + ESCAPED + "</td><td>2</td></tr>"), "top flapping ID");
    assertTrue(html.contains("<tr><td>will-missing</td><td>Invariant 1: a will is published after every abrupt"
        + " close</td><td>" + ESCAPED + "</td><td>6.500 s</td><td>1 will</td><td>" + ESCAPED + "</td></tr>"),
        "client ID and observed of the finding");
  }

  @Test
  void findingsTableListsEveryFindingWithItsEvidence() throws IOException {
    String html = report();
    assertTrue(html.contains("<tr><th>kind</th><th>rule</th><th>client ID</th><th>at</th><th>expected</th>"
        + "<th>observed</th></tr>"));
    assertTrue(html.contains("<tr><td>keepalive-late</td><td>Invariant 2: a silent client is closed within 1.5 x"
        + " keep-alive</td><td>chaos-golden-1a2b-u5</td><td>3.100 s</td><td>&lt;= 1500 ms</td><td>1900 ms</td></tr>"));
    assertEquals(5, count(html, "<tr><td>takeover-without-0x8E</td>") + count(html, "<tr><td>keepalive-late</td>")
        + count(html, "<tr><td>will-missing</td>") + count(html, "<tr><td>will-after-disconnect</td>"));
    assertFalse(html.contains("more in findings.json"));
    assertTrue(html.contains("2 x takeover-without-0x8E, 1 x keepalive-late, 1 x will-after-disconnect, +1 more"
        + " kinds"), "verdict card names the most frequent kinds");
  }

  @Test
  void onlyTheFirstTwoHundredFindingsAreListed() throws IOException {
    GoldenChaosFolder.copyTo(dir);
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 203; i++) {
      json.append(i == 0 ? "" : ",").append("{\"kind\":\"k\",\"rule\":\"r\",\"clientId\":\"c").append(i)
          .append("\",\"atMillis\":").append(i).append(",\"expected\":\"e\",\"observed\":\"o\"}");
    }
    Files.writeString(dir.resolve(ResultsFolder.FINDINGS_JSON), json.append(']').toString());
    String html = Files.readString(HtmlReport.write(dir, SummaryBuilder.build(dir)));
    assertEquals(HtmlChaos.MAX_FINDINGS, count(html, "<tr><td>k</td>"));
    assertTrue(html.contains("<td>c199</td>") && !html.contains("<td>c200</td>"));
    assertTrue(html.contains("The first 200 of 203 findings; 3 more in findings.json."));
  }

  @Test
  void perRoleTopFlappingAndMassDropSections() throws IOException {
    String html = report();
    assertTrue(html.contains("<tr><td>colliding</td><td>4</td><td>12</td><td>0.30</td><td>40.000</td></tr>\n"
        + "<tr><td>silent</td><td>2</td><td>2</td><td>0.20</td><td>10.000</td></tr>\n"
        + "<tr><td>dropper</td><td>4</td><td>2</td><td>0.50</td><td>4.000</td></tr>\n"
        + "<tr><td>plain</td><td>10</td><td>2</td><td>1.00</td><td>2.000</td></tr>"), "role, clients, flaps ...");
    assertTrue(html.contains("<tr><td>chaos-golden-1a2b-g0</td><td>7</td></tr>"));
    assertTrue(html.contains("<tr><td>#0</td><td>4.000 s</td><td>10</td><td>10</td><td>0</td><td>0</td><td>0</td>"
        + "</tr>\n<tr><td>#1</td><td>6.000 s</td><td>6</td><td>5</td><td>1</td><td>0</td><td>0</td></tr>"));
    assertTrue(!html.contains("Not every planned client was dropped"), "both dropped every client planned");
    assertTrue(html.contains("<tr><td>recovery: drop to connected again</td><td>15</td><td>1.20</td><td>2.00</td>"
        + "<td>2.00</td></tr>"));
    assertTrue(html.contains("<tr><td>connect latency during recovery</td><td>15</td><td>0.900</td><td>1.30</td>"));
    assertTrue(html.contains("<td>keep-alive closed early / late / never closed</td><td>0 / 1 / 1</td>"));
    assertTrue(html.contains("<td>wills after takeover / unmatched / foreign</td><td>2 / 1 / 3</td>"));
    assertTrue(html.contains("<canvas id=\"chaos-percentiles\">"));
    assertTrue(html.contains("<canvas id=\"recovery-percentiles\">"));
  }

  @Test
  void chartDataHasEveryChaosHistogramAndTheMassDropMarkers() throws IOException {
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"chart-data\">(.*?)</script>",
        Pattern.DOTALL).matcher(report());
    assertTrue(m.find());
    JsonNode data = new ObjectMapper().readTree(m.group(1));
    assertEquals("[\"flap-interval\",\"keepalive-detection\",\"will-delay\",\"takeover-close\",\"time-to-calm\"]",
        names(data.get("chaos")));
    assertEquals("[\"recovery\",\"connect-recovery\"]", names(data.get("recovery")));
    assertEquals("[{\"index\":0,\"second\":4.5},{\"index\":1,\"second\":6.5}]",
        data.get("timeline").get("massDrops").toString(), "plan.csv's 4 s and 6 s after loadStartS, 0.5 s");
    assertEquals("[0,0,3,1,0,0,0,0,0]", data.get("timeline").get("faults").toString());
  }

  /**
   * A folder written before run.json had loadStartS: its markers stay at plan.csv's times, as its timeline was on
   * the clock of the interval writer, which started about when the first client did.
   */
  @Test
  void aFolderWithoutLoadStartKeepsItsMarkersAtThePlannedTimes() throws IOException {
    GoldenChaosFolder.copyTo(dir);
    ObjectMapper json = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode run =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(dir.resolve("run.json").toFile());
    run.remove("loadStartS");
    json.writeValue(dir.resolve("run.json").toFile(), run);
    Summary summary = SummaryBuilder.build(dir);
    assertEquals(null, summary.loadStartS());
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"chart-data\">(.*?)</script>",
        Pattern.DOTALL).matcher(Files.readString(HtmlReport.write(dir, summary)));
    assertTrue(m.find());
    assertEquals("[{\"index\":0,\"second\":4.0},{\"index\":1,\"second\":6.0}]",
        json.readTree(m.group(1)).get("timeline").get("massDrops").toString());
  }

  @Test
  void aPlainRunHasNoChaosSections() throws IOException {
    GoldenFolder.copyTo(dir);
    String html = Files.readString(HtmlReport.write(dir, SummaryBuilder.build(dir)));
    for (String absent : new String[] {"Flaps per role", "Most flapping", "Mass drop recovery", "<h2>Findings</h2>",
        "<canvas id=\"recovery-percentiles\">"}) {
      assertFalse(html.contains(absent), absent);
    }
  }

  private static String names(JsonNode series) {
    StringBuilder out = new StringBuilder("[");
    series.forEach(s -> out.append(out.length() > 1 ? "," : "").append('"').append(s.get("name").asText())
        .append('"'));
    return out.append(']').toString();
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
