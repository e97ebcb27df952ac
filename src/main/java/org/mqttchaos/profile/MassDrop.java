package org.mqttchaos.profile;

import java.time.Duration;
import org.mqttchaos.client.AbruptMode;

/** At {@code at} into the run, drop {@code fraction} (0, 1] of the connected clients abruptly. */
public record MassDrop(Duration at, double fraction, AbruptMode mode) {}
