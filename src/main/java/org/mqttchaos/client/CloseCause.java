package org.mqttchaos.client;

/**
 * Who ended a connection and how, as the connection saw it; lets checkers tell our own drops from the broker's
 * closes. What the close of an established connection was for the run's figures (takeover, keep-alive cut...) is
 * decided from this and the run's other facts by the ordered rules of the check package's CloseKind.
 */
public enum CloseCause {
  /** We sent DISCONNECT, then closed. */
  GRACEFUL_BY_CLIENT,
  /**
   * We sent DISCONNECT with reason 0x04 (Disconnect with Will Message, MQTT 5), then closed: the broker must publish
   * the will, as after an abrupt close.
   */
  GRACEFUL_WITH_WILL_BY_CLIENT,
  /** We closed without DISCONNECT, with a FIN. */
  ABRUPT_FIN_BY_CLIENT,
  /** We closed without DISCONNECT, with a RST (SO_LINGER 0). */
  ABRUPT_RST_BY_CLIENT,
  /** The broker closed an established connection, by FIN or reset (takeover, keep-alive, its own decision). */
  BY_BROKER,
  /** We closed because no CONNACK came in time, or the connect attempt failed. */
  CONNECT_FAILED,
  /**
   * The broker sent bytes that are not a valid MQTT packet (one that failed to decode, or larger than the client
   * accepts): the client closed the connection without DISCONNECT.
   */
  PROTOCOL_ERROR,
  /** An unexpected exception in the client itself (a harness bug): it closed the connection. */
  ERROR;

  /** True when the close was ours on purpose (graceful or abrupt), not something that happened to us. */
  public boolean byClient() {
    return graceful() || this == ABRUPT_FIN_BY_CLIENT || this == ABRUPT_RST_BY_CLIENT;
  }

  /** True when we sent DISCONNECT (with or without the will) before closing. */
  public boolean graceful() {
    return this == GRACEFUL_BY_CLIENT || this == GRACEFUL_WITH_WILL_BY_CLIENT;
  }
}
