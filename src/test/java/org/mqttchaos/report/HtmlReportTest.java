package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.MetricNames;

class HtmlReportTest {
  static final String HOSTILE = "</script><img src=x onerror=alert(1)>";

  @TempDir Path dir;

  private String report() throws IOException {
    Path file = HtmlReport.write(dir, SummaryBuilder.build(dir));
    return Files.readString(file);
  }

  @Test
  void isSelfContainedWithChartJsInlined() throws IOException {
    GoldenFolder.copyTo(dir);
    String html = report();
    assertTrue(html.contains(ReportAssets.chartJs()), "Chart.js source inlined as it is");
    assertTrue(html.contains("Chart.js v4.4.9"));
    assertFalse(Pattern.compile("(?i)<script[^>]*\\ssrc\\s*=").matcher(html).find(), "no script loaded by src");
    assertFalse(Pattern.compile("(?i)<link[\\s>]").matcher(html).find(), "no stylesheet or font link");
    assertFalse(Pattern.compile("(?i)<(img|iframe)[^>]*\\ssrc\\s*=").matcher(html).find());
    assertFalse(Pattern.compile("(?i)(@import|url\\(\\s*['\"]?https?:)").matcher(html).find(), "no remote CSS");
    assertFalse(Pattern.compile("(?i)(src|href)\\s*=\\s*['\"]?\\s*(https?:)?//").matcher(html).find());
  }

  @Test
  void showsHeaderVerdictAndTables() throws IOException {
    GoldenFolder.copyTo(dir);
    String html = report();
    assertTrue(html.contains("<h1>golden</h1>"));
    assertTrue(html.contains("Known values for the report tests."), "description from profile.yaml");
    assertTrue(html.contains("tcp://127.0.0.1:1883 (external)"));
    assertTrue(html.contains("MQTT <b>3.1.1</b>") && html.contains("seed <b>42</b>"));
    assertTrue(html.contains("90.91 %"), "100 of 110 connects succeeded");
    assertFalse(html.contains("harness itself was saturated"));
    assertFalse(html.contains("interrupted"));
    // connect row: count, min, p50, p90, p99, p99.9, max in ms
    assertTrue(html.contains("<td>connect</td><td>100</td><td>1.00</td><td>1.00</td><td>1.50</td><td>2.00</td>"
        + "<td>2.00</td><td>2.00</td>"), "connect percentile row");
    assertTrue(html.contains("<td>tcp-connect</td><td>100</td><td>0.100</td>"));
    assertTrue(html.contains("<td>will delay</td><td>0</td><td class=\"muted\""), "unrecorded metric marked");
    assertTrue(html.contains("<td>CONNACK 5 not authorized</td><td>4</td>"));
    assertTrue(html.contains("<td>no CONNACK (refused, timed out, closed)</td><td>6</td>"));
    assertTrue(html.contains("<canvas id=\"timeline\">"), "timeline.csv present");
    int verdict = html.indexOf("<h2>Verdict</h2>");
    int nextSection = html.indexOf("<section>", verdict);
    int assertion = html.indexOf("<tr><td>findings == 0</td><td>1</td><td class=\"bad\">FAIL</td></tr>");
    assertTrue(verdict < assertion && assertion < nextSection, "assertions in the verdict box");
    assertTrue(html.contains("<tr><td>connect.p99 &lt; 50ms</td><td>2.00ms</td><td class=\"good\">PASS</td></tr>"));
    assertTrue(html.contains("<p class=\"bad\">1 of 2 assertions passed</p>"));
    assertFalse(html.contains("chaos-percentiles\"></canvas>"), "no flap/keep-alive/will data in the golden run");
  }

  @Test
  void failedConnectsAreBrokenDownByReasonWithWhatToChange() throws IOException {
    GoldenFolder.copyWithFailureReasons(dir);
    String html = report();
    assertTrue(html.contains("<tr><td>tls-untrusted</td><td>6</td><td>60.00 %</td><td>the broker&#39;s certificate is"
        + " not trusted: set broker.tls.caFile to the CA that signed it</td></tr>"), html);
    assertTrue(html.indexOf("<td>tls-untrusted</td>") < html.indexOf("<td>connack-refused</td>"), "stage order");
  }

  @Test
  void warnsAboutSaturationInterruptionAndDropsTheTimelineWhenAbsent() throws IOException {
    GoldenFolder.copyTo(dir);
    GoldenFolder.writeHlog(dir, MetricNames.START_LAG, new long[][] {{500, 50}, {12_000, 50}});
    RunData golden = GoldenFolder.runData("golden", "tcp://127.0.0.1:1883");
    GoldenFolder.writeRunData(dir, new RunData(golden.profile(), golden.seed(), golden.startedAt(),
        golden.durationS(), golden.brokerUrl(), golden.embedded(), golden.mqttVersion(), golden.clients(), true,
        golden.harnessVersion(), golden.counters(), golden.assertions()));
    Files.delete(dir.resolve(ResultsFolder.TIMELINE_CSV));
    String html = report();
    assertTrue(html.contains(
        "harness itself was saturated (start-lag p99 12.0 ms, every user having started in the first 5 s): latencies"
            + " include harness delay"), "the golden run's users all started in its first second");
    assertTrue(html.contains("This run was interrupted"));
    assertFalse(html.contains("<canvas id=\"timeline\">"));
  }

  @Test
  void escapesAHostileProfileNameDescriptionAndBrokerUrlEverywhere() throws IOException {
    GoldenFolder.copyTo(dir);
    GoldenFolder.writeRunData(dir, GoldenFolder.runData(HOSTILE, "tcp://" + HOSTILE));
    Files.writeString(dir.resolve(ResultsFolder.PROFILE_YAML), "name: x\ndescription: '" + HOSTILE + "'\n");
    String html = report();
    assertFalse(html.contains(HOSTILE));
    assertFalse(html.contains("<img"));
    assertTrue(html.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assertEquals(4, count(html, "</script>"), "only the four script elements close");
    assertEquals(4, count(html, "<script"));
  }

  @Test
  void chartDataHoldsOneCurvePerConnectMetricOnTheInversePercentileAxis() throws IOException {
    GoldenFolder.copyTo(dir);
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"chart-data\">(.*?)</script>",
        Pattern.DOTALL).matcher(report());
    assertTrue(m.find());
    JsonNode data = new ObjectMapper().readTree(m.group(1));
    List<String> names = new ArrayList<>();
    data.get("connect").forEach(s -> names.add(s.get("name").asText()));
    assertEquals(ChartData.CONNECT_SERIES, names);
    assertEquals(0, data.get("chaos").size());

    JsonNode points = data.get("connect").get(0).get("points");
    assertEquals(1.0, points.get(0).get(0).asDouble(), "0th percentile at x = 1");
    assertEquals(1.0, points.get(0).get(1).asDouble(), "min 1 ms");
    JsonNode last = points.get(points.size() - 1);
    assertEquals(100.0, last.get(0).asDouble(), "maximum of 100 samples drawn at x = n");
    assertEquals(2.0, last.get(1).asDouble(), "max 2 ms");
    for (int i = 1; i < points.size(); i++) {
      assertTrue(points.get(i).get(0).asDouble() >= points.get(i - 1).get(0).asDouble(), "x never goes back");
      assertTrue(points.get(i).get(1).asDouble() >= points.get(i - 1).get(1).asDouble(), "latency never drops");
    }
    assertEquals(List.of(0, 1, 2, 3), ints(data.get("timeline").get("second")));
    assertEquals(List.of(0, 40, 70, 60), ints(data.get("timeline").get("connected")));
    assertEquals(List.of(0, 1, 0, 2), ints(data.get("timeline").get("faults")));
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asInt()));
    return values;
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
