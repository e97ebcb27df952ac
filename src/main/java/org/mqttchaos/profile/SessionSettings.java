package org.mqttchaos.profile;

import java.time.Duration;

/**
 * Clean versus persistent sessions: the share with clean session = true, whether persistent
 * clients reconnect once to check session present, the MQTT 5 session expiry, and the prefix of every client ID
 * ({@code clientIdPrefix}; null: one drawn anew for each run, so sessions an earlier run left on the broker cannot
 * answer this run's CONNECTs).
 */
public record SessionSettings(double cleanRatio, boolean reconnectPersistent, Duration sessionExpiry,
    String clientIdPrefix, Duration expiryTolerance) {
  /** The default {@code sessions.expiryTolerance}. */
  public static final Duration DEFAULT_EXPIRY_TOLERANCE = Duration.ofSeconds(1);

  /**
   * @param expiryTolerance how far from a session's expiry (its close + the Session Expiry Interval in force) a
   *                        reconnect's CONNACK may come and get either session-present flag: brokers count expiry in
   *                        whole seconds
   */
  public SessionSettings {}

  /** Settings with the default expiry tolerance. */
  public SessionSettings(double cleanRatio, boolean reconnectPersistent, Duration sessionExpiry,
      String clientIdPrefix) {
    this(cleanRatio, reconnectPersistent, sessionExpiry, clientIdPrefix, DEFAULT_EXPIRY_TOLERANCE);
  }
}
