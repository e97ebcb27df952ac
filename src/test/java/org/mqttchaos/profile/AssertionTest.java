package org.mqttchaos.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assertion grammar, and malformed assertions refused by the profile before anything runs. */
class AssertionTest {
  @TempDir Path dir;

  @Test
  void latencyShorthandAndUnitsBecomeSummaryPathsInMicroseconds() {
    assertEquals(new Assertion("connect.p99 < 50ms", "latency.connect.p99", Assertion.Op.LT, 50_000),
        Assertion.parse("connect.p99 < 50ms"));
    assertEquals(1_500_000, Assertion.parse("latency.tcpConnect.max <= 1.5s").value());
    assertEquals(250, Assertion.parse("startLag.p999>=250us").value());
    assertEquals(250, Assertion.parse("startLag.p999 >= 250 µs").value());
    assertEquals(2_000, Assertion.parse("harness.startLagP99 < 2ms").value());
    assertEquals(3_000, Assertion.parse("keepAlive.detection.p99 != 3ms").value());
    assertTrue(Assertion.parse("wills.delay.mean < 1s").isLatency());
    assertFalse(Assertion.parse("wills.delay.count > 0").isLatency(), "a count is a plain number");
  }

  @Test
  void plainFiguresTakePlainNumbers() {
    assertEquals(new Assertion("flaps.perClientMinute < 0.5", "flaps.perClientMinute", Assertion.Op.LT, 0.5),
        Assertion.parse("flaps.perClientMinute < 0.5"));
    assertEquals(Assertion.Op.EQ, Assertion.parse("findings == 0").op());
    assertEquals(Assertion.Op.NE, Assertion.parse("connects.failed != 0").op());
    assertEquals(Assertion.Op.GT, Assertion.parse("sessionPresent.checked > 10").op());
    assertEquals("connects.byCode.5", Assertion.parse("connects.byCode.5 == 0").path(), "any CONNACK code");
    assertEquals("connects.failedBy.tls-untrusted", Assertion.parse("connects.failedBy.tls-untrusted == 0").path(),
        "a failure reason");
  }

  @Test
  void operatorsCompareAsWritten() {
    assertTrue(Assertion.parse("findings <= 0").test(0));
    assertFalse(Assertion.parse("findings < 0").test(0));
    assertTrue(Assertion.parse("findings >= 2").test(2));
    assertFalse(Assertion.parse("findings > 2").test(2));
    assertTrue(Assertion.parse("findings == 2").test(2));
    assertFalse(Assertion.parse("findings != 2").test(2));
    assertTrue(Assertion.parse("connect.p99 < 50ms").test(49_999));
    assertFalse(Assertion.parse("connect.p99 < 50ms").test(50_000));
  }

  @Test
  void malformedAssertionsSayWhatIsWrong() {
    assertEquals("unknown figure 'conect.p99' (did you mean 'connect.p99'?)", error("conect.p99 < 50ms"));
    assertEquals("unknown figure 'latency.bogus'; figures are summary.json's numeric keys, e.g. connect.p99,"
        + " findings, flaps.perClientMinute", error("latency.bogus < 1ms"));
    assertEquals("connect.p99 is a latency: give the value a unit, us, ms or s, e.g. 50ms",
        error("connect.p99 < 50"));
    assertEquals("findings is a plain number, not a latency: write '0' without 'ms'", error("findings == 0ms"));
    assertEquals("unknown unit 'min' for latency connect.max: use us, ms or s", error("connect.max < 2min"));
    assertTrue(error("connects.failedBy.tls-untrused == 0").startsWith("unknown figure 'connects.failedBy"
        + ".tls-untrused'"), "a misspelt failure reason would read 0 for ever");
    assertEquals("'=' is not an operator, use '==': 'findings = 0'", error("findings = 0"));
    assertEquals("'lots' is not a number", error("findings < lots"));
    assertTrue(error("connect.p99 50ms").startsWith("expected '<figure> <op> <value>' with op one of"));
    assertTrue(error("connect.p99 <").startsWith("expected '<figure> <op> <value>'"));
    assertTrue(error("  ").startsWith("empty assertion"));
    assertEquals("unknown figure 'broker.url'; figures are summary.json's numeric keys, e.g. connect.p99,"
        + " findings, flaps.perClientMinute", error("broker.url == 1"), "text figures are not numbers");
  }

  @Test
  void theProfileAcceptsValidAssertions() {
    Profile p = new ProfileFiles(dir).load("assertions: [\"connect.p99 < 50ms\", \"findings == 0\"]\n");
    assertEquals(List.of("connect.p99 < 50ms", "findings == 0"), p.assertions());
  }

  @Test
  void aMalformedAssertionIsAValidationErrorAtItsFileLineAndIndex() {
    ProfileFiles files = new ProfileFiles(dir);
    String message = files.error("""
        load:
          clients: 10
        assertions:
          - connect.p99 < 50ms
          - findings == 0
          - conect.p99 < 5ms
        """);
    assertEquals(files.at(6) + "assertions[2]: unknown figure 'conect.p99' (did you mean 'connect.p99'?)",
        message);
    assertEquals("--set assertions=[findings = 0]: assertions[0]: '=' is not an operator, use '==': 'findings = 0'",
        files.error("", "assertions=[findings = 0]"));
  }

  private static String error(String text) {
    return assertThrows(IllegalArgumentException.class, () -> Assertion.parse(text)).getMessage();
  }
}
