package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import java.util.function.Function;

/** PUBLISH; QoS 0 is OK once written, QoS 1 once PUBACK arrives. */
final class PublishAction extends MqttAction {
  private final Function<Session, String> topic;
  private final Function<Session, byte[]> payload;
  private final int qos;
  private final boolean retain;

  PublishAction(String requestName, Function<Session, String> topic, Function<Session, byte[]> payload, int qos,
      boolean retain, MqttComponents components, Action next) {
    super(requestName, components, next);
    this.topic = topic;
    this.payload = payload;
    this.qos = qos;
    this.retain = retain;
  }

  @Override
  protected void run(Session session) {
    long start = nowMillis();
    if (!session.contains(MqttComponents.CONNECTION_ATTR)) {
      ko(session, start, start, "not-connected", "publish before any connect");
      return;
    }
    components.connectionOf(session).connection()
        .publish(topic.apply(session), payload.apply(session), qos, retain)
        .whenComplete((v, error) -> {
          if (error != null) {
            ko(session, start, nowMillis(), "error", error.getMessage());
          } else {
            ok(session, start, nowMillis());
          }
        });
  }
}
