package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/**
 * The client stops sending anything, PINGREQ included, and keeps TCP open, so the broker's keep-alive
 * must cut it. Pair it with {@code awaitBrokerClose} to wait for that cut.
 */
final class GoSilentAction extends ConnectedAction {
  GoSilentAction(String requestName, MqttComponents components, Action next) {
    super(requestName, components, next);
  }

  @Override
  protected void run(Session session, UserConnection user, long start) {
    user.connection().goSilent();
    ok(session, start, nowMillis());
  }
}
