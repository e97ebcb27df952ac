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
    java.util.function.BiFunction<Session, Integer, Will> will,
    Duration sessionExpiry) {

  /** The CONNECT of connection attempt {@code attempt} (a will payload may name the attempt). */
  ConnectOptions options(Session session, MqttProtocol protocol, int attempt) {
    boolean clean = cleanSession.apply(session);
    return new ConnectOptions(
        clientId.apply(session),
        clean,
        (int) keepAlive.toSeconds(),
        protocol.username(),
        protocol.password(),
        will.apply(session, attempt),
        clean ? 0 : sessionExpiry.toSeconds());
  }
}
