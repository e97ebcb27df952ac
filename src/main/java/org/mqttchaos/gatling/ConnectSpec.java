package org.mqttchaos.gatling;

import io.gatling.core.session.Session;
import java.time.Duration;
import java.util.function.Function;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.Will;
import org.mqttchaos.run.RunScope;

/**
 * What a connect action sends, each part computed from the virtual user's session so one scenario
 * can give every user its own client ID, session kind and will.
 *
 * @param willTopic the will topic for this user ({clientId} replaced), or null for no will
 * @param willDelay MQTT 5 Will Delay Interval of the will, whole seconds; zero for none
 */
public record ConnectSpec(
    Function<Session, String> clientId,
    Function<Session, Boolean> cleanSession,
    Duration keepAlive,
    Function<Session, String> willTopic,
    int willQos,
    Duration sessionExpiry,
    Duration willDelay) {

  /** A connect whose will (if any) has no Will Delay Interval. */
  public ConnectSpec(Function<Session, String> clientId, Function<Session, Boolean> cleanSession, Duration keepAlive,
      Function<Session, String> willTopic, int willQos, Duration sessionExpiry) {
    this(clientId, cleanSession, keepAlive, willTopic, willQos, sessionExpiry, Duration.ZERO);
  }

  /** The CONNECT of one attempt; a will's payload names the client and the run-wide attempt id. */
  ConnectOptions options(Session session, MqttProtocol protocol, RunScope run, int attempt) {
    boolean clean = cleanSession.apply(session);
    String id = clientId.apply(session);
    String topic = willTopic.apply(session);
    Will will = topic == null ? null
        : new Will(topic.replace("{clientId}", id), run.wills().payload(id, attempt), willQos, false,
            willDelay.toSeconds());
    return new ConnectOptions(id, clean, (int) keepAlive.toSeconds(), protocol.username(), protocol.password(),
        will, clean ? 0 : sessionExpiry.toSeconds());
  }
}
