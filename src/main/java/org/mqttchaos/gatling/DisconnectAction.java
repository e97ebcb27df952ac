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
    if (!session.contains(MqttComponents.CONNECTION_ATTR)) {
      ko(session, start, start, "not-connected", "disconnect before any connect");
      return;
    }
    components.connectionOf(session).connection().disconnect().whenComplete((v, error) -> {
      if (error != null) {
        ko(session, start, nowMillis(), "error", error.toString());
      } else {
        ok(session, start, nowMillis());
      }
    });
  }
}
