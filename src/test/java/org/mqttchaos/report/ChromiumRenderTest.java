package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.summary.MetricNames;

/**
 * report.html and compare.html opened in a real browser (headless Chromium): every chart drawn, no script error.
 * The pages state what they drew in attributes of their html element, which the dumped DOM shows.
 */
class ChromiumRenderTest {
  private static final Pattern HTML_TAG = Pattern.compile("<html([^>]*)>");

  @TempDir Path tmp;

  @Test
  void reportHtmlDrawsEveryChartWithoutErrors() throws Exception {
    Path dir = GoldenFolder.copyTo(Files.createDirectories(tmp.resolve("golden")));
    // flap intervals too, so the chaos percentile chart is on the page as well
    GoldenFolder.writeHlog(dir, MetricNames.FLAP_INTERVAL, new long[][] {{1000, 5}, {2000, 5}});
    ReportBuilder.rebuild(dir);
    String dom = HeadlessChromium.dumpDom(dir.resolve(ResultsFolder.REPORT_HTML), tmp.resolve("browser"));
    assertEquals(3, canvases(dom), "connect, chaos and timeline charts on the page");
    assertNull(attribute(dom, "data-errors"), "script errors");
    assertEquals("3", attribute(dom, "data-charts-rendered"), "charts drawn");
    assertEquals("6,1,4", attribute(dom, "data-chart-series"), "datasets per chart");
  }

  /** The chaos run: timeline with its fault markers, connect, chaos and recovery charts, hostile IDs inert. */
  @Test
  void chaosReportDrawsEveryChartAndItsFaultMarkers() throws Exception {
    Path dir = GoldenChaosFolder.copyTo(Files.createDirectories(tmp.resolve("chaos")));
    ReportBuilder.rebuild(dir);
    String dom = HeadlessChromium.dumpDom(dir.resolve(ResultsFolder.REPORT_HTML), tmp.resolve("browser"));
    assertEquals(4, canvases(dom), "connect, timeline, chaos and recovery charts");
    assertNull(attribute(dom, "data-errors"), "script errors");
    assertEquals("4", attribute(dom, "data-charts-rendered"), "charts drawn");
    // connect: connect, first, reconnect, tcp-connect; chaos: 5 histograms; timeline: 4 datasets; recovery: 2
    assertEquals("4,5,2,4", attribute(dom, "data-chart-series"), "datasets per chart, in drawing order");
    assertEquals("4", attribute(dom, "data-timeline-markers"), "faults at seconds 2 and 3, mass drops at 4 and 6");
    assertFalse(dom.contains("<img"), "the hostile client ID stayed text");
  }

  /** Broker outages are grey bands on the timeline: one the broker came back from, one the run ended in. */
  @Test
  void theTimelineShadesEveryBrokerOutage() throws Exception {
    Path dir = OutageReportTest.withOutages(Files.createDirectories(tmp.resolve("outages")));
    ReportBuilder.rebuild(dir);
    String dom = HeadlessChromium.dumpDom(dir.resolve(ResultsFolder.REPORT_HTML), tmp.resolve("browser"));
    assertNull(attribute(dom, "data-errors"), "script errors");
    assertEquals("2", attribute(dom, "data-timeline-outages"), "bands drawn");
  }

  @Test
  void compareHtmlDrawsBothRunsWithoutErrors() throws Exception {
    Path[] ab = CompareTest.goldenAndWorse(tmp);
    Path page = CompareHtml.write(tmp.resolve("compare.html"), Compare.of(ab[0], ab[1], CompareTest.DEFAULTS));
    String dom = HeadlessChromium.dumpDom(page, tmp.resolve("browser"));
    assertEquals(1, canvases(dom));
    assertNull(attribute(dom, "data-errors"), "script errors");
    assertEquals("1", attribute(dom, "data-charts-rendered"));
    assertEquals("2", attribute(dom, "data-chart-series"), "A's and B's curves");
  }

  /** The check can fail: a page whose script breaks reports it, and draws nothing. */
  @Test
  void aBrokenPageIsCaught() throws Exception {
    Path dir = GoldenFolder.copyTo(Files.createDirectories(tmp.resolve("golden")));
    Path page = HtmlReport.write(dir, SummaryBuilder.build(dir));
    String html = Files.readString(page);
    Files.writeString(page, html.replace(ReportAssets.chartJs(), "throw new Error('chart.js broken');"));
    String dom = HeadlessChromium.dumpDom(page, tmp.resolve("browser"));
    String errors = attribute(dom, "data-errors");
    assertTrue(errors != null && errors.contains("chart.js broken") && errors.contains("Chart is not defined"),
        String.valueOf(errors));
    assertEquals("0", attribute(dom, "data-charts-rendered"));
  }

  private static int canvases(String dom) {
    return dom.split("<canvas", -1).length - 1;
  }

  private static String attribute(String dom, String name) {
    Matcher tag = HTML_TAG.matcher(dom);
    assertTrue(tag.find(), "no html element in the dumped DOM");
    Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag.group(1));
    return m.find() ? m.group(1).replace("&quot;", "\"").replace("&amp;", "&") : null;
  }
}
