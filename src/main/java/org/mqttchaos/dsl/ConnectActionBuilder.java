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
      s -> "mqttchaos-" + s.userId(), s -> true, Duration.ofSeconds(30), null, 0, Duration.ofMinutes(5));

  private final String name;
  private final Function<Session, String> clientId;
  private final Function<Session, Boolean> cleanSession;
  private final Duration keepAlive;
  private final Function<Session, String> willTopic;
  private final int willQos;
  private final Duration sessionExpiry;

  private ConnectActionBuilder(String name, Function<Session, String> clientId, Function<Session, Boolean> cleanSession,
      Duration keepAlive, Function<Session, String> willTopic, int willQos, Duration sessionExpiry) {
    this.name = name;
    this.clientId = clientId;
    this.cleanSession = cleanSession;
    this.keepAlive = keepAlive;
    this.willTopic = willTopic;
    this.willQos = willQos;
    this.sessionExpiry = sessionExpiry;
  }

  /** Request name in Gatling's report (default "connect"). */
  public ConnectActionBuilder name(String newName) {
    return new ConnectActionBuilder(newName, clientId, cleanSession, keepAlive, willTopic, willQos, sessionExpiry);
  }

  public ConnectActionBuilder clientId(String id) {
    return clientId(s -> id);
  }

  /** Client ID from the session; default "mqttchaos-" + user id. Give two users one ID to make them collide. */
  public ConnectActionBuilder clientId(Function<Session, String> id) {
    return new ConnectActionBuilder(name, id, cleanSession, keepAlive, willTopic, willQos, sessionExpiry);
  }

  public ConnectActionBuilder cleanSession(boolean clean) {
    return cleanSession(s -> clean);
  }

  /** Clean session (3.1.1) / clean start (5); false asks for a persistent session. Default true. */
  public ConnectActionBuilder cleanSession(Function<Session, Boolean> clean) {
    return new ConnectActionBuilder(name, clientId, clean, keepAlive, willTopic, willQos, sessionExpiry);
  }

  /** Keep-alive in CONNECT; PINGREQ goes out when nothing else was sent for this long. Default 30 s. */
  public ConnectActionBuilder keepAlive(Duration interval) {
    return new ConnectActionBuilder(name, clientId, cleanSession, interval, willTopic, willQos, sessionExpiry);
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
    return new ConnectActionBuilder(name, clientId, cleanSession, keepAlive, topic, qos, sessionExpiry);
  }

  /** MQTT 5 session expiry interval of persistent sessions. Default 5 minutes. */
  public ConnectActionBuilder sessionExpiry(Duration expiry) {
    return new ConnectActionBuilder(name, clientId, cleanSession, keepAlive, willTopic, willQos, expiry);
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
        sessionExpiry));
  }
}
