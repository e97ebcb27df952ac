package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/** Graceful leave: DISCONNECT, then close. The broker must discard the will. */
final class DisconnectAction extends MqttAction {
  DisconnectAction(String requestName, MqttComponents components, Action next) {
    super(requestName, components, next);
  }

  @Override
  protected void run(Session session) {
    long start = nowMillis();
    UserConnection user = connectionOrKo(session, start);
    if (user != null) {
      okWhenDone(user.connection().disconnect(), session, start);
    }
  }
}
