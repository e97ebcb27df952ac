package org.mqttchaos.profile;

import java.time.Duration;

/**
 * Automatic reconnect after an unsolicited close: exponential back-off with jitter in [0, 1]. {@code quietPeriod}
 * is how long a connection of a flapping client ID must stay up after the ID's last flap for the ID to count as
 * calmed (by default {@link #defaultQuietPeriod}).
 */
public record ReconnectSettings(
    boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
    Duration quietPeriod) {

  /** With the default quiet period for {@code maxDelay}. */
  public ReconnectSettings(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier,
      double jitter) {
    this(enabled, initialDelay, maxDelay, multiplier, jitter, defaultQuietPeriod(maxDelay));
  }

  /**
   * Twice {@code maxDelay}, at least 1 s: a reconnect delay is at most maxDelay x (1 + jitter), jitter <= 1, so a
   * connection of a pair still knocking itself off never stays up that long.
   */
  public static Duration defaultQuietPeriod(Duration maxDelay) {
    Duration twice = maxDelay.multipliedBy(2);
    return twice.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : twice;
  }

  /** The longest delay the back-off can draw: maxDelay x (1 + jitter). */
  public Duration longestDelay() {
    return longestDelay(maxDelay, jitter);
  }

  static Duration longestDelay(Duration maxDelay, double jitter) {
    return Duration.ofNanos((long) Math.ceil(maxDelay.toNanos() * (1 + jitter)));
  }
}
