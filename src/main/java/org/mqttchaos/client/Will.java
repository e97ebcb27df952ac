package org.mqttchaos.client;

/**
 * A will message set in CONNECT: published by the broker when the connection ends without DISCONNECT (or with
 * DISCONNECT reason 0x04, MQTT 5).
 *
 * @param delaySeconds MQTT 5 Will Delay Interval in seconds (0 to 2^32-1; 0 sends none): the broker publishes the
 *                     will this long after the close, or when the session ends if sooner, and not at all if the
 *                     client resumes its session meanwhile ([MQTT-3.1.3-9], section 3.1.3.2). Ignored for 3.1.1.
 */
public record Will(String topic, byte[] payload, int qos, boolean retain, long delaySeconds) {
  public Will {
    if (delaySeconds < 0 || delaySeconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("Will Delay Interval must be 0 to 4294967295 s, was " + delaySeconds);
    }
  }

  /** A will without Will Delay Interval: published at the close. */
  public Will(String topic, byte[] payload, int qos, boolean retain) {
    this(topic, payload, qos, retain, 0);
  }

  /** The same will with another payload (a reconnect's will names its own attempt). */
  public Will withPayload(byte[] other) {
    return new Will(topic, other, qos, retain, delaySeconds);
  }
}
