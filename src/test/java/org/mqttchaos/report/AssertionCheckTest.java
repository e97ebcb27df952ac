package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.profile.Assertion;
import org.mqttchaos.summary.Summary;
import org.mqttchaos.summary.SummaryFigures;

/**
 * Profile assertions evaluated against the golden run's summary; {@link SummarySchemaTest} keeps the figure list in
 * step with summary.json.
 */
class AssertionCheckTest {
  @TempDir Path dir;

  private Summary goldenWith(String... assertions) throws IOException {
    GoldenFolder.copyTo(dir);
    RunData g = GoldenFolder.runData("golden", "tcp://127.0.0.1:1883");
    GoldenFolder.writeRunData(dir, new RunData(g.profile(), g.seed(), g.startedAt(), g.durationS(), g.brokerUrl(),
        g.embedded(), g.mqttVersion(), g.clients(), g.interrupted(), g.harnessVersion(), g.counters(),
        List.of(assertions), 1, 1, List.of(), 0.25)); // as a run writes it today: its first client's start known
    return SummaryBuilder.build(dir);
  }

  @Test
  void eachAssertionGetsItsVerdictAndActualValue() throws IOException {
    Summary s = goldenWith("connect.p99 < 50ms", "connect.p99 < 1.5ms", "findings == 0",
        "flaps.perClientMinute < 0.5", "connects.failed == 10", "sessionPresent.mismatches == 0",
        "connects.byCode.5 == 4", "connects.byCode.134 == 0", "wills.missing == 0", "harness.startLagP99 <= 500us");
    assertEquals(List.of(
        new Summary.AssertionResult("connect.p99 < 50ms", true, "2.00ms"),
        new Summary.AssertionResult("connect.p99 < 1.5ms", false, "2.00ms"),
        new Summary.AssertionResult("findings == 0", false, "1"),
        new Summary.AssertionResult("flaps.perClientMinute < 0.5", false, "1.5"),
        new Summary.AssertionResult("connects.failed == 10", true, "10"),
        new Summary.AssertionResult("sessionPresent.mismatches == 0", false, "1"),
        new Summary.AssertionResult("connects.byCode.5 == 4", true, "4"),
        new Summary.AssertionResult("connects.byCode.134 == 0", true, "0"),
        new Summary.AssertionResult("wills.missing == 0", true, "0"),
        new Summary.AssertionResult("harness.startLagP99 <= 500us", true, "0.500ms")), s.assertions());
    assertEquals(List.of("connect.p99 < 1.5ms", "findings == 0", "flaps.perClientMinute < 0.5",
        "sessionPresent.mismatches == 0"), s.failedAssertions().stream().map(Summary.AssertionResult::text).toList());
  }

  @Test
  void anInvalidAssertionInRunJsonFailsWithTheReasonInsteadOfStoppingTheReport() throws IOException {
    Summary s = goldenWith("conect.p99 < 50ms");
    assertEquals(List.of(new Summary.AssertionResult("conect.p99 < 50ms", false,
        "invalid: unknown figure 'conect.p99' (did you mean 'connect.p99'?)")), s.assertions());
  }

  @Test
  void noAssertionsNothingFails() throws IOException {
    Summary s = goldenWith();
    assertEquals(List.of(), s.assertions());
    assertEquals(List.of(), s.failedAssertions());
  }

  @Test
  void actualValuesReadLikeTheAssertions() {
    assertEquals("81.5ms", AssertionCheck.format(81_500, true));
    assertEquals("0.120ms", AssertionCheck.format(120, true));
    assertEquals("1.251ms", AssertionCheck.format(1_250.6, true), "a mean in µs, to the microsecond");
    assertEquals("2469.887ms", AssertionCheck.format(2_469_887, true), "never rounded to 2470ms, which it is under");
    assertEquals("3", AssertionCheck.format(3, false));
    assertEquals("0.3333", AssertionCheck.format(1 / 3.0, false));
    assertEquals("178841", AssertionCheck.format(178_841, false), "a count whole, as summary.json has it");
    assertEquals("12345.7", AssertionCheck.format(12_345.678, false), "the whole part never rounded");
  }

  @Test
  void chaosFiguresReadInTheirUnitsAndAbsentKeysReadZero() throws IOException {
    GoldenChaosFolder.copyTo(dir);
    RunData g = GoldenChaosFolder.runData();
    GoldenFolder.writeRunData(dir, new RunData(g.profile(), g.seed(), g.startedAt(), g.durationS(), g.brokerUrl(),
        g.embedded(), g.mqttVersion(), g.clients(), g.interrupted(), g.harnessVersion(), g.counters(), List.of(
            "drops.recovery.max < 10s", "drops.recovery.max < 2ms", "drops.connectDuringRecovery.p99 == 1300us",
            "flaps.timeToCalm.p50 == 1.8ms", "flaps.takeoverClose.count == 12", "wills.delay.p99 <= 0.4ms",
            "keepAlive.detection.p99 < 7s", "flaps.interval.max == 2ms", "flaps.byRole.silent.perClientMinute == 10",
            "flaps.byRole.nobody.flaps == 0", "findingsByKind.takeover-without-0x8E == 2",
            "findingsByKind.two-live-connections == 0", "wills.foreign == 3", "connects.reconnectsAttempted > 40",
            "recovery.max < 10s")));
    List<Summary.AssertionResult> results = SummaryBuilder.build(dir).assertions();
    assertEquals(List.of(
        new Summary.AssertionResult("drops.recovery.max < 10s", true, "2.00ms"),
        new Summary.AssertionResult("drops.recovery.max < 2ms", false, "2.00ms"),
        new Summary.AssertionResult("drops.connectDuringRecovery.p99 == 1300us", true, "1.30ms"),
        new Summary.AssertionResult("flaps.timeToCalm.p50 == 1.8ms", true, "1.80ms"),
        new Summary.AssertionResult("flaps.takeoverClose.count == 12", true, "12"),
        new Summary.AssertionResult("wills.delay.p99 <= 0.4ms", true, "0.400ms"),
        new Summary.AssertionResult("keepAlive.detection.p99 < 7s", true, "1.90ms"),
        new Summary.AssertionResult("flaps.interval.max == 2ms", true, "2.00ms"),
        new Summary.AssertionResult("flaps.byRole.silent.perClientMinute == 10", true, "10"),
        new Summary.AssertionResult("flaps.byRole.nobody.flaps == 0", true, "0"),
        new Summary.AssertionResult("findingsByKind.takeover-without-0x8E == 2", true, "2"),
        new Summary.AssertionResult("findingsByKind.two-live-connections == 0", true, "0"),
        new Summary.AssertionResult("wills.foreign == 3", true, "3"),
        new Summary.AssertionResult("connects.reconnectsAttempted > 40", true, "44"),
        // the shorthand is for latency.* only
        new Summary.AssertionResult("recovery.max < 10s", false,
            "invalid: unknown figure 'recovery.max'; figures are summary.json's numeric keys, e.g. connect.p99,"
                + " findings, flaps.perClientMinute")), results);
  }

  @Test
  void everyChaosHistogramIsInMicrosecondsAndOnlyLatencyHasTheShorthand() {
    for (String h : List.of("keepAlive.detection", "wills.delay", "flaps.interval", "flaps.timeToCalm",
        "flaps.takeoverClose", "drops.recovery", "drops.connectDuringRecovery")) {
      for (String field : List.of("min", "p50", "p90", "p99", "p999", "max", "mean")) {
        assertEquals(SummaryFigures.Kind.MICROS, SummaryFigures.kind(h + "." + field).orElseThrow(), h + field);
      }
      assertEquals(SummaryFigures.Kind.NUMBER, SummaryFigures.kind(h + ".count").orElseThrow());
      String last = h.substring(h.indexOf('.') + 1);
      assertEquals(last + ".p99", SummaryFigures.canonical(last + ".p99"), "no shorthand for " + h);
    }
    assertEquals(10_000_000, Assertion.parse("drops.recovery.max < 10s").value());
    assertEquals("latency.connect.p99", SummaryFigures.canonical("connect.p99"));
    assertTrue(SummaryFigures.kind("flaps.byRole.silent.other").isEmpty());
  }

  @Test
  void everyFigureCanBeAssertedAndReadsFromTheSummary() throws IOException {
    List<String> texts = new ArrayList<>();
    for (String path : SummaryFigures.paths()) {
      boolean latency = SummaryFigures.kind(path).orElseThrow() == SummaryFigures.Kind.MICROS;
      texts.add(path + " >= 0" + (latency ? "us" : ""));
    }
    Summary s = goldenWith(texts.toArray(String[]::new));
    s.assertions().forEach(a -> assertTrue(a.passed(), a.text() + " -> " + a.actual()));
    assertEquals(texts.size(), s.assertions().size());
  }
}
