package org.mqttchaos.client;

/**
 * Why a connect attempt ended before an accepting CONNACK, by the stage it failed in: exactly one per failed
 * attempt, on its {@link ConnectionEvent.Closed} event. The names summary.json counts them under are the summary
 * schema's (summary.FailedBy); this is the connection's own view of them.
 */
public enum ConnectFailure {
  /** TCP: the broker's address refused the connect (nothing listens on the port). */
  TCP_REFUSED,
  /** TCP: not established within the connect timeout. */
  TCP_TIMEOUT,
  /** TCP: any other failure to open the socket (no local port, unreachable, too many open files). */
  TCP_ERROR,
  /** TLS: the broker's certificate has no chain to a trusted CA. */
  TLS_UNTRUSTED,
  /** TLS: the broker's certificate has expired or is not yet valid. */
  TLS_EXPIRED,
  /** TLS: the broker's certificate does not name the host (or broker.tls.serverName). */
  TLS_HOSTNAME,
  /** TLS: the broker asked for a client certificate and the client had none. */
  TLS_CLIENT_CERT_REQUIRED,
  /** TLS: the broker refused the client certificate the client presented. */
  TLS_CLIENT_CERT_REFUSED,
  /** TLS: the client had no device certificate of its own (deviceCerts.dir without its files). */
  TLS_DEVICE_CERT_MISSING,
  /** TLS: no protocol version in common. */
  TLS_PROTOCOL,
  /** TLS: no cipher suite in common. */
  TLS_CIPHER,
  /** TLS: the broker closed the connection during the handshake (often: not a TLS port). */
  TLS_CLOSED,
  /** TLS: the handshake did not finish within the connect timeout. */
  TLS_TIMEOUT,
  /** TLS: the broker's port answered with bytes that are no TLS record (a plain MQTT or WebSocket port). */
  TLS_NOT_TLS_PORT,
  /** TLS: any other handshake failure. */
  TLS_OTHER,
  /** WebSocket: the upgrade got no 101 (a 404, another status, a close before the answer). */
  WS_REFUSED,
  /** WebSocket: no 101 within the connect timeout. */
  WS_TIMEOUT,
  /** MQTT: the transport was up, no CONNACK within the connect timeout. */
  CONNACK_TIMEOUT,
  /** MQTT: a CONNACK with a non-zero return or reason code. */
  CONNACK_REFUSED,
  /** MQTT: the broker closed (or reset) the connection after the transport was up, before CONNACK. */
  CLOSED_BEFORE_CONNACK,
  /** The client ended the attempt itself before CONNACK (a planned drop, the run's end). */
  CLIENT_ABORTED,
  /** MQTT: the broker sent bytes that are not a valid MQTT packet before CONNACK (one that did not decode). */
  PROTOCOL_ERROR,
  /** An unexpected exception in the client itself before CONNACK (a harness bug). */
  ERROR
}
