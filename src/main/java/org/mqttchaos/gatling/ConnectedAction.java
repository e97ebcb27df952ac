package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/**
 * Base of the actions that act on the user's connection. A scenario may use one before any connect; it is then
 * KO "not-connected" and the user goes on, so the subclass only ever sees a user that has a connection.
 */
abstract class ConnectedAction extends MqttAction {
  ConnectedAction(String requestName, MqttComponents components, Action next) {
    super(requestName, components, next);
  }

  @Override
  protected final void run(Session session) {
    long start = nowMillis();
    if (!session.contains(MqttComponents.CONNECTION_ATTR)) {
      ko(session, start, start, "not-connected", requestName + " before any connect");
      return;
    }
    run(session, components.connectionOf(session), start);
  }

  /**
   * Does the action on {@code user}'s connection, the request having started at {@code startMillis} (Gatling's
   * clock); same contract as {@link MqttAction#run(Session)}.
   */
  protected abstract void run(Session session, UserConnection user, long startMillis);
}
