package org.mqttchaos.profile;

import java.time.Duration;

/**
 * Clean versus persistent sessions: the share with clean session = true, whether persistent
 * clients reconnect once to check session present, and the MQTT 5 session expiry.
 */
public record SessionSettings(double cleanRatio, boolean reconnectPersistent, Duration sessionExpiry) {}
