package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.Summary;

class ConsoleSummaryTest {
  @TempDir Path dir;

  @Test
  void showsTheFiguresARunEndsWith() throws IOException {
    GoldenFolder.copyTo(dir);
    String text = ConsoleSummary.render(SummaryBuilder.build(dir), dir);
    assertTrue(text.startsWith("mqtt-chaos golden - seed 42, 3.0 s, broker tcp://127.0.0.1:1883, MQTT 3.1.1\n"),
        text);
    assertTrue(text.contains("  clients          100\n"), text);
    assertTrue(text.contains("  connects         100 ok, 10 failed of 110 attempted (90.91 % ok)"
        + " - failed: 4 x 5 not authorized, 6 x no CONNACK\n"), text);
    assertTrue(text.contains("  connect          p50 1.00 ms, p99 2.00 ms, max 2.00 ms (100 accepting CONNACKs; 4"
        + " refusing ones not timed)\n"), text);
    assertTrue(text.contains("  tcp-connect      p99 0.200 ms\n"), text);
    assertTrue(text.contains("  session present  30 checked, 1 mismatch\n"), text);
    assertTrue(text.contains("  flaps            45 (40 takeovers), 1.500 per client-minute\n"), text);
    assertTrue(text.contains("  takeovers        40 (0 with 0x8E), 4 flapping IDs (0 never calmed)\n"),
        "takeovers were exercised, no time to calm recorded: " + text);
    assertFalse(text.contains("wills") || text.contains("keep-alive") || text.contains("mass drops"),
        "parts not exercised stay out: " + text);
    assertTrue(text.contains("  findings         1\n"), "no findings.json, no kinds: " + text);
    assertTrue(text.contains("  start-lag        p99 0.500 ms\n"), text);
    assertTrue(text.contains("  assertions       1 of 2 passed\n"
        + "    PASS connect.p99 < 50ms  (actual 2.00ms)\n"
        + "    FAIL findings == 0  (actual 1)\n"), text);
    assertTrue(text.contains("  results          " + dir.toAbsolutePath() + " (report.html)\n"), text);
    assertFalse(text.contains("WARNING"), text);
    assertEquals(14, text.lines().count(), "short: " + text);
  }

  /** Throttling CONNACKs (server busy, quota, connection rate) stand next to the takeovers, flaps and calm. */
  @Test
  void throttledConnectsAreShownNextToTakeoversAndCalm() throws IOException {
    GoldenFolder.copyTo(dir);
    java.util.Map<String, Long> counters = new java.util.LinkedHashMap<>(GoldenFolder.COUNTERS);
    counters.put(org.mqttchaos.summary.Counters.FLAPS_THROTTLED, 7L);
    GoldenFolder.writeRunData(dir, new org.mqttchaos.metrics.RunData("golden", 42, "2026-01-01T00:00:00Z", 3.0,
        "tcp://127.0.0.1:1883", false, "3.1.1", 100, false, "0.1.0-SNAPSHOT", counters, java.util.List.of()));
    Summary s = SummaryBuilder.build(dir);
    assertEquals(7, s.flaps().throttled());
    String text = ConsoleSummary.render(s, dir);
    assertTrue(text.contains("  takeovers        40 (0 with 0x8E), 4 flapping IDs (0 never calmed); 7 connects"
        + " throttled (refused: server busy or unavailable, quota or connection rate exceeded)\n"), text);
    String html = HtmlReport.render(dir, s, PlanCsv.read(dir));
    assertTrue(html.contains("<td>connects throttled (CONNACK server busy, quota or connection rate exceeded)</td>"
        + "<td>7</td>"), "report.html shows it beside flaps and calm");
  }

  /** Each reason failed connects were counted under, most frequent first, with what to change in words. */
  @Test
  void failedConnectsSayByReasonWhatToChange() throws IOException {
    GoldenFolder.copyWithFailureReasons(dir);
    String text = ConsoleSummary.render(SummaryBuilder.build(dir), dir);
    // the reasons say why; "6 x no CONNACK" beside them only confused
    assertTrue(text.contains(" - failed: 4 x 5 not authorized\n"
        + "  failed by        6 x tls-untrusted: the broker's certificate is not trusted: set broker.tls.caFile to the"
        + " CA that signed it\n"
        + "                   4 x connack-refused: refused by the CONNACK's return or reason code (connects.byCode):"
        + " not authorized: check broker.username and broker.password; server busy or unavailable, quota or"
        + " connection rate exceeded: the broker limits connects (counted in flaps.throttled)\n"),
        text);
  }

  /** A run in which no client connected ends with what happened, told by the one reason every attempt failed for. */
  @Test
  void noConnectionNamesWhatHappened() throws IOException {
    golden = SummaryBuilder.build(GoldenFolder.copyTo(dir));
    assertEquals("no client ever connected to tcp://127.0.0.1:1884: the broker refused every CONNECT (CONNACK 0x87"
        + " not authorized): check broker.username/password",
        ConsoleSummary.noConnection(noneConnected("5", Map.of("135", 3L), Map.of("connack-refused", 3L))));
    assertEquals("no client ever connected to tcp://127.0.0.1:1884: the broker refused every CONNECT (CONNACK 0x01"
        + " unacceptable protocol version): set broker.mqttVersion to a version the broker speaks",
        ConsoleSummary.noConnection(noneConnected("3.1.1", Map.of("1", 3L), Map.of("connack-refused", 3L))));
    assertEquals("no client ever connected to tcp://127.0.0.1:1884: nothing listens on 127.0.0.1:1884 (every TCP"
        + " connect was refused): is the broker running, and is the port in broker.url right?",
        ConsoleSummary.noConnection(noneConnected("3.1.1", Map.of(), Map.of("tcp-refused", 3L))));
    assertEquals("no client ever connected to tcp://127.0.0.1:1884: see 'failed by' above for what to change",
        ConsoleSummary.noConnection(noneConnected("3.1.1", Map.of(), Map.of("tcp-refused", 1L,
            "connack-timeout", 2L))));
    assertEquals("no client ever connected to tcp://127.0.0.1:1884: see 'failed by' above for what to change",
        ConsoleSummary.noConnection(noneConnected("3.1.1", Map.of(), Map.of("tls-untrusted", 3L))),
        "a reason whose failed-by line says what to change already");
  }

  private Summary golden;

  /** The golden run, with no client connected: every attempt failed as {@code failedBy} says. */
  private Summary noneConnected(String mqttVersion, Map<String, Long> refusedByCode, Map<String, Long> failedBy)
      throws IOException {
    Summary s = golden;
    long failed = failedBy.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Long> byCode = new TreeMap<>(refusedByCode);
    byCode.put("0", 0L);
    long refused = refusedByCode.values().stream().mapToLong(Long::longValue).sum();
    return new Summary(s.profile(), s.seed(), s.startedAt(), s.durationS(),
        new Summary.Broker("tcp://127.0.0.1:1884", false, mqttVersion), s.clients(),
        new Summary.Connects(failed, 0, failed, byCode, failed - refused, 0, failedBy), s.latency(),
        s.sessionPresent(), s.flaps(), s.drops(), s.keepAlive(), s.wills(), s.findings(), s.findingsByKind(),
        s.assertions(), s.harness(), s.interrupted(), s.harnessVersion(), s.events());
  }

  @Test
  void aChaosRunShowsEachExercisedPartOnItsOwnLine() throws IOException {
    GoldenChaosFolder.copyTo(dir);
    String text = ConsoleSummary.render(SummaryBuilder.build(dir), dir);
    assertTrue(text.contains("  flaps            18 (12 takeovers), 9.000 per client-minute\n"
        + "  takeovers        12 (10 with 0x8E), 2 flapping IDs (1 never calmed), time to calm p50 1.80 ms,"
        + " max 1.80 ms\n"
        + "  wills            12 expected, 11 received, 1 missing, 1 unexpected, 0 duplicates, 2 after takeover,"
        + " 1 unmatched; delay p50 0.090 ms, p99 0.400 ms\n"
        + "  keep-alive       3 silent, 2 closed by broker (0 early, 1 late), 1 never closed; detection"
        + " p50 1.50 ms, max 1.90 ms\n"
        + "  mass drops       2: 16 dropped, 15 recovered; recovery p50 1.20 ms, p99 2.00 ms, max 2.00 ms;"
        + " connect during recovery p99 1.30 ms\n"
        + "  findings         5: 2 x takeover-without-0x8E, 1 x keepalive-late, 1 x will-after-disconnect,"
        + " 1 x will-missing\n"), text);
  }

  @Test
  void findingKindsBeyondFiveAreCounted() {
    Map<String, Long> kinds = new TreeMap<>(Map.of("a", 1L, "b", 2L, "c", 3L, "d", 4L, "e", 5L, "f", 6L, "g", 6L));
    assertEquals("6 x f, 6 x g, 5 x e, 4 x d, 3 x c, +2 more kinds",
        FindingRecord.mostFrequent(kinds, ConsoleSummary.MAX_KINDS));
  }

  /** A run cut short while a client was connecting: the attempt is named, so the counts add up. */
  @Test
  void aConnectStillInFlightAtTheEndIsNamed() throws IOException {
    GoldenFolder.copyTo(dir);
    RunData g = GoldenFolder.runData("golden", "tcp://127.0.0.1:1883");
    Map<String, Long> counters = new TreeMap<>(g.counters());
    counters.merge("connects.attempted", 1L, Long::sum);
    GoldenFolder.writeRunData(dir, new RunData(g.profile(), g.seed(), g.startedAt(), g.durationS(), g.brokerUrl(),
        g.embedded(), g.mqttVersion(), g.clients(), true, g.harnessVersion(), counters, g.assertions()));
    Summary s = SummaryBuilder.build(dir);
    String text = ConsoleSummary.render(s, dir);
    assertTrue(text.contains("of " + s.connects().attempted() + " attempted (" + Format.percent(
        s.connects().succeeded(), s.connects().attempted()) + " ok, 1 still connecting when the run ended)"), text);
  }

  @Test
  void warnsWhenTheHarnessWasSaturated() throws IOException {
    GoldenFolder.copyTo(dir);
    GoldenFolder.writeHlog(dir, MetricNames.START_LAG, new long[][] {{500, 50}, {12_000, 50}});
    String text = ConsoleSummary.render(SummaryBuilder.build(dir), dir);
    // every user of the golden run started in its first second: the whole run's start-lag was judged, and said so
    assertTrue(text.contains("WARNING: the harness itself was saturated (start-lag p99 12.0 ms, every user having"
        + " started in the first 5 s, event-loop lag p99 0 ms): latencies include harness delay; the harness, not the"
        + " broker, was the bottleneck\n"), text);
  }

  /** Only wills after takeovers (owed none, judged none) still show the wills line, with no empty delay figures. */
  @Test
  void theWillsLineShowsWhenOnlyAfterTakeoverWillsArrived() throws IOException {
    GoldenFolder.copyTo(dir);
    Summary s = SummaryBuilder.build(dir);
    Summary.Wills onlyAfterTakeover = new Summary.Wills(0, 0, 0, 0, 0, s.wills().delay(), 7, 0, 0, 0, 0, 0, 0);
    String text = ConsoleSummary.render(new Summary(s.profile(), s.seed(), s.startedAt(), s.durationS(), s.broker(),
        s.clients(), s.connects(), s.latency(), s.sessionPresent(), s.flaps(), s.drops(), s.keepAlive(),
        onlyAfterTakeover, s.findings(), s.findingsByKind(), s.assertions(), s.harness(), s.interrupted(),
        s.harnessVersion(), s.events()), dir);
    assertTrue(text.contains("  wills            0 expected, 0 received, 0 missing, 0 unexpected, 0 duplicates,"
        + " 7 after takeover\n"), text);
  }

  @Test
  void theWillsLineNamesTheWillDelayIntervalsVerdicts() throws IOException {
    GoldenFolder.copyTo(dir);
    Summary s = SummaryBuilder.build(dir);
    Summary.Wills delayed = new Summary.Wills(5, 5, 0, 0, 0, s.wills().delay(), 0, 0, 0, 0, 0, 0, 0, 1, 2, 3);
    String text = ConsoleSummary.render(new Summary(s.profile(), s.seed(), s.startedAt(), s.durationS(), s.broker(),
        s.clients(), s.connects(), s.latency(), s.sessionPresent(), s.flaps(), s.drops(), s.keepAlive(),
        delayed, s.findings(), s.findingsByKind(), s.assertions(), s.harness(), s.interrupted(),
        s.harnessVersion(), s.events()), dir);
    assertTrue(text.contains("  wills            5 expected, 5 received, 0 missing, 0 unexpected, 0 duplicates,"
        + " 0 after takeover; Will Delay Interval: 1 early, 2 after the client's return, 3 cancelled by its return\n"),
        text);
  }

  @Test
  void theWillsLineNamesWillsAfterAnOutageAndUnmatchedOnes() throws IOException {
    GoldenFolder.copyTo(dir);
    Summary s = SummaryBuilder.build(dir);
    Summary.Wills afterOutage = new Summary.Wills(0, 0, 0, 0, 0, s.wills().delay(), 0, 2, 0, 0, 0, 0, 4);
    String text = ConsoleSummary.render(new Summary(s.profile(), s.seed(), s.startedAt(), s.durationS(), s.broker(),
        s.clients(), s.connects(), s.latency(), s.sessionPresent(), s.flaps(), s.drops(), s.keepAlive(),
        afterOutage, s.findings(), s.findingsByKind(), s.assertions(), s.harness(), s.interrupted(),
        s.harnessVersion(), s.events()), dir);
    assertTrue(text.contains("  wills            0 expected, 0 received, 0 missing, 0 unexpected, 0 duplicates,"
        + " 0 after takeover, 4 after a broker outage, 2 unmatched\n"), text);
  }
  @Test
  void aSaturationJudgedAfterTheWarmUpSaysSo() throws IOException {
    GoldenFolder.copyTo(dir);
    // second 0: 50 users on time; second 6, after the warm-up: 50 users 12 ms late
    GoldenFolder.writeHlogIntervals(dir, MetricNames.START_LAG, new long[][][] {{{500, 50}}, {}, {}, {}, {}, {},
        {{12_000, 50}}});
    Summary s = SummaryBuilder.build(dir);
    assertEquals(50, s.harness().startsAfterWarmUp());
    String text = ConsoleSummary.render(s, dir);
    assertTrue(text.contains("WARNING: the harness itself was saturated (start-lag p99 12.0 ms after the first 5 s,"
        + " event-loop lag p99 0 ms)"), text);
  }

}
