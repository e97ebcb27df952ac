package org.mqttchaos.profile;

import java.time.Duration;

/** Automatic reconnect after an unsolicited close: exponential back-off with jitter in [0, 1]. */
public record ReconnectSettings(
    boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {}
