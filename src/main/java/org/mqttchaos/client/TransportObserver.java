package org.mqttchaos.client;

/**
 * Told, on the connection's event loop, how each dial's transport came up: once per attempt, when it is ready
 * (before the connection sends CONNECT) or when it failed (before the connection reports the failure). One
 * exception: a TLS 1.3 broker that refuses the client certificate does so after the client's handshake is done,
 * so that attempt is reported ready, then again with {@link TransportTimings#failedStage()} TLS (before the
 * connection reports its close). A run turns these into tls-handshake and ws-upgrade figures and failures by
 * stage. Must not block.
 */
@FunctionalInterface
public interface TransportObserver {
  TransportObserver NONE = timings -> { };

  void onTransport(TransportTimings timings);
}
