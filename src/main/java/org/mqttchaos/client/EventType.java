package org.mqttchaos.client;

/** What happened on one connection; see {@link ConnectionEvent} for which fields each type fills. */
public enum EventType {
  /** Socket connect started (bind + connect issued). */
  TCP_CONNECT_STARTED,
  /** TCP established. */
  TCP_CONNECTED,
  /** TCP connect failed or timed out; detail says why. */
  TCP_CONNECT_FAILED,
  /** CONNECT written to the socket. */
  CONNECT_SENT,
  /** CONNACK read: code = return/reason code, sessionPresent set. */
  CONNACK_RECEIVED,
  /** No CONNACK within the connect timeout; the connection is closed right after. */
  CONNACK_TIMEOUT,
  PINGREQ_SENT,
  PINGRESP_RECEIVED,
  /** SUBACK read: code = first granted QoS (or failure code 0x80). */
  SUBACK_RECEIVED,
  /** PUBLISH written: detail = topic, code = QoS. */
  PUBLISH_SENT,
  /** PUBACK read for one of our QoS 1 publishes. */
  PUBACK_RECEIVED,
  /** PUBLISH read from the broker: detail = topic, code = QoS; payload in {@link ConnectionEvent#payload()}. */
  PUBLISH_RECEIVED,
  /** DISCONNECT written by us (graceful close). */
  DISCONNECT_SENT,
  /** DISCONNECT read from the broker (MQTT 5): code = reason code (0x8E takeover, 0x8D keep-alive timeout...). */
  DISCONNECT_RECEIVED,
  /** Client stopped sending anything, PINGREQ included (chaos: keep-alive expiry). */
  SILENCED,
  /** The TCP connection ended; closeCause says who ended it and how. */
  CLOSED,
  /** Something the connection's state did not expect (a packet, a call); detail says what. Recorded, then ignored. */
  UNEXPECTED
}
