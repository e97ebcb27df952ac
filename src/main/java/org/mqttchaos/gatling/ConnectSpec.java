package org.mqttchaos.gatling;

import io.gatling.core.session.Session;
import java.time.Duration;
import java.util.function.Function;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.Will;

/**
 * What a connect action sends, each part computed from the virtual user's session so one scenario
 * can give every user its own client ID, session kind and will.
 */
public record ConnectSpec(
    Function<Session, String> clientId,
    Function<Session, Boolean> cleanSession,
    Duration keepAlive,
    Function<Session, Will> will,
    Duration sessionExpiry) {

  ConnectOptions options(Session session, MqttProtocol protocol) {
    boolean clean = cleanSession.apply(session);
    return new ConnectOptions(
        clientId.apply(session),
        clean,
        (int) keepAlive.toSeconds(),
        protocol.username(),
        protocol.password(),
        will.apply(session),
        clean ? 0 : sessionExpiry.toSeconds());
  }
}
