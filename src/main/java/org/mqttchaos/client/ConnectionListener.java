package org.mqttchaos.client;

/**
 * Receives every {@link ConnectionEvent} of a connection. Called on the connection's event loop:
 * implementations must not block and must be safe to call from several event loops at once.
 */
@FunctionalInterface
public interface ConnectionListener {
  ConnectionListener NONE = event -> {};

  void onEvent(ConnectionEvent event);
}
