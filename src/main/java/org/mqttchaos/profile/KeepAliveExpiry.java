package org.mqttchaos.profile;

import java.time.Duration;

/**
 * The share of clients that go silent {@code after} connecting, so the broker must cut them
 * within 1.5 x keep-alive plus {@code tolerance}.
 */
public record KeepAliveExpiry(double ratio, Duration after, Duration tolerance) {}
