package org.mqttchaos.profile;

import java.time.Duration;

/**
 * How many virtual users, how they are started, how long each stays and how it leaves.
 * {@code rate} is in clients per second; {@code keepAlive} of zero turns keep-alive off; {@code startGrid} is
 * the step planned starts are rounded up to (zero: each at its own instant).
 */
public record LoadSettings(
    int clients,
    Injection injection,
    Duration rampDuration,
    double rate,
    Duration hold,
    Duration keepAlive,
    Leave leave,
    Duration startGrid) {}
