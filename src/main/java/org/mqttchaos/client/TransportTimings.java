package org.mqttchaos.client;

import io.netty.util.AttributeKey;

/**
 * When each transport stage of one connect attempt finished, filled by the pipeline on the connection's event
 * loop and kept on the channel ({@link #KEY}); {@link TransportObserver} gets it when the transport is ready or
 * failed. All instants are System.nanoTime; 0 means the stage did not happen (or not yet).
 *
 * <p>Stages: TCP connect started -> TCP established -> TLS finished (tls/wss) -> 101 received (ws/wss) -> ready.
 * Single writer: only the channel's event loop writes; read it there, or after {@link #ready()} or a failure.
 */
public final class TransportTimings {
  /** The channel attribute holding an attempt's timings. */
  public static final AttributeKey<TransportTimings> KEY = AttributeKey.valueOf("mqttchaos.transportTimings");

  private final String clientId;
  private final long tcpStartNanos;
  private long tcpConnectedNanos;
  private long tlsDoneNanos;
  private boolean tlsResumed;
  private String tlsProtocol;
  private long wsUpgradedNanos;
  private long readyNanos;
  private TransportStage failedStage;
  private String failure;

  TransportTimings(String clientId, long tcpStartNanos) {
    this.clientId = clientId;
    this.tcpStartNanos = tcpStartNanos;
  }

  /** The client ID the transport was dialed for; null when the dialer was not told. */
  public String clientId() {
    return clientId;
  }

  public long tcpStartNanos() {
    return tcpStartNanos;
  }

  public long tcpConnectedNanos() {
    return tcpConnectedNanos;
  }

  public long tlsDoneNanos() {
    return tlsDoneNanos;
  }

  /** The TLS handshake resumed an earlier session (abbreviated handshake). */
  public boolean tlsResumed() {
    return tlsResumed;
  }

  /** "TLSv1.3"; null without TLS. */
  public String tlsProtocol() {
    return tlsProtocol;
  }

  public long wsUpgradedNanos() {
    return wsUpgradedNanos;
  }

  /** When the whole transport was ready for MQTT: the dial completed; 0 if it failed. */
  public long readyNanos() {
    return readyNanos;
  }

  public boolean ready() {
    return readyNanos != 0;
  }

  /** The stage that failed; null if none did. */
  public TransportStage failedStage() {
    return failedStage;
  }

  /** What failed and what to change; null if nothing did. */
  public String failure() {
    return failure;
  }

  /** TCP established -> TLS finished; -1 without TLS. */
  public long tlsHandshakeNanos() {
    return tlsDoneNanos == 0 ? -1 : tlsDoneNanos - tcpConnectedNanos;
  }

  /** The end of the stage before (TLS finished, or TCP established for ws://) -> 101 received; -1 without it. */
  public long wsUpgradeNanos() {
    return wsUpgradedNanos == 0 ? -1 : wsUpgradedNanos - (tlsDoneNanos != 0 ? tlsDoneNanos : tcpConnectedNanos);
  }

  /** TCP connect start -> TCP established; -1 if TCP never came up. */
  public long tcpConnectNanos() {
    return tcpConnectedNanos == 0 ? -1 : tcpConnectedNanos - tcpStartNanos;
  }

  void tcpConnected(long now) {
    tcpConnectedNanos = now;
  }

  void tlsDone(long now, String protocol, boolean resumed) {
    tlsDoneNanos = now;
    tlsProtocol = protocol;
    tlsResumed = resumed;
  }

  void wsUpgraded(long now) {
    wsUpgradedNanos = now;
  }

  void ready(long now) {
    readyNanos = now;
  }

  void failed(TransportStage stage, String why) {
    failedStage = stage;
    failure = why;
  }

  @Override
  public String toString() {
    return "TransportTimings[" + clientId + " tcp=" + tcpConnectNanos() + "ns tls=" + tlsHandshakeNanos()
        + "ns" + (tlsResumed ? " resumed" : "") + " ws=" + wsUpgradeNanos() + "ns"
        + (failedStage == null ? "" : " failed " + failedStage + ": " + failure) + "]";
  }
}
