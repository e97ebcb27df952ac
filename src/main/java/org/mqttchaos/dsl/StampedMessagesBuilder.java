package org.mqttchaos.dsl;

import io.gatling.javaapi.core.Session;
import java.util.function.Function;
import org.mqttchaos.client.MessageStamp;
import org.mqttchaos.gatling.PublishingSpec;

/**
 * Immutable description of the stamped messages a hold publishes; see {@link MqttDsl#stampedMessages(String)} and
 * {@link HoldActionBuilder#publishing}. Message k of a hold is due at the hold's start + k / rate (open model: due
 * whether or not the previous one was acknowledged); one due while the user is not connected is skipped and counted
 * as notSent.
 */
public final class StampedMessagesBuilder {
  private final Function<Session, String> topic;
  private final Function<Session, Integer> publisher;
  private final double rate;
  private final int qos;
  private final int payloadSize;
  private final double retainRatio;

  private StampedMessagesBuilder(Function<Session, String> topic, Function<Session, Integer> publisher, double rate,
      int qos, int payloadSize, double retainRatio) {
    this.topic = topic;
    this.publisher = publisher;
    this.rate = rate;
    this.qos = qos;
    this.payloadSize = payloadSize;
    this.retainRatio = retainRatio;
  }

  static StampedMessagesBuilder of(Function<Session, String> topic) {
    return new StampedMessagesBuilder(topic, s -> (int) s.userId() - 1, 1.0, 0, 64, 0.0);
  }

  /** Messages per second, more than 0. */
  public StampedMessagesBuilder rate(double perSecond) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate must be > 0 messages per second, got " + perSecond);
    }
    return new StampedMessagesBuilder(topic, publisher, perSecond, qos, payloadSize, retainRatio);
  }

  /** QoS 0 (default), 1 or 2. */
  public StampedMessagesBuilder qos(int newQos) {
    if (newQos < 0 || newQos > 2) {
      throw new IllegalArgumentException("publish QoS must be 0, 1 or 2, got " + newQos);
    }
    return new StampedMessagesBuilder(topic, publisher, rate, newQos, payloadSize, retainRatio);
  }

  /** Bytes per payload, at least {@link MessageStamp#SIZE} (default 64). */
  public StampedMessagesBuilder payloadSize(int bytes) {
    if (bytes < MessageStamp.SIZE) {
      throw new IllegalArgumentException("payload size must be at least " + MessageStamp.SIZE
          + " bytes (the message stamp), got " + bytes);
    }
    return new StampedMessagesBuilder(topic, publisher, rate, qos, bytes, retainRatio);
  }

  /** Share of the messages sent with RETAIN, 0 to 1, spread evenly over the sequence (default 0). */
  public StampedMessagesBuilder retainRatio(double ratio) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("retain ratio must be from 0 to 1, got " + ratio);
    }
    return new StampedMessagesBuilder(topic, publisher, rate, qos, payloadSize, ratio);
  }

  /**
   * The user's publisher index, run-wide and unique per publisher (it is in every stamp); a negative index means
   * this user publishes nothing. Default: Gatling's user id - 1.
   */
  public StampedMessagesBuilder publisher(Function<Session, Integer> index) {
    return new StampedMessagesBuilder(topic, index, rate, qos, payloadSize, retainRatio);
  }

  PublishingSpec spec() {
    Function<Session, String> t = topic;
    Function<Session, Integer> p = publisher;
    return new PublishingSpec(s -> t.apply(new Session(s)), s -> p.apply(new Session(s)), rate, qos, payloadSize,
        retainRatio);
  }
}
