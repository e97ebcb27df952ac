package org.mqttchaos.dsl;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.function.Function;
import org.mqttchaos.gatling.MqttActionBuilder;
import org.mqttchaos.gatling.MqttComponents;

/**
 * Entry point of the MQTT DSL for Gatling simulations written in Java:
 * <pre>{@code
 * import static org.mqttchaos.dsl.MqttDsl.*;
 *
 * ScenarioBuilder devices = scenario("devices")
 *     .exec(connect().clientId(s -> "device-" + s.userId()).cleanSession(false).keepAlive(Duration.ofSeconds(30)))
 *     .exec(subscribe("commands/#").qos(1))
 *     .exec(publish("telemetry").payload("hello").qos(1))
 *     .pause(10)
 *     .exec(dropConnection().rst());           // vanish without DISCONNECT
 * setUp(devices.injectOpen(rampUsers(1000).during(10))).protocols(mqtt().broker("127.0.0.1", 1883));
 * }</pre>
 * Every builder is immutable: each call returns a new one. Every action reports OK or KO to Gatling and
 * always passes the virtual user on.
 */
public final class MqttDsl {
  /**
   * Session attribute a feeder may set to the System.nanoTime at which a user was due to start; the
   * first connect then records start-lag, the harness's own delay, so a saturated harness is not
   * mistaken for a slow broker.
   */
  public static final String SCHEDULED_START_NANOS = MqttComponents.SCHEDULED_NANOS_ATTR;

  /** Session attribute holding a user's planned faults (an org.mqttchaos.chaos.UserChaos). */
  public static final String PLANNED_FAULTS = MqttComponents.FAULTS_ATTR;

  /** Session attribute holding a user's own seed (a long) for reconnect jitter. */
  public static final String USER_SEED = MqttComponents.SEED_ATTR;

  private MqttDsl() {}

  /**
   * The protocol: broker address, MQTT version, connect timeout, source addresses, credentials, will
   * observer. Without {@code .broker(...)} it points at the broker {@code mqtt-chaos simulate} was given.
   */
  public static MqttProtocolBuilder mqtt() {
    return MqttProtocolBuilder.defaults();
  }

  /** CONNECT, then wait for CONNACK (bounded by the protocol's connect timeout). Also used to reconnect. */
  public static ConnectActionBuilder connect() {
    return ConnectActionBuilder.DEFAULT;
  }

  /** SUBSCRIBE to a topic filter and wait for SUBACK ({@code {clientId}} is replaced by the user's client ID). */
  public static SubscribeActionBuilder subscribe(String topicFilter) {
    return subscribe(s -> topicFilter);
  }

  /** SUBSCRIBE to a topic filter taken from the session. */
  public static SubscribeActionBuilder subscribe(Function<Session, String> topicFilter) {
    return new SubscribeActionBuilder("subscribe", topicFilter, 0, false);
  }

  /**
   * Stamped messages to publish over a hold ({@code hold(...).publishing(...)}): each payload starts with a
   * {@link org.mqttchaos.client.MessageStamp} (publisher index, sequence, planned instant), so the run counts them
   * published, acknowledged and delivered and times their delivery from the plan. {@code {clientId}} in the topic is
   * replaced by the user's client ID. Defaults: 1 message/s, QoS 0, 64 bytes, no RETAIN, publisher index = Gatling's
   * user id - 1.
   */
  public static StampedMessagesBuilder stampedMessages(String topic) {
    return stampedMessages(s -> topic);
  }

  /** As {@link #stampedMessages(String)}, the topic taken from the session. */
  public static StampedMessagesBuilder stampedMessages(Function<Session, String> topic) {
    return StampedMessagesBuilder.of(topic);
  }

  /** PUBLISH to a topic. */
  public static PublishActionBuilder publish(String topic) {
    return new PublishActionBuilder("publish", topic, new byte[0], 0, false);
  }

  /** Graceful leave: DISCONNECT, then close. */
  public static SimpleActionBuilder disconnect() {
    return SimpleActionBuilder.disconnect();
  }

  /**
   * Graceful leave that asks for the will (MQTT 5 only): DISCONNECT with reason code 0x04 (Disconnect with Will
   * Message), then close. The broker must publish the will (after its Will Delay Interval, if any), and the run's
   * will checker expects it. KO on an MQTT 3.1.1 connection, which has no DISCONNECT reason codes.
   */
  public static SimpleActionBuilder disconnectWithWill() {
    return SimpleActionBuilder.disconnectWithWill();
  }

  /** Chaos: end TCP with no DISCONNECT, as a device that loses power. {@code .fin()} or {@code .rst()}. */
  public static DropActionBuilder dropConnection() {
    return DropActionBuilder.DEFAULT;
  }

  /** Chaos: stop sending anything, PINGREQ included, and keep TCP open until the broker's keep-alive cuts it. */
  public static SimpleActionBuilder goSilent() {
    return SimpleActionBuilder.goSilent();
  }

  /**
   * Stay connected for {@code duration}. With {@code .reconnect(...)} the user reconnects after every close
   * it did not ask for, as client libraries do; with {@code .withPlannedFaults()} it also suffers the faults
   * planned for it.
   */
  public static HoldActionBuilder hold(Duration duration) {
    return new HoldActionBuilder("hold", duration, null, false);
  }

  /** Wait until the broker closes this user's connection, at most {@code timeout}; KO if it did not. */
  public static SimpleActionBuilder awaitBrokerClose(Duration timeout) {
    return SimpleActionBuilder.awaitClose(timeout);
  }

  /**
   * Wait until the broker cuts this user's silent connection (after {@code goSilent()} or a planned silence): OK once
   * it is closed for any cause (keep-alive cut, takeover), KO "timeout" past 1.5 x the keep-alive in force (the
   * broker's Server Keep Alive if it set one) + {@code tolerance} + 5 s. A user whose connection is not silent (its
   * silence fell due while it was down) goes on at once without a request.
   */
  public static SimpleActionBuilder awaitKeepAliveCut(Duration tolerance) {
    return SimpleActionBuilder.awaitKeepAliveCut(tolerance);
  }

  /**
   * Ends the user through Gatling's exit in batches per event loop, at most 10 ms late: put it last in a
   * scenario whose users come and go by the thousand per second, so Gatling's injector thread wakes once per
   * batch instead of once per user.
   */
  public static ActionBuilder exitInBatches() {
    return MqttActionBuilder::exitInBatches;
  }
}
