package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import org.mqttchaos.client.AbruptMode;

/** Abrupt leave: TCP ends with FIN or RST and no DISCONNECT, as when a device loses power or network. */
final class AbruptCloseAction extends ConnectedAction {
  private final AbruptMode mode;

  AbruptCloseAction(String requestName, AbruptMode mode, MqttComponents components, Action next) {
    super(requestName, components, next);
    this.mode = mode;
  }

  @Override
  protected void run(Session session, UserConnection user, long start) {
    okWhenDone(user.connection().closeAbruptly(mode), session, start);
  }
}
