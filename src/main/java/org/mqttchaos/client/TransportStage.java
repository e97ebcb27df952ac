package org.mqttchaos.client;

/** The stages a connection's transport comes up in, each of which can fail on its own. */
public enum TransportStage {
  /** TCP connect to the broker. */
  TCP,
  /** TLS handshake: trust, hostname, client certificate. */
  TLS,
  /** WebSocket upgrade: the HTTP request until 101 Switching Protocols. */
  WS
}
