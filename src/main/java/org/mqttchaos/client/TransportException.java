package org.mqttchaos.client;

import java.io.IOException;

/**
 * A transport that did not come up (or a TLS alert right after it did), with the stage it failed in. The message
 * says what happened and what to change, e.g. "TLS handshake failed: the broker's certificate is not trusted
 * ...: set broker.tls.caFile to the CA that signed it". An IOException, so a connection that sees one after its
 * dial treats it as a lost connection, not a harness error. No stack trace: thousands fail alike in a
 * misconfigured run, and the message says all.
 */
public final class TransportException extends IOException {
  private final TransportStage stage;
  private final ConnectFailure failure;

  public TransportException(TransportStage stage, ConnectFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.stage = stage;
    this.failure = failure;
  }

  public TransportStage stage() {
    return stage;
  }

  /** Why, as summary.json counts it (connects.failedBy). */
  public ConnectFailure failure() {
    return failure;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
