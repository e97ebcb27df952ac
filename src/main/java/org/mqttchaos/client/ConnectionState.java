package org.mqttchaos.client;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a {@link MqttConnection} is in its life, and the one place that says what each state allows: which
 * states may follow it ({@link #canMoveTo}), whether packets from the broker are taken ({@link #reads}), whether
 * the client writes ({@link #writes}). A test reads the edges listed below and holds them against the table.
 *
 * <p>Each connect attempt runs the machine once and ends with exactly one Closed event; these are its edges:
 * <pre>
 * DISCONNECTED    -> TCP_CONNECTING   connect()
 * TCP_CONNECTING  -> MQTT_CONNECTING  TCP established; CONNECT is written next
 * TCP_CONNECTING  -> DISCONNECTED     TCP refused or timed out, closeAbruptly(): Closed(CONNECT_FAILED, or the abort's)
 * MQTT_CONNECTING -> CONNECTED        CONNACK 0
 * MQTT_CONNECTING -> CLOSING          CONNACK != 0, no CONNACK in time, DISCONNECT, error, closeAbruptly()
 * MQTT_CONNECTING -> DISCONNECTED     the broker closed before CONNACK: Closed(CONNECT_FAILED)
 * CONNECTED       -> SILENT           goSilent()
 * CONNECTED       -> CLOSING          disconnect(), closeAbruptly(), DISCONNECT from the broker, error
 * CONNECTED       -> DISCONNECTED     the broker closed the socket: Closed(BY_BROKER)
 * SILENT          -> CLOSING          disconnect(), closeAbruptly(), DISCONNECT from the broker, error
 * SILENT          -> DISCONNECTED     the broker closed the socket: Closed(BY_BROKER)
 * CLOSING         -> DISCONNECTED     the channel closed: Closed(the cause decided when the close began)
 * </pre>
 */
public enum ConnectionState {
  /** No socket; the only state that may start a connect attempt. */
  DISCONNECTED,
  /** Socket connect under way. */
  TCP_CONNECTING,
  /** TCP up, CONNECT written, waiting for CONNACK. */
  MQTT_CONNECTING,
  /** CONNACK accepted: pings, publishes, subscribes, acknowledges. */
  CONNECTED,
  /** Connected but writing nothing at all, PINGREQ and acknowledgements included, until the broker cuts it. */
  SILENT,
  /** A close has begun; waiting for the channel to close. */
  CLOSING;

  private static final Map<ConnectionState, Set<ConnectionState>> EDGES = Map.of(
      DISCONNECTED, EnumSet.of(TCP_CONNECTING),
      TCP_CONNECTING, EnumSet.of(MQTT_CONNECTING, DISCONNECTED),
      MQTT_CONNECTING, EnumSet.of(CONNECTED, CLOSING, DISCONNECTED),
      CONNECTED, EnumSet.of(SILENT, CLOSING, DISCONNECTED),
      SILENT, EnumSet.of(CLOSING, DISCONNECTED),
      CLOSING, EnumSet.of(DISCONNECTED));

  /** The states this one may move to. */
  public Set<ConnectionState> next() {
    return EDGES.get(this);
  }

  public boolean canMoveTo(ConnectionState next) {
    return EDGES.get(this).contains(next);
  }

  /** An accepting CONNACK was read and the connection has not begun to close. */
  public boolean established() {
    return this == CONNECTED || this == SILENT;
  }

  /** Packets after CONNACK (PUBLISH, PINGRESP, acknowledgements) are taken: while established or closing. */
  public boolean reads() {
    return established() || this == CLOSING;
  }

  /** The client writes packets of its own accord (pings, acknowledgements): CONNECTED only, never SILENT. */
  public boolean writes() {
    return this == CONNECTED;
  }
}
