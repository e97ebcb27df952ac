package org.mqttchaos.metrics;

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

  public static final List<String> ALL =
      List.of(TCP_CONNECT, CONNECT, CONNECT_FIRST, CONNECT_RECONNECT, CONNECT_CLEAN, CONNECT_PERSISTENT, START_LAG);

  private MetricNames() {}
}
