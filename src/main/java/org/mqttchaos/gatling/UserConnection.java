package org.mqttchaos.gatling;

import java.util.function.IntFunction;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.MqttConnection;

/**
 * A virtual user's connection, the tracker that turns its events into metrics and checks, and how to
 * build the CONNECT of a later attempt (a reconnect repeats the last connect, with a fresh will payload).
 * Lives in the user's session; touched only on the user's event loop.
 */
public final class UserConnection {
  private final MqttConnection connection;
  private final ConnectionTracker tracker;
  private IntFunction<ConnectOptions> optionsForAttempt;

  UserConnection(MqttConnection connection, ConnectionTracker tracker) {
    this.connection = connection;
    this.tracker = tracker;
  }

  public MqttConnection connection() {
    return connection;
  }

  ConnectionTracker tracker() {
    return tracker;
  }

  /** Starts a connect attempt with the given options builder, remembering it for reconnects. */
  java.util.concurrent.CompletableFuture<org.mqttchaos.client.ConnectResult> connect(
      IntFunction<ConnectOptions> options) {
    optionsForAttempt = options;
    return reconnect();
  }

  /** Repeats the last connect (the attempt id is the next one, so a will payload names it). */
  java.util.concurrent.CompletableFuture<org.mqttchaos.client.ConnectResult> reconnect() {
    ConnectOptions options = optionsForAttempt.apply(connection.connectionId() + 1);
    tracker.connecting(options);
    return connection.connect(options);
  }
}
