package org.mqttchaos.dsl;

import io.gatling.javaapi.core.ActionBuilder;
import java.time.Duration;
import java.util.function.Function;
import org.mqttchaos.gatling.MqttActionBuilder;

/** Immutable builder of the actions that take no parameter but a name: disconnect, disconnectWithWill, goSilent,
 * awaitBrokerClose, awaitKeepAliveCut. */
public final class SimpleActionBuilder implements ActionBuilder {
  private final String name;
  private final Function<String, MqttActionBuilder> build;

  private SimpleActionBuilder(String name, Function<String, MqttActionBuilder> build) {
    this.name = name;
    this.build = build;
  }

  static SimpleActionBuilder disconnect() {
    return new SimpleActionBuilder("disconnect", MqttActionBuilder::disconnect);
  }

  static SimpleActionBuilder disconnectWithWill() {
    return new SimpleActionBuilder("disconnect with will", MqttActionBuilder::disconnectWithWill);
  }

  static SimpleActionBuilder goSilent() {
    return new SimpleActionBuilder("go silent", MqttActionBuilder::goSilent);
  }

  static SimpleActionBuilder awaitClose(Duration timeout) {
    return new SimpleActionBuilder("await broker close", n -> MqttActionBuilder.awaitClose(n, timeout));
  }

  static SimpleActionBuilder awaitKeepAliveCut(Duration tolerance) {
    return new SimpleActionBuilder("await keep-alive cut", n -> MqttActionBuilder.awaitKeepAliveCut(n, tolerance));
  }

  /** Request name in Gatling's report. */
  public SimpleActionBuilder name(String newName) {
    return new SimpleActionBuilder(newName, build);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return build.apply(name);
  }
}
