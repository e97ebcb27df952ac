package org.mqttchaos.client;

import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.List;
import java.util.OptionalInt;

/**
 * One thing that happened on one connect attempt, stamped with {@link System#nanoTime()}. Every packet,
 * state change and close of a {@link MqttConnection} becomes one of these records, each with exactly the
 * fields its kind has; subscribers pattern-match on the kind (the compiler names a switch that forgot one).
 *
 * <p>Every attempt starts with {@link TcpConnectStarted} and ends with exactly one {@link Closed}. Events are
 * emitted on the connection's event loop, in order.
 */
public sealed interface ConnectionEvent {
  /** When it happened, {@link System#nanoTime()}. */
  long nanoTime();

  /** The connect attempt it happened on. */
  Attempt attempt();

  default String clientId() {
    return attempt().clientId();
  }

  /** Socket connect started (bind and connect issued). */
  record TcpConnectStarted(long nanoTime, Attempt attempt) implements ConnectionEvent {}

  /** TCP established; {@code tcpConnectNanos}: since {@link TcpConnectStarted}. */
  record TcpConnected(long nanoTime, Attempt attempt, long tcpConnectNanos) implements ConnectionEvent {}

  /**
   * TLS handshake finished (mqtts://, wss://), after {@link TcpConnected}: {@code handshakeNanos} from TCP
   * established; {@code resumed} when the broker resumed an earlier TLS session (an abbreviated handshake).
   */
  record TlsHandshakeDone(long nanoTime, Attempt attempt, long handshakeNanos, boolean resumed, String protocol)
      implements ConnectionEvent {}

  /** WebSocket upgrade answered with 101 (ws://, wss://): {@code upgradeNanos} from the stage before (TLS or TCP). */
  record WsUpgraded(long nanoTime, Attempt attempt, long upgradeNanos) implements ConnectionEvent {}

  /** TCP connect refused, timed out or aborted; {@link Closed} follows at once. */
  record TcpConnectFailed(long nanoTime, Attempt attempt, String reason) implements ConnectionEvent {}

  /** CONNECT written to the socket. */
  record ConnectSent(long nanoTime, Attempt attempt) implements ConnectionEvent {}

  /**
   * CONNACK read. {@code code}: return code (3.1.1) or reason code (5), 0 accepted; {@code connectNanos}: since
   * {@link ConnectSent}; {@code properties}: MQTT 5 CONNACK properties (empty for 3.1.1).
   * {@code reconnect}: the connection had been connected before, in an earlier attempt.
   */
  record ConnAckReceived(long nanoTime, Attempt attempt, int code, boolean sessionPresent, long connectNanos,
      boolean reconnect, MqttProperties properties) implements ConnectionEvent {
    public boolean accepted() {
      return code == 0;
    }
  }

  /** No CONNACK within the connect timeout; the connection is closed right after. */
  record ConnAckTimeout(long nanoTime, Attempt attempt, String reason) implements ConnectionEvent {}

  record PingReqSent(long nanoTime, Attempt attempt) implements ConnectionEvent {}

  record PingRespReceived(long nanoTime, Attempt attempt) implements ConnectionEvent {}

  /** SUBACK read: one granted QoS or failure code (0x80, or an MQTT 5 reason >= 0x80) per topic filter. */
  record SubAckReceived(long nanoTime, Attempt attempt, int packetId, List<Integer> reasonCodes)
      implements ConnectionEvent {}

  /** SUBSCRIBE written: one topic filter at the requested QoS, under {@code packetId}; SUBACK answers it. */
  record SubscribeSent(long nanoTime, Attempt attempt, int packetId, String topicFilter, int qos)
      implements ConnectionEvent {}

  /**
   * PUBLISH written; {@code packetId} 0 for QoS 0. {@code payload}: the bytes sent (the caller's array, not a copy;
   * the harness's messages start with a {@link MessageStamp}).
   */
  record PublishSent(long nanoTime, Attempt attempt, int packetId, String topic, int qos, boolean retain,
      byte[] payload) implements ConnectionEvent {}

  /**
   * PUBLISH written again with DUP set ([MQTT-3.3.1-1]) on resuming a persistent session (CONNACK session present =
   * 1): the message was sent on an earlier attempt, as {@link PublishSent}, and no PUBACK (QoS 1) or PUBREC (QoS 2)
   * came for it. Same packet identifier, topic and payload as the first time (MQTT 3.1.1 section 4.4); {@code attempt}
   * is the resuming one. Resent messages go out in their original order, before any new PUBLISH.
   */
  record PublishResent(long nanoTime, Attempt attempt, int packetId, String topic, int qos, boolean retain,
      byte[] payload) implements ConnectionEvent {}

  /**
   * PUBREL written again on resuming a persistent session (CONNACK session present = 1): the broker's PUBREC for our
   * QoS 2 message came on an earlier attempt, its PUBCOMP did not (MQTT 3.1.1 section 4.4).
   */
  record PubRelResent(long nanoTime, Attempt attempt, int packetId) implements ConnectionEvent {}

  /**
   * The client gave up one of its QoS 1/2 messages unacknowledged because the session it was sent in is gone: the
   * connection of a clean session closed (3.1.1 clean session = 1, MQTT 5 Session Expiry Interval 0), a reconnect's
   * CONNACK said session present = 0, or the owner ended the session. The broker may or may not have delivered it:
   * a loss of it is expected, not the broker's fault. Its publish future fails with
   * {@link MessageAbandonedException}.
   *
   * @param packetId the identifier it was sent under (free again from now on)
   * @param payload  the bytes sent (the caller's array; a harness message starts with a {@link MessageStamp})
   * @param released QoS 2 only: PUBREC had come, so the broker had taken the message over; false for QoS 1
   * @param reason   why the session is gone, in words
   */
  record MessageAbandoned(long nanoTime, Attempt attempt, int packetId, String topic, int qos, boolean retain,
      byte[] payload, boolean released, String reason) implements ConnectionEvent {}

  /**
   * A QoS 1/2 message taken by {@code publish()} was never written: the queue behind the in-flight window was full
   * (it holds at most 1,000 messages per connection), the connection of a clean session closed (or its owner ended
   * the session) while it waited in that queue, or its owner withdrew what still waited (the harness does at a
   * publisher's hold end), or its write failed because the connection closed under it. Its publish future fails with the
   * same {@code reason} (a failed write: with the write's cause). {@code payload}: the caller's array.
   *
   * @param cause  which of those, for counting; {@code reason} says it in words
   */
  record PublishNotSent(long nanoTime, Attempt attempt, String topic, int qos, boolean retain, byte[] payload,
      Cause cause, String reason) implements ConnectionEvent {
    /** Why a queued message was never written. */
    public enum Cause {
      /** The queue behind the in-flight window was full when it was published. */
      QUEUE_FULL,
      /** Its session ended (a clean session's connection closed, or the owner abandoned the session). */
      SESSION_ENDED,
      /** The owner withdrew the messages still waiting for the window ({@code MqttConnection.withdrawQueued}). */
      WITHDRAWN,
      /** Its PUBLISH was handed to the connection but the write failed: the connection closed under it. */
      WRITE_FAILED
    }
  }

  /** UNSUBSCRIBE written: one topic filter, under {@code packetId}; UNSUBACK answers it. */
  record UnsubscribeSent(long nanoTime, Attempt attempt, int packetId, String topicFilter)
      implements ConnectionEvent {}

  /**
   * UNSUBACK read: the subscription has ended from here on. {@code reasonCodes}: MQTT 5's, one per topic filter (0
   * success, 0x11 no subscription existed, >= 0x80 failure); empty for 3.1.1, whose UNSUBACK carries none.
   */
  record UnsubAckReceived(long nanoTime, Attempt attempt, int packetId, List<Integer> reasonCodes)
      implements ConnectionEvent {}

  /** PUBACK read for one of our QoS 1 publishes. */
  record PubAckReceived(long nanoTime, Attempt attempt, int packetId) implements ConnectionEvent {}

  /** PUBREC read for one of our QoS 2 publishes; PUBREL is written next. */
  record PubRecReceived(long nanoTime, Attempt attempt, int packetId) implements ConnectionEvent {}

  /** PUBCOMP read: our QoS 2 publish is complete. */
  record PubCompReceived(long nanoTime, Attempt attempt, int packetId) implements ConnectionEvent {}

  /** PUBREL read for a QoS 2 message the broker sent us; PUBCOMP is written next. */
  record PubRelReceived(long nanoTime, Attempt attempt, int packetId) implements ConnectionEvent {}

  /**
   * PUBLISH read from the broker, once per message: a QoS 2 redelivery of a packet id still awaiting PUBREL is not
   * reported again. {@code packetId} 0 for QoS 0.
   */
  record PublishReceived(long nanoTime, Attempt attempt, int packetId, String topic, int qos, boolean retain,
      boolean duplicate, byte[] payload) implements ConnectionEvent {}

  /**
   * A PUBLISH or SUBSCRIBE the client refused to send, because the broker's CONNACK rules it out (Maximum QoS, Retain
   * Available, Maximum Packet Size, Wildcard or Shared Subscription Available): nothing was written, and the call's
   * future failed with {@code reason}.
   *
   * @param packet "PUBLISH" or "SUBSCRIBE"
   * @param limit  the CONNACK property that rules it out, as summary.json's broker.overrides names it
   * @param reason in words, with the values and the spec rule
   */
  record RefusedLocally(long nanoTime, Attempt attempt, String packet, String limit, String reason)
      implements ConnectionEvent {}

  /** DISCONNECT written by us (graceful close). */
  record DisconnectSent(long nanoTime, Attempt attempt) implements ConnectionEvent {}

  /**
   * DISCONNECT read from the broker (MQTT 5): 0x8E session taken over, 0x8D keep-alive timeout...
   * {@code lastSentNanos}: when the client last wrote a packet on this attempt ({@link System#nanoTime()}), so a
   * keep-alive timeout can be judged from it.
   */
  record DisconnectReceived(long nanoTime, Attempt attempt, int reasonCode, MqttProperties properties,
      long lastSentNanos) implements ConnectionEvent {}

  /**
   * The client stopped sending anything, PINGREQ included (chaos: keep-alive expiry); its last write was at
   * {@code lastSentNanos}.
   */
  record Silenced(long nanoTime, Attempt attempt, long lastSentNanos) implements ConnectionEvent {}

  /**
   * The attempt ended: its TCP connection closed, or never came up. Exactly one per attempt.
   *
   * @param cause            who ended it and how
   * @param detail           in words, for logs and KO messages
   * @param from             the state the connection was in when the close began
   * @param connectedNanos   how long it had been connected (accepting CONNACK to this close); 0 if never
   * @param disconnectReason the reason code of a DISCONNECT the broker sent before closing, if it sent one
   * @param failure          why an attempt that was never established failed, by stage (TCP, TLS, WebSocket,
   *                         CONNACK); null when it had been established
   */
  record Closed(long nanoTime, Attempt attempt, CloseCause cause, String detail, ConnectionState from,
      long connectedNanos, OptionalInt disconnectReason, ConnectFailure failure) implements ConnectionEvent {
    /** True when the attempt had been accepted by a CONNACK: the close ended a live MQTT connection. */
    public boolean established() {
      return from.established();
    }
  }

  /**
   * A packet or call the connection's state did not expect, recorded and otherwise ignored.
   *
   * @param kind   what came: a packet type ("PUBACK") or a call ("connect()"), for counting
   * @param detail in words, with the packet id where there is one
   * @param state  the state that did not expect it
   */
  record Unexpected(long nanoTime, Attempt attempt, String kind, String detail, ConnectionState state)
      implements ConnectionEvent {}
}
