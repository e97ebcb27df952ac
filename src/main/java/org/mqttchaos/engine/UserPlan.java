package org.mqttchaos.engine;

import org.mqttchaos.chaos.UserChaos;

/**
 * The role of one virtual user, fixed before the run from the profile and its seed.
 *
 * @param index        position in injection order (0-based)
 * @param clientId     MQTT client identifier (shared by the members of a collision group)
 * @param cleanSession clean (true) or persistent (false) session
 * @param startOffsetNanos when the injection profile schedules this user, from the first user's start
 * @param chaos        collision group, will, faults
 */
public record UserPlan(int index, String clientId, boolean cleanSession, long startOffsetNanos, UserChaos chaos) {}
