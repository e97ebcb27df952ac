package org.mqttchaos.profile;

import java.time.Duration;

/**
 * The publish/subscribe load of a profile (the {@code messages:} section). Roles are shares of the clients, drawn
 * from the seed: a client may publish, subscribe, both or neither; backend subscribers are extra clients.
 *
 * @param publishers   share of the clients that publish, 0 to 1
 * @param subscribers  share of the clients that subscribe to {@code filter}, 0 to 1
 * @param topic        the topic each publisher publishes to; placeholders {@code {clientId}} (the publisher's
 *                     client ID), {@code {publisher}} (its publisher index, 0-based) and {@code {peer}} (the client ID
 *                     of the next subscribing client, in plan order) are replaced per publisher
 * @param filter       the subscribing clients' topic filter; {@code {clientId}} is replaced by the subscriber's ID
 * @param rate         messages per second of each publisher (open model: each message is due at its planned
 *                     instant, whether or not the previous one was acknowledged)
 * @param payloadSize  bytes of each payload, at least client.MessageStamp.SIZE
 * @param qos          QoS of every PUBLISH, 0 to 2
 * @param subscribeQos QoS every subscription asks for, 0 to 2
 * @param retainRatio  share of each publisher's messages sent with RETAIN, spread evenly over its sequence
 * @param backend      the backend subscribers
 */
public record MessageSettings(double publishers, double subscribers, String topic, String filter, double rate,
    int payloadSize, int qos, int subscribeQos, double retainRatio, Backend backend) {

  /**
   * Extra subscriber clients beside the load's clients, such as the services that read devices' telemetry.
   *
   * @param subscribers    how many, 0 for none
   * @param filter         their topic filter ({@code {clientId}} replaced by each one's ID)
   * @param clientIdPrefix their client IDs are the run's prefix, this, and their number (0-based)
   * @param cleanSession   false (the default): persistent sessions, whose messages wait for them while they are away
   * @param lead           they start this long before the first device, so they are subscribed before any message
   * @param linger         they stay this long after the last device's hold ends, so messages in flight arrive
   * @param dropped        how many of them (the first ones: numbers 0 to dropped - 1) drop at {@code abruptDrop}
   *                       instead of chaos.abruptDrop; 0 to {@code subscribers}
   * @param abruptDrop     the Poisson drops of those {@code dropped} (messages.backend.abruptDrop)
   */
  public record Backend(int subscribers, String filter, String clientIdPrefix, boolean cleanSession, Duration lead,
      Duration linger, int dropped, AbruptDrop abruptDrop) {}

  /** No messages at all: the profile only connects, holds and leaves. */
  public boolean none() {
    return publishers == 0 && subscribers == 0 && backend.subscribers() == 0;
  }
}
