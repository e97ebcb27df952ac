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
    UserConnection user = connectionOrKo(session, start);
    if (user != null) {
      okWhenDone(user.connection().publish(topic.apply(session), payload.apply(session), qos, retain), session, start);
    }
  }
}
