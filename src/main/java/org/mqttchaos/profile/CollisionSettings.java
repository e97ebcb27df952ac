package org.mqttchaos.profile;

/** Client-ID collisions: the share of clients whose ID is shared, in groups of {@code groupSize}. */
public record CollisionSettings(double ratio, int groupSize) {}
