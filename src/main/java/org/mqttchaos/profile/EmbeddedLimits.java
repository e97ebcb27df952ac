package org.mqttchaos.profile;

import java.time.Duration;

/**
 * Limits the embedded broker imposes on what the clients ask for ({@code broker.embedded.*}): an MQTT 5 client that
 * asks for more is told the broker's value in CONNACK (Server Keep Alive, Session Expiry Interval). Only with the
 * embedded broker.
 *
 * @param maxKeepAlive     the highest keep-alive the broker grants; null: no limit
 * @param maxSessionExpiry the longest session expiry it grants; null: no limit
 */
public record EmbeddedLimits(Duration maxKeepAlive, Duration maxSessionExpiry) {
  public static final EmbeddedLimits NONE = new EmbeddedLimits(null, null);

  /** True when neither is limited. */
  public boolean none() {
    return maxKeepAlive == null && maxSessionExpiry == null;
  }
}
