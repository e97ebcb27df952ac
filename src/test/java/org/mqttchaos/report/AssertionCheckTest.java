package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.profile.SummaryFigures;

/** Profile assertions evaluated against the golden run's summary, and the figure list kept in step with it. */
class AssertionCheckTest {
  @TempDir Path dir;

  private Summary goldenWith(String... assertions) throws IOException {
    GoldenFolder.copyTo(dir);
    RunData g = GoldenFolder.runData("golden", "tcp://127.0.0.1:1883");
    GoldenFolder.writeRunData(dir, new RunData(g.profile(), g.seed(), g.startedAt(), g.durationS(), g.brokerUrl(),
        g.embedded(), g.mqttVersion(), g.clients(), g.interrupted(), g.harnessVersion(), g.counters(),
        List.of(assertions)));
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
    assertEquals("1.25ms", AssertionCheck.format(1_250.6, true), "a mean in µs, rounded");
    assertEquals("3", AssertionCheck.format(3, false));
    assertEquals("0.3333", AssertionCheck.format(1 / 3.0, false));
  }

  /** The profile's figure list and summary.json cannot drift: every numeric leaf is a figure, and back. */
  @Test
  void theFiguresAnAssertionMayNameAreExactlyTheNumericLeavesOfSummaryJson() throws IOException {
    GoldenFolder.copyTo(dir);
    JsonNode json = new ObjectMapper().readTree(SummaryJson.toJson(SummaryBuilder.build(dir)));
    Set<String> leaves = new LinkedHashSet<>();
    numericLeaves(json, "", leaves);
    leaves.remove("connects.byCode.5"); // codes vary per run; byCode.0 is always there and stands for all
    assertEquals(new ArrayList<>(leaves), new ArrayList<>(SummaryFigures.paths()));
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

  private static void numericLeaves(JsonNode node, String path, Set<String> out) {
    if (node.isNumber()) {
      out.add(path);
    }
    node.fields().forEachRemaining(e -> numericLeaves(e.getValue(), path.isEmpty() ? e.getKey()
        : path + "." + e.getKey(), out));
  }
}
