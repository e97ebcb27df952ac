package org.mqttchaos.summary;

import java.util.List;

/**
 * Names of the latency histograms; each is written as {@code <name>.hlog} (HdrHistogram interval log,
 * values in microseconds, one interval per second) in the results folder.
 */
public final class MetricNames {
  /** Socket connect start to established. */
  public static final String TCP_CONNECT = "tcp-connect";
  /** CONNECT written to CONNACK read, every successful connect. */
  public static final String CONNECT = "connect";
  /** ... first connect of a virtual user. */
  public static final String CONNECT_FIRST = "connect-first";
  /** ... every later connect (reconnects). */
  public static final String CONNECT_RECONNECT = "connect-reconnect";
  /** ... clean-session connects. */
  public static final String CONNECT_CLEAN = "connect-clean";
  /** ... persistent-session connects. */
  public static final String CONNECT_PERSISTENT = "connect-persistent";
  /** Scheduled start of a virtual user to its connect action running: the harness's own lag. */
  public static final String START_LAG = "start-lag";
  /** Time between two consecutive flaps (unsolicited closes) of one client ID. */
  public static final String FLAP_INTERVAL = "flap-interval";
  /** A newer CONNACK for a client ID to the broker closing the older connection (takeover close delay). */
  public static final String TAKEOVER_CLOSE = "takeover-close";
  /** Last packet a silent client sent to the broker closing it. */
  public static final String KEEPALIVE_DETECTION = "keepalive-detection";
  /** Close of a will-client (abrupt or keep-alive cut) to its will message received by the observer. */
  public static final String WILL_DELAY = "will-delay";
  /** A flapping client ID's first flap to its calm point; see check.FlapTracker. */
  public static final String TIME_TO_CALM = "time-to-calm";
  /** Mass drop to the dropped clients connected again. */
  public static final String RECOVERY = "recovery";
  /** CONNECT to CONNACK of the reconnects of clients dropped by a mass drop: latency during the storm. */
  public static final String CONNECT_RECOVERY = "connect-recovery";

  /** A periodic task on each Gatling event loop: when it ran minus when it was due. The harness's own load. */
  public static final String LOOP_LAG = "loop-lag";

  /** TCP established to TLS finished, full handshakes (mqtts://, wss://). */
  public static final String TLS_HANDSHAKE = "tls-handshake";
  /** ... handshakes that resumed an earlier TLS session. */
  public static final String TLS_HANDSHAKE_RESUMED = "tls-handshake-resumed";
  /** The stage before (TLS finished, or TCP established for ws://) to the WebSocket upgrade's 101. */
  public static final String WS_UPGRADE = "ws-upgrade";

  /** A stamped message's planned instant (its MessageStamp) to its arrival at a subscriber. */
  public static final String DELIVERY = "delivery";
  /** A QoS 1 PUBLISH written to its PUBACK read. */
  public static final String PUBACK = "puback";
  /** A QoS 2 PUBLISH written to its PUBCOMP read. */
  public static final String PUBCOMP = "pubcomp";

  public static final List<String> ALL =
      List.of(TCP_CONNECT, CONNECT, CONNECT_FIRST, CONNECT_RECONNECT, CONNECT_CLEAN, CONNECT_PERSISTENT, START_LAG,
          FLAP_INTERVAL, TAKEOVER_CLOSE, KEEPALIVE_DETECTION, WILL_DELAY, TIME_TO_CALM, RECOVERY, CONNECT_RECOVERY,
          LOOP_LAG, TLS_HANDSHAKE, TLS_HANDSHAKE_RESUMED,
          WS_UPGRADE, DELIVERY, PUBACK, PUBCOMP);

  private MetricNames() {}
}
