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
 * @param messages     what it publishes and subscribes to
 * @param backend      a backend subscriber (messages.backend), not one of the load's clients
 */
public record UserPlan(int index, String clientId, boolean cleanSession, long startOffsetNanos, UserChaos chaos,
    MessageRole messages, boolean backend) {

  /** A load client without messages. */
  public UserPlan(int index, String clientId, boolean cleanSession, long startOffsetNanos, UserChaos chaos) {
    this(index, clientId, cleanSession, startOffsetNanos, chaos, MessageRole.NONE, false);
  }
}
