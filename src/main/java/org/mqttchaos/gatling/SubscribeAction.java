package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import java.util.function.Function;

/** SUBSCRIBE and wait for SUBACK; a failure code (0x80 or above) is a KO. */
final class SubscribeAction extends MqttAction {
  private final Function<Session, String> topicFilter;
  private final int qos;

  SubscribeAction(String requestName, Function<Session, String> topicFilter, int qos,
      MqttComponents components, Action next) {
    super(requestName, components, next);
    this.topicFilter = topicFilter;
    this.qos = qos;
  }

  @Override
  protected void run(Session session) {
    long start = nowMillis();
    UserConnection user = connectionOrKo(session, start);
    if (user == null) {
      return;
    }
    user.connection().subscribe(topicFilter.apply(session), qos).whenComplete((granted, error) -> {
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
