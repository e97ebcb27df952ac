package org.mqttchaos.profile;

import java.time.Duration;

/**
 * The share of clients that set a will, its QoS, and its topic ({clientId} is replaced per client).
 *
 * @param delay          MQTT 5 Will Delay Interval, whole seconds; zero for none
 * @param delayTolerance how much earlier than the close + delay a will may arrive before it counts as early
 */
public record WillSettings(double ratio, int qos, String topic, Duration delay, Duration delayTolerance) {
  /** Without Will Delay Interval, with the default tolerance of 1 s. */
  public WillSettings(double ratio, int qos, String topic) {
    this(ratio, qos, topic, Duration.ZERO, Duration.ofSeconds(1));
  }
}
