package org.mqttchaos.gatling;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectResult;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.client.Will;
import org.mqttchaos.run.RunScope;

/**
 * A virtual user's connection and how to make the CONNECT of a later attempt: a reconnect repeats the last
 * CONNECT, with a will payload naming its own attempt. Its events go to the run's event stream. Lives in the
 * user's session; touched only on the user's event loop. It keeps no Gatling session of its own.
 */
public final class UserConnection {
  private final MqttConnection connection;
  private final RunScope run;
  /** Subscriptions made again whenever a connect finds no session; null until one is kept. */
  private Map<String, Integer> kept;

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

  /** Starts a connect attempt whose CONNECT {@code options} makes for a run-wide attempt id. */
  CompletableFuture<ConnectResult> connect(IntFunction<ConnectOptions> options) {
    return resubscribing(connection.connect(options.apply(run.nextAttemptId())));
  }

  /**
   * Keeps subscription {@code filter} at {@code qos}: after every later connect the broker answers with session
   * present 0 it is made again, before the connect's future completes. That is every connect of a clean session
   * (its subscriptions ended with the last one), and a persistent session's connect only when the broker holds no
   * session for it (the first, or after the session expired or was lost), so a persistent client subscribes once
   * per session and its subscriptions live on the broker across its reconnects.
   */
  void keep(String filter, int qos) {
    if (kept == null) {
      kept = new LinkedHashMap<>(2);
    }
    kept.put(filter, qos);
  }

  /** True when the user keeps a subscription ({@link #keep}): it is a subscriber. */
  boolean subscribes() {
    return kept != null;
  }

  /** The connect's future, completing after the kept subscriptions were written when the broker had no session. */
  private CompletableFuture<ConnectResult> resubscribing(CompletableFuture<ConnectResult> connect) {
    if (kept == null) {
      return connect;
    }
    return connect.thenApply(result -> {
      if (result.connected() && !result.sessionPresent()) {
        kept.forEach(connection::subscribe);
      }
      return result;
    });
  }

  /**
   * Repeats the last connect with a new run-wide attempt id, so a will payload names its own attempt, and under the
   * client ID in force (an MQTT 5 broker's Assigned Client Identifier, so the session it holds can be resumed).
   */
  CompletableFuture<ConnectResult> reconnect() {
    ConnectOptions last = connection.attempt().options();
    String inForce = connection.attempt().clientId();
    if (!inForce.equals(last.clientId())) {
      last = last.withClientId(inForce);
    }
    Will will = last.will();
    if (will == null) {
      return resubscribing(connection.connect(last));
    }
    byte[] payload = run.wills().payload(last.clientId(), run.nextAttemptId());
    return resubscribing(connection.connect(last.withWill(will.withPayload(payload))));
  }
}
