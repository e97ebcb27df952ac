package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.mqttchaos.summary.HistogramSummary;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.Summary;
import org.mqttchaos.summary.SummaryJson;

class CompareTest {
  static final Compare.Thresholds DEFAULTS = new Compare.Thresholds(10, 10, true);

  @TempDir Path tmp;

  /**
   * The golden run as A; B the same run with a slower tail, 3 findings and twice the flaps. B's p99 of 3000 µs
   * reads 3001 µs: above 2048 µs, HdrHistogram at 3 digits reports a bucket's highest value, hence +50.1 %.
   */
  static Path[] goldenAndWorse(Path tmp) throws IOException {
    Path a = GoldenFolder.copyTo(Files.createDirectories(tmp.resolve("a")));
    Path b = GoldenFolder.copyTo(Files.createDirectories(tmp.resolve("b")));
    GoldenFolder.writeHlog(b, MetricNames.CONNECT, new long[][] {{1000, 50}, {1500, 40}, {3000, 10}});
    Map<String, Long> counters = new LinkedHashMap<>(GoldenFolder.COUNTERS);
    counters.put("findings", 3L);
    counters.put("flaps.total", 90L);
    RunData g = GoldenFolder.runData("golden", "tcp://127.0.0.1:1883");
    GoldenFolder.writeRunData(b, new RunData("golden", g.seed(), g.startedAt(), g.durationS(), g.brokerUrl(),
        g.embedded(), g.mqttVersion(), g.clients(), false, g.harnessVersion(), counters, g.assertions()));
    return new Path[] {a, b};
  }

  @Test
  void aRunComparedWithItselfHasNoRegressionAndNoChange() throws IOException {
    Path a = GoldenFolder.copyTo(tmp);
    Compare c = Compare.of(a, a, DEFAULTS);
    assertEquals(List.of(), c.regressions());
    c.rows().forEach(r -> assertEquals("0", r.delta(), r.figure()));
    assertEquals("connect p99", c.rows().get(2).figure());
    assertEquals(List.of("2.00", "2.00", ""), List.of(c.rows().get(2).shownA(), c.rows().get(2).shownB(),
        c.rows().get(2).change()));
  }

  @Test
  void rowsShowAbsoluteAndRelativeDeltas() throws IOException {
    Path[] ab = goldenAndWorse(tmp);
    Compare c = Compare.of(ab[0], ab[1], DEFAULTS);
    CompareRow p99 = row(c, "connect p99");
    assertEquals(List.of("connect p99 (ms)", "2.00", "3.00", "+1.00", "+50.1 %"),
        List.of(p99.label(), p99.shownA(), p99.shownB(), p99.delta(), p99.change()));
    CompareRow findings = row(c, "findings");
    assertEquals(List.of("1", "3", "+2", "+200.0 %"),
        List.of(findings.shownA(), findings.shownB(), findings.delta(), findings.change()));
    CompareRow flaps = row(c, "flaps per client-minute");
    assertEquals(List.of("1.500", "3.000", "+1.500"), List.of(flaps.shownA(), flaps.shownB(), flaps.delta()));
    assertEquals("new", new CompareRow("wills missing", CompareRow.Kind.COUNT, 0, 2).change());
    assertEquals("-1", new CompareRow("findings", CompareRow.Kind.COUNT, 3, 2).delta());
  }

  @Test
  void failedConnectsAreComparedReasonByReason() throws IOException {
    Path a = GoldenFolder.copyTo(Files.createDirectories(tmp.resolve("a")));
    Path b = GoldenFolder.copyWithFailureReasons(Files.createDirectories(tmp.resolve("b")));
    Compare c = Compare.of(a, b, DEFAULTS);
    CompareRow untrusted = row(c, "connects failed by tls-untrusted");
    assertEquals(List.of("0", "6", "+6", "new"), List.of(untrusted.shownA(), untrusted.shownB(), untrusted.delta(),
        untrusted.change()));
    assertEquals("connects failed by connack-refused", c.rows().get(c.rows().indexOf(untrusted) + 1).figure());
    assertTrue(c.rows().stream().noneMatch(r -> r.figure().contains("tls-hostname")), "only reasons a run saw");
  }

  @Test
  void regressionsBeyondTheThresholdsAreListed() throws IOException {
    Path[] ab = goldenAndWorse(tmp);
    assertEquals(List.of("connect p99 2.00 ms -> 3.00 ms (+50.1 %, limit +10.0 %)",
        "flaps per client-minute 1.500 -> 3.000 (+100.0 %, limit +10.0 %)", "findings 1 -> 3"),
        Compare.of(ab[0], ab[1], DEFAULTS).regressions());
    assertEquals(List.of(), Compare.of(ab[0], ab[1], new Compare.Thresholds(51, 100, false)).regressions(),
        "within the limits; flaps exactly at theirs");
    assertEquals(List.of(), Compare.of(ab[1], ab[0], DEFAULTS).regressions(), "B better than A");
  }

  @Test
  void flapsWhereANoneHadAndConnectsThatStoppedAreRegressions() throws IOException {
    Summary a = SummaryJson.read(GoldenFolder.SOURCE.resolve(ResultsFolder.SUMMARY_JSON));
    Summary noFlaps = withFlapsAndConnect(a, 0.0, a.latency().connect());
    Summary noConnects = withFlapsAndConnect(a, a.flaps().perClientMinute(), HistogramSummary.EMPTY);
    assertEquals(List.of("flaps per client-minute 0.000 -> 1.500 (none in A)"),
        Compare.regressions(noFlaps, a, DEFAULTS));
    assertEquals(List.of("connect: A measured 100 CONNACKs, B none"), Compare.regressions(a, noConnects, DEFAULTS));
  }

  @Test
  void aFolderWithOnlySummaryJsonIsReadAsItIs() throws IOException {
    Path a = GoldenFolder.copyTo(Files.createDirectories(tmp.resolve("a")));
    Path b = Files.createDirectories(tmp.resolve("b"));
    Files.copy(a.resolve(ResultsFolder.SUMMARY_JSON), b.resolve(ResultsFolder.SUMMARY_JSON));
    Compare c = Compare.of(a, b, DEFAULTS);
    assertEquals(c.a(), c.b());
    assertFalse(Files.exists(b.resolve(ResultsFolder.REPORT_HTML)), "compare writes nothing into a folder");
  }

  @Test
  void aFolderThatIsNoResultsFolderIsNamed() throws IOException {
    Path a = GoldenFolder.copyTo(Files.createDirectories(tmp.resolve("a")));
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertEquals("not a results folder: neither run.json nor summary.json in " + empty,
        assertThrows(ReportException.class, () -> Compare.of(a, empty, DEFAULTS)).getMessage());
    assertEquals("not a results folder: " + tmp.resolve("nope") + " is not a directory",
        assertThrows(ReportException.class, () -> Compare.of(tmp.resolve("nope"), a, DEFAULTS)).getMessage());
  }

  @Test
  void textAndHtmlShowTheTableAndTheVerdict() throws IOException {
    Path[] ab = goldenAndWorse(tmp);
    Compare c = Compare.of(ab[0], ab[1], DEFAULTS);
    String text = CompareText.render(c);
    assertTrue(text.contains("A: " + ab[0] + " (profile golden, 100 clients"), text);
    assertTrue(text.matches("(?s).*\\nconnect p99 \\(ms\\) +2\\.00 +3\\.00 +\\+1\\.00 +\\+50\\.1 %\\n.*"), text);
    assertTrue(text.endsWith("REGRESSION of B against A:\n  connect p99 2.00 ms -> 3.00 ms (+50.1 %, limit +10.0 %)\n"
        + "  flaps per client-minute 1.500 -> 3.000 (+100.0 %, limit +10.0 %)\n  findings 1 -> 3\n"), text);
    String html = CompareHtml.render(c);
    assertTrue(html.contains(ReportAssets.chartJs()), "Chart.js inlined");
    assertTrue(html.contains("<tr><td>connect p99 (ms)</td><td>2.00</td><td>3.00</td><td>+1.00</td>"
        + "<td>+50.1 %</td></tr>"));
    assertTrue(html.contains("<li class=\"bad\">findings 1 -&gt; 3</li>"));
    assertTrue(html.contains("\"name\":\"A: a\"") && html.contains("\"name\":\"B: b\""), "two overlaid curves");
  }

  private static CompareRow row(Compare c, String figure) {
    return c.rows().stream().filter(r -> r.figure().equals(figure)).findFirst().orElseThrow();
  }

  private static Summary withFlapsAndConnect(Summary s, double perClientMinute, HistogramSummary connect) {
    Summary.Flaps f = s.flaps();
    Summary.Latency l = s.latency();
    return new Summary(s.profile(), s.seed(), s.startedAt(), s.durationS(), s.broker(), s.clients(), s.connects(),
        new Summary.Latency(connect, l.connectFirst(), l.connectReconnect(), l.tcpConnect(), l.startLag(),
            l.connectClean(), l.connectPersistent(), l.tlsHandshake(), l.tlsHandshakeResumed(), l.wsUpgrade()),
        s.sessionPresent(),
        new Summary.Flaps(f.total(), f.takeovers(), perClientMinute, f.flappingIds(), f.interval(),
            f.takeoversWith0x8E(), f.neverCalmed(), f.timeToCalm(), f.takeoverClose(), f.byRole(), f.top(),
            f.protocolErrors()),
        s.drops(), s.keepAlive(), s.wills(), s.findings(), s.findingsByKind(), s.assertions(), s.harness(),
        s.interrupted(), s.harnessVersion(), s.events());
  }
}
