package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import java.util.function.Function;

/**
 * SUBSCRIBE and wait for SUBACK; a failure code (0x80 or above) is a KO. {@code {clientId}} in the filter is
 * replaced by the connection's client ID. With {@code everySession} the user keeps the subscription: it is made
 * again after every later connect that finds no session on the broker ({@link UserConnection#keep}).
 */
final class SubscribeAction extends ConnectedAction {
  private final Function<Session, String> topicFilter;
  private final int qos;
  private final boolean everySession;

  SubscribeAction(String requestName, Function<Session, String> topicFilter, int qos, boolean everySession,
      MqttComponents components, Action next) {
    super(requestName, components, next);
    this.topicFilter = topicFilter;
    this.qos = qos;
    this.everySession = everySession;
  }

  @Override
  protected void run(Session session, UserConnection user, long start) {
    String filter = topicFilter.apply(session).replace("{clientId}", user.connection().attempt().clientId());
    if (everySession) {
      user.keep(filter, qos);
    }
    user.connection().subscribe(filter, qos).whenComplete((granted, error) -> {
      if (error != null) {
        ko(session, start, nowMillis(), "error", error.getMessage());
      } else if (granted >= 0x80) {
        ko(session, start, nowMillis(), Integer.toString(granted), "subscription refused");
      } else {
        ok(session, start, nowMillis());
      }
    });
  }
}
