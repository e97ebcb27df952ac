package org.mqttchaos.dsl;

import io.gatling.javaapi.core.ActionBuilder;
import org.mqttchaos.gatling.MqttActionBuilder;

/** Immutable builder of a subscribe action; see {@link MqttDsl#subscribe(String)}. */
public final class SubscribeActionBuilder implements ActionBuilder {
  private final String name;
  private final String topicFilter;
  private final int qos;

  SubscribeActionBuilder(String name, String topicFilter, int qos) {
    this.name = name;
    this.topicFilter = topicFilter;
    this.qos = qos;
  }

  /** Requested QoS, 0 to 2 (default 0). */
  public SubscribeActionBuilder qos(int newQos) {
    if (newQos < 0 || newQos > 2) {
      throw new IllegalArgumentException("QoS must be 0, 1 or 2, got " + newQos);
    }
    return new SubscribeActionBuilder(name, topicFilter, newQos);
  }

  /** Request name in Gatling's report (default "subscribe"). */
  public SubscribeActionBuilder name(String newName) {
    return new SubscribeActionBuilder(newName, topicFilter, qos);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    String filter = topicFilter;
    return MqttActionBuilder.subscribe(name, s -> filter, qos);
  }
}
