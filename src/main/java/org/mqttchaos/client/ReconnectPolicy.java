package org.mqttchaos.client;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * When to reconnect after an unsolicited close, as client libraries do by default: exponential back-off
 * from {@code initialDelay} by {@code multiplier} up to {@code maxDelay}, each delay spread by
 * +/- {@code jitter} (a fraction). A multiplier of 1 gives MQTT.js's fixed reconnect period, with which two
 * clients sharing an ID knock each other off forever; a larger one lets them calm down.
 *
 * <p>The back-off streak resets once a connection has stayed up for {@code maxDelay}: a CONNACK alone
 * does not reset it, or a client taken over right after each CONNACK would retry at the initial delay forever.
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {

  /**
   * The delay before reconnect number {@code streak} (0 for the first after a stable connection).
   *
   * @param random the user's own seeded stream, so a replay draws the same jitter
   */
  public long delayNanos(int streak, SplittableRandom random) {
    double base = initialDelay.toNanos() * Math.pow(multiplier, streak);
    double capped = Math.min(base, maxDelay.toNanos());
    double spread = jitter <= 0 ? 1.0 : 1.0 + jitter * (2 * random.nextDouble() - 1);
    return Math.max(0, (long) (capped * spread));
  }

  /** Whether a connection that stayed up this long resets the back-off streak. */
  public boolean stable(long upNanos) {
    return upNanos >= maxDelay.toNanos();
  }
}
