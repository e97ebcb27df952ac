package org.mqttchaos.profile;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Profile durations: a whole number with a unit, like 500ms, 10s, 2m or 1h; a bare 0 is zero. */
final class Durations {
  static final String EXPECTED = "a duration like 500ms, 10s or 2m";
  // Nine digits keep every value far from overflow, even in hours.
  private static final Pattern FORMAT = Pattern.compile("(-?)(\\d{1,9})(ms|s|m|h)");

  private Durations() {}

  /** The duration, or null when the text is not one. Negative values parse, so ranges can name them. */
  static Duration parse(String text) {
    String t = text.strip();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = FORMAT.matcher(t);
    if (!m.matches()) {
      return null;
    }
    long amount = Long.parseLong(m.group(2)) * (m.group(1).isEmpty() ? 1 : -1);
    return switch (m.group(3)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  /** The shortest exact form in the largest unit that fits: 1500ms, 90s, 2m, 1h. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
