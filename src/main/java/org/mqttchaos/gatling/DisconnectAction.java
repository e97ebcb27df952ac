package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/**
 * Graceful leave: DISCONNECT, then close. The broker must discard the will; with {@code withWill} (MQTT 5), the
 * DISCONNECT carries reason 0x04 (Disconnect with Will Message) and the broker must publish it.
 */
final class DisconnectAction extends ConnectedAction {
  private final boolean withWill;

  DisconnectAction(String requestName, MqttComponents components, Action next) {
    this(requestName, false, components, next);
  }

  DisconnectAction(String requestName, boolean withWill, MqttComponents components, Action next) {
    super(requestName, components, next);
    this.withWill = withWill;
  }

  @Override
  protected void run(Session session, UserConnection user, long start) {
    okWhenDone(withWill ? user.connection().disconnectWithWill() : user.connection().disconnect(), session, start);
  }
}
