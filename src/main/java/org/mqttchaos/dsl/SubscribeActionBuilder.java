package org.mqttchaos.dsl;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import java.util.function.Function;
import org.mqttchaos.gatling.MqttActionBuilder;

/**
 * Immutable builder of a subscribe action; see {@link MqttDsl#subscribe(String)}. {@code {clientId}} in the filter
 * is replaced by the user's client ID.
 */
public final class SubscribeActionBuilder implements ActionBuilder {
  private final String name;
  private final Function<Session, String> topicFilter;
  private final int qos;
  private final boolean everySession;

  SubscribeActionBuilder(String name, Function<Session, String> topicFilter, int qos, boolean everySession) {
    this.name = name;
    this.topicFilter = topicFilter;
    this.qos = qos;
    this.everySession = everySession;
  }

  /**
   * Keep the subscription: made now, and again after every later connect (the hold's reconnects included) that the
   * broker answers with session present 0, i.e. every connect of a clean session and a persistent session's first.
   * A persistent session's subscriptions live on the broker, so it subscribes once per session.
   */
  public SubscribeActionBuilder everySession() {
    return new SubscribeActionBuilder(name, topicFilter, qos, true);
  }

  /** Requested QoS, 0 to 2 (default 0). */
  public SubscribeActionBuilder qos(int newQos) {
    if (newQos < 0 || newQos > 2) {
      throw new IllegalArgumentException("QoS must be 0, 1 or 2, got " + newQos);
    }
    return new SubscribeActionBuilder(name, topicFilter, newQos, everySession);
  }

  /** Request name in Gatling's report (default "subscribe"). */
  public SubscribeActionBuilder name(String newName) {
    return new SubscribeActionBuilder(newName, topicFilter, qos, everySession);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    Function<Session, String> filter = topicFilter;
    return MqttActionBuilder.subscribe(name, s -> filter.apply(new Session(s)), qos, everySession);
  }
}
