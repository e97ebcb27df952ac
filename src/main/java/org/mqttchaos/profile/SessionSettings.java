package org.mqttchaos.profile;

import java.time.Duration;

/**
 * Clean versus persistent sessions: the share with clean session = true, whether persistent
 * clients reconnect once to check session present, the MQTT 5 session expiry, and the prefix of every client ID
 * ({@code clientIdPrefix}; null: one drawn anew for each run, so sessions an earlier run left on the broker cannot
 * answer this run's CONNECTs).
 */
public record SessionSettings(double cleanRatio, boolean reconnectPersistent, Duration sessionExpiry,
    String clientIdPrefix) {}
