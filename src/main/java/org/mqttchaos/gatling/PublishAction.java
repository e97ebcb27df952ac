package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * PUBLISH; QoS 0 is OK once written, QoS 1 once PUBACK arrives, QoS 2 once PUBCOMP arrives. When the connection
 * closes first, the action is KO and the user moves on: a persistent session keeps the message and resends it
 * after a resumption, but the scenario does not wait for that.
 */
final class PublishAction extends ConnectedAction {
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
  protected void run(Session session, UserConnection user, long start) {
    var connection = user.connection();
    var acknowledged = connection.publish(topic.apply(session), payload.apply(session), qos, retain);
    var closedFirst = connection.closed().thenCompose(closed -> CompletableFuture.<Void>failedFuture(
        new IllegalStateException("connection closed before the acknowledgement came")));
    okWhenDone(acknowledged.applyToEither(closedFirst, v -> v), session, start);
  }
}
