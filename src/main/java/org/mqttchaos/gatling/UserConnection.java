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
  private final RunContext run;
  private IntFunction<ConnectOptions> optionsForAttempt;

  UserConnection(MqttConnection connection, ConnectionTracker tracker, RunContext run) {
    this.connection = connection;
    this.tracker = tracker;
    this.run = run;
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

  /** Repeats the last connect with a new run-wide attempt id, so a will payload names its own attempt. */
  java.util.concurrent.CompletableFuture<org.mqttchaos.client.ConnectResult> reconnect() {
    int attempt = run.nextAttemptId();
    ConnectOptions options = optionsForAttempt.apply(attempt);
    tracker.connecting(options, attempt);
    return connection.connect(options);
  }
}
