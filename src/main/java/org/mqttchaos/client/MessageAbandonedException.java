package org.mqttchaos.client;

/**
 * How the future of a QoS 1/2 publish completes when the client gives the message up unacknowledged because its
 * session is gone: the connection of a clean session (3.1.1 clean session = 1, MQTT 5 Session Expiry Interval 0)
 * closed, or a reconnect's CONNACK said session present = 0, or the owner ended the session
 * ({@link MqttConnection#abandonSession}). The broker may or may not have delivered the message; a
 * {@link ConnectionEvent.MessageAbandoned} event says so to the run. The message names the packet identifier and
 * why the session is gone.
 */
public final class MessageAbandonedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public MessageAbandonedException(String message) {
    super(message);
  }
}
