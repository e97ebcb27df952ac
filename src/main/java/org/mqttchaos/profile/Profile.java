package org.mqttchaos.profile;

import java.util.List;
import java.util.Objects;

/**
 * A validated load-and-chaos profile: everything the engine needs to build and replay a run.
 * Built only by {@link ProfileLoader}, which fills every default and checks every rule.
 */
public record Profile(
    String name,
    String description,
    long seed,
    BrokerSettings broker,
    LoadSettings load,
    SessionSettings sessions,
    CollisionSettings collisions,
    ReconnectSettings reconnect,
    ChaosSettings chaos,
    WillSettings will,
    MessageSettings messages,
    List<String> assertions) {

  public Profile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(collisions, "collisions");
    Objects.requireNonNull(reconnect, "reconnect");
    Objects.requireNonNull(chaos, "chaos");
    Objects.requireNonNull(will, "will");
    Objects.requireNonNull(messages, "messages");
    description = description == null ? "" : description;
    assertions = List.copyOf(assertions);
  }
}
