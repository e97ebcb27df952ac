package org.mqttchaos.gatling;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectResult;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.run.RunScope;

/**
 * A virtual user's connection and how to build the CONNECT of a later attempt (a reconnect repeats the last
 * connect, with a fresh will payload). Its events go to the run's event stream. Lives in the user's session;
 * touched only on the user's event loop.
 */
public final class UserConnection {
  private final MqttConnection connection;
  private final RunScope run;
  private IntFunction<ConnectOptions> optionsForAttempt;

  UserConnection(MqttConnection connection, RunScope run) {
    this.connection = connection;
    this.run = run;
  }

  public MqttConnection connection() {
    return connection;
  }

  /** True before the user's first connect attempt. */
  boolean neverConnected() {
    return connection.attempt().number() < 0;
  }

  /** Starts a connect attempt with the given options builder, remembering it for reconnects. */
  CompletableFuture<ConnectResult> connect(IntFunction<ConnectOptions> options) {
    optionsForAttempt = options;
    return reconnect();
  }

  /** Repeats the last connect with a new run-wide attempt id, so a will payload names its own attempt. */
  CompletableFuture<ConnectResult> reconnect() {
    return connection.connect(optionsForAttempt.apply(run.nextAttemptId()));
  }
}
