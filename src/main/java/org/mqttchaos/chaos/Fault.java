package org.mqttchaos.chaos;

import java.util.Locale;
import org.mqttchaos.client.AbruptMode;

/**
 * One fault planned for one virtual user.
 *
 * @param kind    what happens
 * @param atNanos when: for {@link Kind#MASS_DROP}, from the start of the run; otherwise from the moment the
 *                user's hold begins (right after its first connect)
 * @param mode    FIN or RST for drops; null for silence
 */
public record Fault(Kind kind, long atNanos, AbruptMode mode) {
  /** The kinds of fault. */
  public enum Kind {
    /** Abrupt close, no DISCONNECT (chaos.abruptDrop, a Poisson process per client). */
    DROP,
    /** Stop sending anything, PINGREQ included, keep TCP open (chaos.keepAliveExpiry). */
    SILENCE,
    /** Abrupt close together with a share of all clients (chaos.massDrop). */
    MASS_DROP
  }

  /**
   * As written in plan.csv: {@code drop@12.345s:rst}, {@code silence@10.000s}, {@code massDrop#0@40.000s:fin}.
   * In the root locale whatever the JVM's default: a decimal comma would split the CSV cell, and the report
   * reads mass drops back from it.
   */
  public String label(int massDropIndex) {
    String at = String.format(Locale.ROOT, "@%.3fs", atNanos / 1e9);
    return switch (kind) {
      case DROP -> "drop" + at + ":" + mode.name().toLowerCase(Locale.ROOT);
      case SILENCE -> "silence" + at;
      case MASS_DROP -> "massDrop#" + massDropIndex + at + ":" + mode.name().toLowerCase(Locale.ROOT);
    };
  }
}
