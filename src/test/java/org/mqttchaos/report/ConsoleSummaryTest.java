package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.metrics.MetricNames;

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
    assertTrue(text.contains("  connect          p50 1.00 ms, p99 2.00 ms, max 2.00 ms (100 CONNACKs)\n"), text);
    assertTrue(text.contains("  tcp-connect      p99 0.200 ms\n"), text);
    assertTrue(text.contains("  session present  30 checked, 1 mismatch\n"), text);
    assertTrue(text.contains("  flaps            45 (40 takeovers), 1.500 per client-minute\n"), text);
    assertTrue(text.contains("  start-lag        p99 0.500 ms\n"), text);
    assertTrue(text.contains("  assertions       1 of 2 passed\n"
        + "    PASS connect.p99 < 50ms  (actual 2.00ms)\n"
        + "    FAIL findings == 0  (actual 1)\n"), text);
    assertTrue(text.contains("  results          " + dir.toAbsolutePath() + " (report.html)\n"), text);
    assertFalse(text.contains("WARNING"), text);
    assertEquals(13, text.lines().count(), "short: " + text);
  }

  @Test
  void warnsWhenTheHarnessWasSaturated() throws IOException {
    GoldenFolder.copyTo(dir);
    GoldenFolder.writeHlog(dir, MetricNames.START_LAG, new long[][] {{500, 50}, {12_000, 50}});
    String text = ConsoleSummary.render(SummaryBuilder.build(dir), dir);
    assertTrue(text.contains("WARNING: the harness itself was saturated (start-lag p99 12.0 ms):"
        + " latencies include harness delay\n"), text);
  }
}
