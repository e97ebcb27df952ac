package org.mqttchaos.dsl;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.function.Function;
import org.mqttchaos.gatling.ConnectSpec;
import org.mqttchaos.gatling.MqttActionBuilder;

/** Immutable builder of a connect action; see {@link MqttDsl#connect()}. */
public final class ConnectActionBuilder implements ActionBuilder {
  static final ConnectActionBuilder DEFAULT = new ConnectActionBuilder("connect",
      s -> "mqttchaos-" + s.userId(), s -> true, Duration.ofSeconds(30), null, 0, Duration.ofMinutes(5), Duration.ZERO);

  private final String name;
  private final Function<Session, String> clientId;
  private final Function<Session, Boolean> cleanSession;
  private final Duration keepAlive;
  private final Function<Session, String> willTopic;
  private final int willQos;
  private final Duration sessionExpiry;
  private final Duration willDelay;

  private ConnectActionBuilder(String name, Function<Session, String> clientId, Function<Session, Boolean> cleanSession,
      Duration keepAlive, Function<Session, String> willTopic, int willQos, Duration sessionExpiry, Duration willDelay) {
    this.name = name;
    this.clientId = clientId;
    this.cleanSession = cleanSession;
    this.keepAlive = keepAlive;
    this.willTopic = willTopic;
    this.willQos = willQos;
    this.sessionExpiry = sessionExpiry;
    this.willDelay = willDelay;
  }

  /** Request name in Gatling's report (default "connect"). */
  public ConnectActionBuilder name(String newName) {
    return new ConnectActionBuilder(newName, clientId, cleanSession, keepAlive, willTopic, willQos, sessionExpiry, willDelay);
  }

  public ConnectActionBuilder clientId(String id) {
    return clientId(s -> id);
  }

  /** Client ID from the session; default "mqttchaos-" + user id. Give two users one ID to make them collide. */
  public ConnectActionBuilder clientId(Function<Session, String> id) {
    return new ConnectActionBuilder(name, id, cleanSession, keepAlive, willTopic, willQos, sessionExpiry, willDelay);
  }

  public ConnectActionBuilder cleanSession(boolean clean) {
    return cleanSession(s -> clean);
  }

  /** Clean session (3.1.1) / clean start (5); false asks for a persistent session. Default true. */
  public ConnectActionBuilder cleanSession(Function<Session, Boolean> clean) {
    return new ConnectActionBuilder(name, clientId, clean, keepAlive, willTopic, willQos, sessionExpiry, willDelay);
  }

  /** Keep-alive in CONNECT; PINGREQ goes out when nothing else was sent for this long. Default 30 s. */
  public ConnectActionBuilder keepAlive(Duration interval) {
    return new ConnectActionBuilder(name, clientId, cleanSession, interval, willTopic, willQos, sessionExpiry, willDelay);
  }

  /**
   * A will on this topic ({@code {clientId}} is replaced) with a payload naming the client and the
   * connection attempt, so the run's will checker can tell which close each will answers.
   */
  public ConnectActionBuilder will(String topic, int qos) {
    return will(s -> topic, qos);
  }

  /** A will whose topic comes from the session; a null topic means this user sets no will. */
  public ConnectActionBuilder will(Function<Session, String> topic, int qos) {
    return new ConnectActionBuilder(name, clientId, cleanSession, keepAlive, topic, qos, sessionExpiry, willDelay);
  }

  /**
   * MQTT 5 Will Delay Interval of the will (whole seconds, up to 4294967295 s; default none): the broker publishes
   * the will this long after an abrupt close (or DISCONNECT 0x04), or when the session ends if sooner (a clean
   * session ends at the close), and not at all if the client comes back with its session meanwhile. The run's will
   * checker judges it (findings {@code will-early}, {@code will-after-return}, {@code will-missing}).
   *
   * @throws IllegalArgumentException when negative, not whole seconds or larger than 4294967295 s
   */
  public ConnectActionBuilder willDelay(Duration delay) {
    if (delay.isNegative() || delay.toNanos() % 1_000_000_000L != 0 || delay.toSeconds() > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("willDelay: whole seconds from 0s to 4294967295s, got " + delay);
    }
    return new ConnectActionBuilder(name, clientId, cleanSession, keepAlive, willTopic, willQos, sessionExpiry, delay);
  }

  /** MQTT 5 session expiry interval of persistent sessions. Default 5 minutes. */
  public ConnectActionBuilder sessionExpiry(Duration expiry) {
    return new ConnectActionBuilder(name, clientId, cleanSession, keepAlive, willTopic, willQos, expiry, willDelay);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    Function<Session, String> ids = clientId;
    Function<Session, Boolean> clean = cleanSession;
    Function<Session, String> topics = willTopic;
    return MqttActionBuilder.connect(name, new ConnectSpec(
        s -> ids.apply(new Session(s)),
        s -> clean.apply(new Session(s)),
        keepAlive,
        s -> topics == null ? null : topics.apply(new Session(s)),
        willQos,
        sessionExpiry,
        willDelay));
  }
}
