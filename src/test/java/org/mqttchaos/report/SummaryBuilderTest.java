package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.HistogramSummary;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.Summary;

class SummaryBuilderTest {
  @TempDir Path dir;

  @Test
  void latencySummariesAreExactFromTheTotalOfAllIntervals() throws IOException {
    Summary s = SummaryBuilder.build(GoldenFolder.copyTo(dir));
    // 1000 x50, 1500 x40, 2000 x10 spread over three intervals
    assertEquals(new HistogramSummary(100, 1000, 1000, 1500, 2000, 2000, 2000, 1300.0), s.latency().connect());
    // 1000 x50, 1500 x30: mean 95000 / 80
    assertEquals(new HistogramSummary(80, 1000, 1000, 1500, 1500, 1500, 1500, 1187.5), s.latency().connectFirst());
    assertEquals(new HistogramSummary(20, 1500, 1500, 2000, 2000, 2000, 2000, 1750.0),
        s.latency().connectReconnect());
    assertEquals(new HistogramSummary(100, 100, 100, 200, 200, 200, 200, 140.0), s.latency().tcpConnect());
    assertEquals(70, s.latency().connectClean().count());
    assertEquals(30, s.latency().connectPersistent().count());
    assertEquals(new HistogramSummary(100, 500, 500, 500, 500, 1200, 1200, 507.0), s.latency().startLag());
  }

  @Test
  void countersAndRunMetadataComeFromRunJson() throws IOException {
    Summary s = SummaryBuilder.build(GoldenFolder.copyTo(dir));
    assertEquals("golden", s.profile());
    assertEquals(42, s.seed());
    assertEquals(new Summary.Broker("tcp://127.0.0.1:1883", false, "3.1.1"), s.broker());
    assertEquals(100, s.clients());
    assertEquals(new Summary.Connects(110, 100, 10, Map.of("0", 100L, "5", 4L), 6, 0), s.connects());
    assertEquals(List.of("0", "5"), List.copyOf(s.connects().byCode().keySet()));
    assertEquals(new Summary.SessionPresent(30, 1), s.sessionPresent());
    assertEquals(1, s.findings());
    assertEquals("0.1.0-SNAPSHOT", s.harnessVersion());
    assertFalse(s.interrupted());
    assertEquals(List.of(new Summary.AssertionResult("connect.p99 < 50ms", true, "2.00ms"),
        new Summary.AssertionResult("findings == 0", false, "1")), s.assertions(), "run.json's assertions");
  }

  @Test
  void flapsPerClientMinuteIsFlapsOverConnectedClientMinutes() throws IOException {
    Summary s = SummaryBuilder.build(GoldenFolder.copyTo(dir));
    // 45 flaps over 1,800,000 connected client-ms = 30 client-minutes
    assertEquals(new Summary.Flaps(45, 40, 1.5, 4, HistogramSummary.EMPTY, 0, 0, HistogramSummary.EMPTY,
        HistogramSummary.EMPTY, Map.of(), List.of(), 0), s.flaps());
    assertEquals(0.0, ChaosFigures.perClientMinute(12, 0));
    assertEquals(0.25, ChaosFigures.perClientMinute(1, 240_000));
  }

  @Test
  void sectionsNotExercisedAreZeros() throws IOException {
    Summary s = SummaryBuilder.build(GoldenFolder.copyTo(dir));
    assertEquals(new Summary.Drops(0, 0, 0, HistogramSummary.EMPTY, HistogramSummary.EMPTY, List.of()), s.drops());
    assertEquals(new Summary.KeepAlive(0, 0, 0, 0, HistogramSummary.EMPTY, 0, 0), s.keepAlive());
    assertEquals(new Summary.Wills(0, 0, 0, 0, 0, HistogramSummary.EMPTY, 0, 0, 0, 0, 0, 0), s.wills());
    assertEquals(Map.of(), s.findingsByKind(), "no findings.json");
  }

  @Test
  void aFolderWithOnlyRunJsonGivesAnAllZeroSummary() throws IOException {
    GoldenFolder.writeRunData(dir, new RunData("empty", 1, "2026-01-01T00:00:00Z", 0.5, "embedded", true, "5", 0,
        true, "0.1.0", null, null));
    Summary s = SummaryBuilder.build(dir);
    assertEquals(new Summary.Connects(0, 0, 0, Map.of("0", 0L), 0, 0), s.connects());
    assertEquals(HistogramSummary.EMPTY, s.latency().connect());
    assertEquals(HistogramSummary.EMPTY, s.latency().startLag());
    assertEquals(new Summary.Harness(false, 0), s.harness());
    assertEquals(0.0, s.flaps().perClientMinute());
    assertTrue(s.interrupted());
  }

  @Test
  void startLagP99AboveTenMillisecondsMarksTheHarnessSaturated() throws IOException {
    GoldenFolder.copyTo(dir);
    assertEquals(new Summary.Harness(false, 500), SummaryBuilder.build(dir).harness());

    GoldenFolder.writeHlog(dir, MetricNames.START_LAG, new long[][] {{500, 50}, {12_000, 50}});
    Summary s = SummaryBuilder.build(dir);
    assertTrue(s.harness().saturated());
    assertEquals(s.latency().startLag().p99(), s.harness().startLagP99());
    // 12000 lies in a bucket 8 µs wide at 3 significant digits
    assertTrue(s.harness().startLagP99() >= 12_000 && s.harness().startLagP99() < 12_008);
  }

  @Test
  void eventLoopLagP99AboveTenMillisecondsMarksTheHarnessSaturatedToo() throws IOException {
    GoldenFolder.copyTo(dir);
    // after the warm-up (second 6)
    GoldenFolder.writeHlogIntervals(dir, MetricNames.LOOP_LAG, new long[][][] {{}, {}, {}, {}, {}, {},
        {{200, 90}, {15_000, 10}}});
    Summary s = SummaryBuilder.build(dir);
    assertTrue(s.harness().saturated());
    assertEquals(500, s.harness().startLagP99());
    assertTrue(s.harness().loopLagP99() >= 15_000 && s.harness().loopLagP99() < 15_016, "" + s.harness());
    assertTrue(ConsoleSummary.render(s, dir).contains("the harness, not the broker, was the bottleneck"));
  }

  @Test
  void eventLoopLagOfARunNoLongerThanTheWarmUpIsTheJvmWarmingUpNotSaturation() throws IOException {
    GoldenFolder.copyTo(dir);
    // a 2-second run: its event loops lagged while the JVM compiled and loaded classes; users started on time
    GoldenFolder.writeHlogIntervals(dir, MetricNames.LOOP_LAG, new long[][][] {{{200, 90}, {16_000, 10}}, {}});
    Summary s = SummaryBuilder.build(dir);
    assertFalse(s.harness().saturated(), "" + s.harness());
    assertTrue(s.harness().loopLagP99() >= 16_000, "the lag is still reported: " + s.harness());
    assertFalse(ConsoleSummary.render(s, dir).contains("the harness, not the broker, was the bottleneck"));
  }

  @Test
  void lateStartsOnlyDuringTheWarmUpDoNotMarkTheHarnessSaturated() throws IOException {
    GoldenFolder.copyTo(dir);
    // second 0: JVM warm-up, 50 users started 12 ms late; second 6: 50 on time
    GoldenFolder.writeHlogIntervals(dir, MetricNames.START_LAG, new long[][][] {{{12_000, 50}}, {}, {}, {}, {}, {},
        {{500, 50}}});
    Summary s = SummaryBuilder.build(dir);
    assertFalse(s.harness().saturated(), "" + s.harness());
    assertTrue(s.harness().startLagP99() >= 12_000, "" + s.harness());
    assertEquals(500, s.harness().startLagP99AfterWarmUp());
    assertEquals(50, s.harness().startsAfterWarmUp());
    assertTrue(ConsoleSummary.render(s, dir).contains("note: the late starts were in the first 5 s (JVM warm-up);"
        + " after them start-lag p99 was 0.500 ms"), ConsoleSummary.render(s, dir));
  }

  /**
   * Every user started in the warm-up, late while the JVM compiled, and the run went on past it with its event loops
   * keeping up: the loops are judged, not the JVM's first seconds (bench/pubsub.yaml's 100 publishers in 0.1 s).
   */
  @Test
  void lateStartsOfARunWhoseUsersAllStartedInTheWarmUpAreANoteWhenTheLoopsKeptUp() throws IOException {
    GoldenFolder.copyTo(dir);
    GoldenFolder.writeHlogIntervals(dir, MetricNames.START_LAG, new long[][][] {{{500, 50}, {12_000, 50}}});
    GoldenFolder.writeHlogIntervals(dir, MetricNames.LOOP_LAG, new long[][][] {{{200, 10}}, {}, {}, {}, {}, {},
        {{200, 100}}});
    Summary s = SummaryBuilder.build(dir);
    assertFalse(s.harness().saturated(), "" + s.harness());
    assertEquals(0, s.harness().startsAfterWarmUp());
    String text = ConsoleSummary.render(s, dir);
    assertTrue(text.contains("note: the late starts were in the first 5 s (JVM warm-up); every user started then,"
        + " and the event loops kept up after them (lag p99 0.200 ms)"), text);

    GoldenFolder.writeHlogIntervals(dir, MetricNames.LOOP_LAG, new long[][][] {{{200, 10}}, {}, {}, {}, {}, {},
        {{200, 90}, {15_000, 10}}});
    assertTrue(SummaryBuilder.build(dir).harness().saturated(), "loops late after the warm-up: saturated");
  }

  /**
   * A run cut short 8 s in: 80 loop-lag samples after the warm-up, whose p99 is their largest, one 10.2 ms pause.
   * Too few to judge the loops by: the users that started after the warm-up, on time, decide.
   */
  @Test
  void tooFewLoopLagSamplesAfterTheWarmUpAreNotJudged() throws IOException {
    GoldenFolder.copyTo(dir);
    GoldenFolder.writeHlogIntervals(dir, MetricNames.START_LAG, new long[][][] {{{500, 50}}, {}, {}, {}, {}, {},
        {{2_400, 50}}});
    GoldenFolder.writeHlogIntervals(dir, MetricNames.LOOP_LAG, new long[][][] {{{200, 10}}, {}, {}, {}, {}, {},
        {{300, 79}, {10_200, 1}}});
    Summary s = SummaryBuilder.build(dir);
    assertTrue(s.harness().loopLagP99AfterWarmUp() >= 10_000, "reported all the same: " + s.harness());
    assertFalse(s.harness().saturated(), "" + s.harness());

    GoldenFolder.writeHlogIntervals(dir, MetricNames.LOOP_LAG, new long[][][] {{{200, 10}}, {}, {}, {}, {}, {},
        {{300, 79}, {10_200, 21}}});
    assertTrue(SummaryBuilder.build(dir).harness().saturated(), "100 samples, a fifth of them late: saturated");
  }

  @Test
  void missingRunJsonIsAClearError() {
    ReportException e = assertThrows(ReportException.class, () -> SummaryBuilder.build(dir));
    assertEquals("not a results folder: run.json missing in " + dir, e.getMessage());
  }

  @Test
  void aCorruptHlogNamesTheFile() throws IOException {
    GoldenFolder.copyTo(dir);
    Files.writeString(dir.resolve("connect.hlog"), "0.000,1.000,0.002,HISTFAAAnot-base64!!\n");
    ReportException e = assertThrows(ReportException.class, () -> SummaryBuilder.build(dir));
    assertTrue(e.getMessage().startsWith("cannot read " + dir.resolve("connect.hlog")), e.getMessage());
  }
}
