package org.mqttchaos.engine;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.mqttchaos.dsl.MqttDsl.connect;
import static org.mqttchaos.dsl.MqttDsl.disconnect;
import static org.mqttchaos.dsl.MqttDsl.dropConnection;
import static org.mqttchaos.dsl.MqttDsl.mqtt;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import org.mqttchaos.dsl.ConnectActionBuilder;
import org.mqttchaos.profile.BrokerSettings;
import org.mqttchaos.profile.LoadSettings;
import org.mqttchaos.profile.Leave;
import org.mqttchaos.profile.Profile;

/**
 * The Gatling simulation behind {@code mqtt-chaos run}: builds one scenario from the installed
 * {@link SimulationPlan} with the project's own DSL. Each user connects with its planned client ID and
 * session kind, holds, reconnects once if it is persistent (to check session present), then leaves.
 */
public final class ProfileSimulation extends Simulation {
  public ProfileSimulation() {
    SimulationPlan plan = SimulationPlan.current();
    Profile profile = plan.profile();
    LoadSettings load = profile.load();
    BrokerSettings broker = profile.broker();

    ConnectActionBuilder connect = connect()
        .clientId(s -> s.getString(PlanFeeder.CLIENT_ID))
        .cleanSession(s -> s.getBoolean(PlanFeeder.CLEAN))
        .keepAlive(load.keepAlive())
        .sessionExpiry(profile.sessions().sessionExpiry());

    ChainBuilder leave = load.leave() == Leave.ABRUPT
        ? exec(dropConnection().rst().name("leave abrupt"))
        : exec(disconnect().name("leave"));

    ScenarioBuilder scenario = scenario(profile.name())
        .feed(new PlanFeeder(plan.users()))
        .exec(connect.name("connect"))
        .exitHereIfFailed()
        .pause(load.hold())
        .doIf(s -> profile.sessions().reconnectPersistent() && !s.getBoolean(PlanFeeder.CLEAN)).then(
            exec(disconnect().name("disconnect before reconnect"), connect.name("reconnect"))
                .exitHereIfFailed())
        .exec(leave);

    var protocol = mqtt()
        .broker(plan.brokerHost(), plan.brokerPort())
        .mqttVersion(broker.mqttVersion().label())
        .connectTimeout(broker.connectTimeout())
        .sourceAddresses(broker.sourceAddresses().toArray(String[]::new));
    if (broker.username() != null) {
      protocol = protocol.credentials(broker.username(), broker.password());
    }

    setUp(scenario.injectOpen(injection(load)))
        .protocols(protocol)
        .maxDuration(maxDuration(profile));
  }

  private static OpenInjectionStep injection(LoadSettings load) {
    return switch (load.injection()) {
      case AT_ONCE -> atOnceUsers(load.clients());
      case RAMP -> rampUsers(load.clients()).during(load.rampDuration());
      // rampUsers over clients/rate gives exactly `clients` users at `rate` per second.
      case RATE -> rampUsers(load.clients()).during(Duration.ofNanos((long) (load.clients() * 1e9 / load.rate())));
    };
  }

  /** A bound on the whole run, so it stops by itself even if a broker never answers. */
  static Duration maxDuration(Profile profile) {
    LoadSettings load = profile.load();
    Duration injection = switch (load.injection()) {
      case AT_ONCE -> Duration.ZERO;
      case RAMP -> load.rampDuration();
      case RATE -> Duration.ofNanos((long) (load.clients() * 1e9 / load.rate()));
    };
    Duration connectBound = profile.broker().connectTimeout().multipliedBy(4);
    return injection.plus(load.hold()).plus(connectBound).plus(Duration.ofSeconds(30));
  }
}
