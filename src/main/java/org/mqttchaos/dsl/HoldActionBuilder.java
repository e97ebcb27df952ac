package org.mqttchaos.dsl;

import io.gatling.javaapi.core.ActionBuilder;
import java.time.Duration;
import org.mqttchaos.client.ReconnectPolicy;
import org.mqttchaos.gatling.MqttActionBuilder;

/** Immutable builder of a hold; see {@link MqttDsl#hold(Duration)}. */
public final class HoldActionBuilder implements ActionBuilder {
  private final String name;
  private final Duration hold;
  private final ReconnectPolicy policy;
  private final boolean plannedFaults;
  private final StampedMessagesBuilder publishing;

  HoldActionBuilder(String name, Duration hold, ReconnectPolicy policy, boolean plannedFaults) {
    this(name, hold, policy, plannedFaults, null);
  }

  private HoldActionBuilder(String name, Duration hold, ReconnectPolicy policy, boolean plannedFaults,
      StampedMessagesBuilder publishing) {
    this.name = name;
    this.hold = hold;
    this.policy = policy;
    this.plannedFaults = plannedFaults;
    this.publishing = publishing;
  }

  /**
   * Publish stamped messages over the hold, at their planned instants, while connected; see
   * {@link MqttDsl#stampedMessages(String)}.
   */
  public HoldActionBuilder publishing(StampedMessagesBuilder messages) {
    return new HoldActionBuilder(name, hold, policy, plannedFaults, messages);
  }

  /**
   * Reconnect after every close the user did not ask for (takeover, keep-alive cut, a drop), waiting
   * {@code initialDelay} x {@code multiplier}^n (capped at {@code maxDelay}, +/- {@code jitter}) before
   * attempt n. A multiplier of 1 is a fixed period, as MQTT.js's default: users sharing an ID then flap.
   */
  public HoldActionBuilder reconnect(Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {
    return new HoldActionBuilder(name, hold,
        new ReconnectPolicy(initialDelay, maxDelay, multiplier, jitter), plannedFaults, publishing);
  }

  /**
   * Inject the faults a feeder planned for this user (session attribute {@link MqttDsl#PLANNED_FAULTS});
   * the engine of {@code mqtt-chaos run} uses this.
   */
  public HoldActionBuilder withPlannedFaults() {
    return new HoldActionBuilder(name, hold, policy, true, publishing);
  }

  /** Request name in Gatling's report (default "hold"). */
  public HoldActionBuilder name(String newName) {
    return new HoldActionBuilder(newName, hold, policy, plannedFaults, publishing);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return MqttActionBuilder.hold(name, hold, policy, plannedFaults,
        publishing == null ? null : publishing.spec());
  }
}
