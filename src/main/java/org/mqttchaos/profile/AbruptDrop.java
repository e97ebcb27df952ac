package org.mqttchaos.profile;

import org.mqttchaos.client.AbruptMode;

/** Per-client abrupt drops (no DISCONNECT) as a Poisson process of {@code ratePerMinute}. */
public record AbruptDrop(double ratePerMinute, AbruptMode mode) {}
