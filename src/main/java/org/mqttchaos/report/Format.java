package org.mqttchaos.report;

import java.util.Locale;

/** Number formats shared by the HTML report and the console summary; always Locale.ROOT, so "1.50" everywhere. */
final class Format {
  private Format() {}

  /**
   * Microseconds as milliseconds with about three significant digits, the precision the histograms keep:
   * 0.123, 1.50, 12.3, 150.
   */
  static String ms(long micros) {
    if (micros == 0) {
      return "0";
    }
    double ms = micros / 1000.0;
    if (ms < 1) {
      return String.format(Locale.ROOT, "%.3f", ms);
    }
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.2f", ms);
    }
    if (ms < 100) {
      return String.format(Locale.ROOT, "%.1f", ms);
    }
    return String.format(Locale.ROOT, "%.0f", ms);
  }

  /** part / whole as a percentage with two decimals, "-" when whole is zero. */
  static String percent(long part, long whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.2f %%", 100.0 * part / whole);
  }

  static String decimal(double value, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "f", value);
  }

  /** A seconds duration: "61.2 s". */
  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1f s", s);
  }

  /** A time in seconds to the millisecond, as plan.csv and findings.json hold them: "40.000 s". */
  static String preciseSeconds(double s) {
    return String.format(Locale.ROOT, "%.3f s", s);
  }

  /** "1 mismatch", "2 mismatches". */
  static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
