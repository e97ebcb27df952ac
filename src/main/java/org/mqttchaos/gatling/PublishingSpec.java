package org.mqttchaos.gatling;

import io.gatling.core.session.Session;
import java.util.function.Function;

/**
 * What a publishing hold sends: stamped messages at a rate, each payload {@code new MessageStamp(publisher,
 * sequence, plannedNanos).encode(payloadSize)}; see {@link MessagePublisher}.
 *
 * @param topic        the user's topic; {@code {clientId}} is replaced by the connection's client ID
 * @param publisher    the user's run-wide publisher index; negative: this user does not publish
 * @param rate         messages per second, > 0
 * @param qos          0, 1 or 2
 * @param payloadSize  bytes, at least MessageStamp.SIZE
 * @param retainRatio  share of the messages sent with RETAIN, 0 to 1, spread evenly over the sequence
 */
public record PublishingSpec(Function<Session, String> topic, Function<Session, Integer> publisher, double rate,
    int qos, int payloadSize, double retainRatio) {}
