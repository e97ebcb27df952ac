package org.mqttchaos.engine;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.mqttchaos.dsl.MqttDsl.awaitKeepAliveCut;
import static org.mqttchaos.dsl.MqttDsl.connect;
import static org.mqttchaos.dsl.MqttDsl.disconnect;
import static org.mqttchaos.dsl.MqttDsl.disconnectWithWill;
import static org.mqttchaos.dsl.MqttDsl.dropConnection;
import static org.mqttchaos.dsl.MqttDsl.exitInBatches;
import static org.mqttchaos.dsl.MqttDsl.hold;
import static org.mqttchaos.dsl.MqttDsl.mqtt;
import static org.mqttchaos.dsl.MqttDsl.stampedMessages;
import static org.mqttchaos.dsl.MqttDsl.subscribe;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.tls.ClientTls;
import org.mqttchaos.client.tls.TlsOptions;
import org.mqttchaos.dsl.ConnectActionBuilder;
import org.mqttchaos.dsl.MqttProtocolBuilder;
import org.mqttchaos.dsl.HoldActionBuilder;
import org.mqttchaos.profile.Injection;
import org.mqttchaos.profile.KeepAliveExpiry;
import org.mqttchaos.profile.ReconnectSettings;
import org.mqttchaos.profile.BrokerSettings;
import org.mqttchaos.profile.ChaosSettings;
import org.mqttchaos.profile.LoadSettings;
import org.mqttchaos.profile.Leave;
import org.mqttchaos.profile.MessageSettings;
import org.mqttchaos.profile.Profile;
import org.mqttchaos.run.RunHandOff;
import org.mqttchaos.run.RunPhase;

/**
 * The Gatling simulation behind {@code mqtt-chaos run}: builds one scenario from the installed
 * {@link SimulationPlan} with the project's own DSL. Each user connects with its planned client ID and
 * session kind, subscribes if it is a subscriber, holds (publishing its stamped messages if it is a publisher),
 * reconnects once if it is persistent (to check session present), then leaves. The backend subscribers, when the
 * profile has them, are a second scenario that starts first.
 */
public final class ProfileSimulation extends Simulation {
  public ProfileSimulation() {
    SimulationPlan plan = RunHandOff.plan(SimulationPlan.class);
    PlanFeeder feeder = new PlanFeeder(plan.users(), plan.profile().seed(), RunHandOff.scope()::loadStarts);
    Profile profile = plan.profile();
    LoadSettings load = profile.load();
    BrokerSettings broker = profile.broker();

    String willTopic = profile.will().topic();
    ConnectActionBuilder connect = connect()
        .clientId(s -> PlanFeeder.plan(s).clientId())
        .cleanSession(s -> PlanFeeder.plan(s).cleanSession())
        .keepAlive(load.keepAlive())
        .sessionExpiry(profile.sessions().sessionExpiry())
        .will(s -> PlanFeeder.plan(s).chaos().will() ? willTopic : null, profile.will().qos())
        .willDelay(profile.will().delay());

    MessageSettings messages = profile.messages();
    HoldActionBuilder holding = hold(load.hold()).withPlannedFaults();
    if (messages.publishers() > 0) {
      holding = holding.publishing(stampedMessages(s -> PlanFeeder.plan(s).messages().topic())
          .publisher(s -> PlanFeeder.plan(s).messages().publisher())
          .rate(messages.rate()).qos(messages.qos()).payloadSize(messages.payloadSize())
          .retainRatio(messages.retainRatio()));
    }
    ReconnectSettings reconnect = profile.reconnect();
    if (reconnect.enabled()) {
      holding = holding.reconnect(reconnect.initialDelay(), reconnect.maxDelay(), reconnect.multiplier(), reconnect.jitter());
    }
    KeepAliveExpiry expiry = profile.chaos().keepAliveExpiry();

    ChainBuilder leave = load.leave() == Leave.ABRUPT ? exec(dropConnection().rst().name("leave abrupt"))
        : load.leave() == Leave.GRACEFUL_WITH_WILL ? exec(disconnectWithWill().name("leave with will"))
        : exec(disconnect().name("leave"));

    // The plan is taken on the user's own event loop: Gatling's feed() would hand every user to its feeder
    // actor on another thread and back, two thread wake-ups per user.
    ScenarioBuilder scenario = scenario(profile.name())
        .exec(feeder::assign)
        .exec(connect.name("connect"))
        .exitHereIfFailed();
    if (messages.subscribers() > 0) {
      // Kept: made again after every connect that finds no session (clean sessions: every one, reconnects included).
      scenario = scenario.doIf(s -> PlanFeeder.plan(s).messages().subscribes()).then(exec(
          subscribe(s -> PlanFeeder.plan(s).messages().filter()).qos(messages.subscribeQos()).everySession()
              .name("subscribe")));
    }
    // Steps no user of this profile can take are left out: each is an action per user, and a churn run
    // (hold 0, no chaos, clean sessions) is then just connect and leave.
    if (!holdDoesNothing(profile)) {
      scenario = scenario.exec(holding);
    }
    if (expiry.ratio() > 0) {
      scenario = scenario.doIf(s -> PlanFeeder.plan(s).chaos().silent())
          // until the broker cuts its silent connection, bounded by the keep-alive in force; not silent: at once
          .then(exec(awaitKeepAliveCut(expiry.tolerance()).name("await keep-alive cut")));
    }
    if (profile.sessions().reconnectPersistent() && profile.sessions().cleanRatio() < 1) {
      scenario = scenario.doIf(s -> !PlanFeeder.plan(s).cleanSession()).then(
          exec(disconnect().name("disconnect before reconnect"), connect.name("reconnect"))
              .exitHereIfFailed());
    }
    scenario = scenario.exec(leave, exec(exitInBatches()));

    var protocol = transport(broker, plan)
        .mqttVersion(broker.mqttVersion().label())
        .connectTimeout(broker.connectTimeout())
        .startGrid(load.startGrid())
        .sourceAddresses(broker.sourceAddresses().toArray(String[]::new));
    if (broker.username() != null) {
      protocol = protocol.credentials(broker.username(), broker.password());
    }
    if (profile.will().ratio() > 0) {
      protocol = protocol.observeWills(willTopic.replace("{clientId}", "+"), profile.will().qos());
    }

    // Gatling's ramp runs no user at all when it lasts under a second: place users at their offsets then.
    boolean rampable = load.injection() == Injection.AT_ONCE || injectionTime(load).compareTo(Duration.ofSeconds(1)) >= 0;
    List<OpenInjectionStep> steps = new ArrayList<>();
    Duration lead = messages.backend().subscribers() > 0 ? messages.backend().lead() : Duration.ZERO;
    if (!lead.isZero()) {
      steps.add(nothingFor(lead)); // the backend subscribers first, so they are subscribed before any message
    }
    steps.addAll(plan.shard().whole() && rampable ? List.of(injection(load)) : atPlannedOffsets(plan.users()));
    List<PopulationBuilder> populations = new ArrayList<>(List.of(scenario.injectOpen(steps)));
    if (!plan.backends().isEmpty()) {
      populations.add(backendScenario(profile, plan.backends(), connect).injectOpen(
          atOnceUsers(plan.backends().size())));
    }
    setUp(populations)
        .protocols(protocol)
        .maxDuration(maxDuration(profile));
  }

  /**
   * The backend subscribers (messages.backend): connect at once, subscribe (made again whenever a connect finds no
   * session), hold for {@link #backendHold} with the reconnect policy and their planned drops, then leave
   * gracefully.
   */
  private static ScenarioBuilder backendScenario(Profile profile, List<UserPlan> backends,
      ConnectActionBuilder deviceConnect) {
    PlanFeeder feeder = new PlanFeeder(backends, profile.seed() ^ 0x6261636BL, start -> { }); // ahead of the run
    MessageSettings messages = profile.messages();
    ConnectActionBuilder connect = deviceConnect.will(s -> null, 0).name("backend connect");
    HoldActionBuilder holding = hold(backendHold(profile)).withPlannedFaults().name("backend hold");
    ReconnectSettings reconnect = profile.reconnect();
    if (reconnect.enabled()) {
      holding = holding.reconnect(reconnect.initialDelay(), reconnect.maxDelay(), reconnect.multiplier(),
          reconnect.jitter());
    }
    return scenario(profile.name() + " backend subscribers")
        .exec(feeder::assign)
        .exec(connect)
        .exitHereIfFailed()
        .exec(subscribe(s -> PlanFeeder.plan(s).messages().filter()).qos(messages.subscribeQos()).everySession()
            .name("backend subscribe"))
        .exec(holding)
        .exec(disconnect().name("backend leave"));
  }

  /**
   * How long the backend subscribers stay: messages.backend.lead (the devices start after it), the devices'
   * injection, load.hold and messages.backend.linger, so they are there until the last device's last message arrived.
   */
  public static Duration backendHold(Profile profile) {
    MessageSettings.Backend backend = profile.messages().backend();
    return backend.lead().plus(injectionTime(profile.load())).plus(profile.load().hold()).plus(backend.linger());
  }

  /**
   * The broker's URL (the embedded broker's as it started), and for TLS its settings and a warning in words when
   * the broker's certificate is not verified. Device certificates were made by {@link ProfileRun} before the run's
   * clock started.
   */
  private static MqttProtocolBuilder transport(BrokerSettings broker, SimulationPlan plan) {
    BrokerUrl url = plan.broker().broker();
    MqttProtocolBuilder protocol = mqtt().broker(url.toString());
    if (!url.tls()) {
      return protocol;
    }
    TlsOptions tls = plan.broker().tls() != null ? plan.broker().tls() : broker.tls();
    ClientTls loaded = ClientTls.of(tls);
    if (tls.insecureSkipVerify()) {
      System.out.println("mqtt-chaos: WARNING: the broker's TLS certificate is NOT verified"
          + " (broker.tls.insecureSkipVerify: true): anyone in the path could pose as the broker");
    }
    System.out.println("mqtt-chaos: TLS by " + loaded.providerName() + ", protocols " + tls.protocols()
        + ", resumption " + (tls.resumption() ? "on" : "off"));
    return protocol.tls(tls);
  }

  /**
   * Just before the first user: one full collection, so the plan and everything set up so far are in the old
   * generation. Without it, the young collections of the run's first seconds copied and promoted them while
   * users were due (3-9 ms pauses, where later ones take 1-2 ms), and those users started late.
   */
  @Override
  public void before() {
    System.gc();
  }

  /**
   * The last user ended: the report begins (Gatling's own report, if asked for, then the results folder), so Ctrl-C
   * from here on lets it finish rather than cut it short.
   */
  @Override
  public void after() {
    RunPhase.enter(RunPhase.Phase.REPORT);
    RunPhase.pausePoint(RunPhase.Phase.REPORT);
  }

  /** A zero hold without chaos: the hold action would only schedule a timer that fires at once. */
  private static boolean holdDoesNothing(Profile profile) {
    ChaosSettings chaos = profile.chaos();
    return profile.load().hold().isZero() && chaos.abruptDrop().ratePerMinute() == 0
        && chaos.keepAliveExpiry().ratio() == 0 && chaos.massDrop().isEmpty();
  }

  /** How long injecting every user takes. */
  private static Duration injectionTime(LoadSettings load) {
    return switch (load.injection()) {
      case AT_ONCE -> Duration.ZERO;
      case RAMP -> load.rampDuration();
      case RATE -> Duration.ofNanos((long) (load.clients() * 1e9 / load.rate()));
    };
  }

  private static OpenInjectionStep injection(LoadSettings load) {
    return switch (load.injection()) {
      case AT_ONCE -> atOnceUsers(load.clients());
      case RAMP -> rampUsers(load.clients()).during(load.rampDuration());
      // rampUsers over clients/rate gives exactly `clients` users at `rate` per second.
      case RATE -> rampUsers(load.clients()).during(injectionTime(load));
    };
  }

  /**
   * A shard's injection: each user at its planned offset from the run's start, so that the shards together
   * reproduce the whole profile's arrival curve. Offsets are rounded to the millisecond from the start, not
   * gap by gap, so rounding never accumulates.
   */
  static List<OpenInjectionStep> atPlannedOffsets(List<UserPlan> users) {
    List<OpenInjectionStep> steps = new ArrayList<>();
    long atMillis = 0;
    int i = 0;
    while (i < users.size()) {
      long millis = Math.round(users.get(i).startOffsetNanos() / 1e6);
      int together = 0;
      while (i < users.size() && Math.round(users.get(i).startOffsetNanos() / 1e6) == millis) {
        together++;
        i++;
      }
      if (millis > atMillis) {
        steps.add(nothingFor(Duration.ofMillis(millis - atMillis)));
      }
      steps.add(atOnceUsers(together));
      atMillis = millis;
    }
    return steps;
  }

  /** A bound on the whole run, so it stops by itself even if a broker never answers. */
  static Duration maxDuration(Profile profile) {
    LoadSettings load = profile.load();
    Duration injection = injectionTime(load);
    Duration connectBound = profile.broker().connectTimeout().multipliedBy(4);
    Duration cutBound = load.keepAlive().multipliedBy(2).plus(profile.chaos().keepAliveExpiry().tolerance());
    Duration backend = profile.messages().backend().subscribers() > 0
        ? profile.messages().backend().lead().plus(profile.messages().backend().linger()) : Duration.ZERO;
    return injection.plus(load.hold()).plus(connectBound).plus(cutBound).plus(backend).plus(Duration.ofSeconds(30));
  }
}
