package org.mqttchaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class PlanWriterTest {
  private static String seconds(long nanos) {
    StringBuilder out = new StringBuilder();
    PlanWriter.appendSeconds(out, nanos);
    return out.toString();
  }

  @Test
  void startTimesAreSecondsWithThreeDecimalsRoundedHalfUp() {
    assertEquals("0.000", seconds(0));
    assertEquals("0.000", seconds(499_999));
    assertEquals("0.001", seconds(500_000));
    assertEquals("0.005", seconds(5_000_000));
    assertEquals("0.050", seconds(50_000_000));
    assertEquals("1.000", seconds(999_500_000));
    assertEquals("1.235", seconds(1_234_567_890));
    assertEquals("19.999", seconds(19_999_000_000L));
    assertEquals("3600.000", seconds(3_600_000_000_000L));
  }

  @Test
  void agreesWithTheFormatItReplaced() {
    for (long nanos = 0; nanos < 3_000_000_000L; nanos += 123_457) {
      assertEquals(String.format(Locale.ROOT, "%.3f", nanos / 1e9), seconds(nanos), "at " + nanos + " ns");
    }
  }
}
