package org.mqttchaos.dsl;

import io.gatling.javaapi.core.ActionBuilder;
import java.nio.charset.StandardCharsets;
import org.mqttchaos.gatling.MqttActionBuilder;

/** Immutable builder of a publish action; see {@link MqttDsl#publish(String)}. */
public final class PublishActionBuilder implements ActionBuilder {
  private final String name;
  private final String topic;
  private final byte[] payload;
  private final int qos;
  private final boolean retain;

  PublishActionBuilder(String name, String topic, byte[] payload, int qos, boolean retain) {
    this.name = name;
    this.topic = topic;
    this.payload = payload;
    this.qos = qos;
    this.retain = retain;
  }

  /** UTF-8 payload. */
  public PublishActionBuilder payload(String text) {
    return payload(text.getBytes(StandardCharsets.UTF_8));
  }

  public PublishActionBuilder payload(byte[] bytes) {
    return new PublishActionBuilder(name, topic, bytes.clone(), qos, retain);
  }

  /** QoS 0 (default), 1 or 2: QoS 1 waits for PUBACK, QoS 2 for PUBCOMP (PUBREC and PUBREL between). */
  public PublishActionBuilder qos(int newQos) {
    if (newQos < 0 || newQos > 2) {
      throw new IllegalArgumentException("publish QoS must be 0, 1 or 2, got " + newQos);
    }
    return new PublishActionBuilder(name, topic, payload, newQos, retain);
  }

  public PublishActionBuilder retain(boolean newRetain) {
    return new PublishActionBuilder(name, topic, payload, qos, newRetain);
  }

  /** Request name in Gatling's report (default "publish"). */
  public PublishActionBuilder name(String newName) {
    return new PublishActionBuilder(newName, topic, payload, qos, retain);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    String t = topic;
    byte[] p = payload;
    return MqttActionBuilder.publish(name, s -> t, s -> p, qos, retain);
  }
}
