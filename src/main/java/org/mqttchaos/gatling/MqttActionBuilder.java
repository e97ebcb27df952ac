package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.action.builder.ActionBuilder;
import io.gatling.core.structure.ScenarioContext;

/** Builds one MQTT action when Gatling assembles the scenario; the factory says which. */
public final class MqttActionBuilder implements ActionBuilder {
  /** Creates an action given the run's MQTT components and the action that follows it. */
  @FunctionalInterface
  interface Factory {
    Action create(MqttComponents components, Action next);
  }

  private final Factory factory;

  private MqttActionBuilder(Factory factory) {
    this.factory = factory;
  }

  @Override
  public Action build(ScenarioContext ctx, Action next) {
    MqttComponents components = ctx.protocolComponentsRegistry().components(MqttProtocolKey.INSTANCE);
    return factory.create(components, next);
  }

  public static MqttActionBuilder connect(String name, ConnectSpec spec) {
    return new MqttActionBuilder((c, next) -> new ConnectAction(name, spec, c, next));
  }

  public static MqttActionBuilder disconnect(String name) {
    return new MqttActionBuilder((c, next) -> new DisconnectAction(name, c, next));
  }

  /** DISCONNECT with reason 0x04 (Disconnect with Will Message, MQTT 5), then close: the will is owed. */
  public static MqttActionBuilder disconnectWithWill(String name) {
    return new MqttActionBuilder((c, next) -> new DisconnectAction(name, true, c, next));
  }

  public static MqttActionBuilder closeAbruptly(String name, org.mqttchaos.client.AbruptMode mode) {
    return new MqttActionBuilder((c, next) -> new AbruptCloseAction(name, mode, c, next));
  }

  public static MqttActionBuilder subscribe(String name, java.util.function.Function<io.gatling.core.session.Session, String> topic, int qos) {
    return subscribe(name, topic, qos, false);
  }

  /**
   * SUBSCRIBE; with {@code everySession} the subscription is also made again after every later connect the broker
   * answers with session present 0 (see {@link UserConnection#keep}).
   */
  public static MqttActionBuilder subscribe(String name,
      java.util.function.Function<io.gatling.core.session.Session, String> topic, int qos, boolean everySession) {
    return new MqttActionBuilder((c, next) -> new SubscribeAction(name, topic, qos, everySession, c, next));
  }

  public static MqttActionBuilder publish(String name, java.util.function.Function<io.gatling.core.session.Session, String> topic,
      java.util.function.Function<io.gatling.core.session.Session, byte[]> payload, int qos, boolean retain) {
    return new MqttActionBuilder((c, next) -> new PublishAction(name, topic, payload, qos, retain, c, next));
  }

  public static MqttActionBuilder goSilent(String name) {
    return new MqttActionBuilder((c, next) -> new GoSilentAction(name, c, next));
  }

  public static MqttActionBuilder hold(String name, java.time.Duration hold,
      org.mqttchaos.client.ReconnectPolicy policy, boolean plannedFaults) {
    return hold(name, hold, policy, plannedFaults, null);
  }

  /** A hold that publishes stamped messages over its time ({@code publishing} null: none). */
  public static MqttActionBuilder hold(String name, java.time.Duration hold,
      org.mqttchaos.client.ReconnectPolicy policy, boolean plannedFaults, PublishingSpec publishing) {
    return new MqttActionBuilder((c, next) -> new HoldAction(name, hold, policy, plannedFaults, publishing, c, next));
  }

  public static MqttActionBuilder awaitClose(String name, java.time.Duration timeout) {
    return new MqttActionBuilder((c, next) -> new AwaitCloseAction(name, timeout, c, next));
  }

  /** See {@link AwaitCloseAction#keepAliveCut}. */
  public static MqttActionBuilder awaitKeepAliveCut(String name, java.time.Duration tolerance) {
    return new MqttActionBuilder((c, next) -> AwaitCloseAction.keepAliveCut(name, tolerance, c, next));
  }

  /** See {@link BatchedExit}; needs no MQTT protocol. */
  public static ActionBuilder exitInBatches() {
    return new ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        return new BatchedExit(next);
      }
    };
  }
}
