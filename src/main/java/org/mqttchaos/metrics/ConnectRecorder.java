package org.mqttchaos.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.TcpConnectStarted;
import org.mqttchaos.client.ConnectionEvent.TcpConnected;
import org.mqttchaos.client.ConnectionEvent.TlsHandshakeDone;
import org.mqttchaos.client.ConnectionEvent.WsUpgraded;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MetricNames;

/**
 * Connect counts, CONNACK codes, connect latencies and the connected-clients gauge, from the event stream alone,
 * so a connect started by an action and a reconnect started by the reconnect policy are measured alike.
 *
 * <p>Every attempt is counted once as succeeded (an accepting CONNACK) or failed, and failed ones once more as
 * refused by a CONNACK code or as {@code noConnack}, so attempted = succeeded + failed always holds. A failure is
 * counted at the attempt's one Closed event (it ended before it was ever established), whatever ended it: TCP
 * refused or timed out, no CONNACK in time, the broker or a TLS layer closing before CONNACK, the client aborting.
 * Its only state: the few attempts whose CONNACK refused them, between that CONNACK and their close.
 */
public final class ConnectRecorder implements EventSubscriber {
  private static final String[] BY_CODE = new String[256]; // built once, not per event
  private static final String[] CLOSES = new String[CloseCause.values().length];

  static {
    for (int code = 0; code < BY_CODE.length; code++) {
      BY_CODE[code] = Counters.byCode(code);
    }
    for (CloseCause cause : CloseCause.values()) {
      CLOSES[cause.ordinal()] = Counters.closes(cause.name());
    }
  }

  private final RunMetrics metrics;
  private final Set<Attempt> refused = ConcurrentHashMap.newKeySet();

  public ConnectRecorder(RunMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return Set.of(TcpConnectStarted.class, TcpConnected.class, TlsHandshakeDone.class, WsUpgraded.class,
        ConnAckReceived.class, Closed.class);
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    if (event instanceof TcpConnectStarted) {
      metrics.increment(Counters.CONNECTS_ATTEMPTED);
    } else if (event instanceof TcpConnected e) {
      metrics.recordNanos(MetricNames.TCP_CONNECT, e.tcpConnectNanos());
    } else if (event instanceof TlsHandshakeDone e) {
      metrics.recordNanos(e.resumed() ? MetricNames.TLS_HANDSHAKE_RESUMED : MetricNames.TLS_HANDSHAKE,
          e.handshakeNanos());
    } else if (event instanceof WsUpgraded e) {
      metrics.recordNanos(MetricNames.WS_UPGRADE, e.upgradeNanos());
    } else if (event instanceof ConnAckReceived e) {
      connack(e);
    } else if (event instanceof Closed e) {
      closed(e);
    }
  }


  private void connack(ConnAckReceived e) {
    int code = e.code();
    metrics.increment(code >= 0 && code < BY_CODE.length ? BY_CODE[code] : Counters.byCode(code));
    if (!e.accepted()) {
      metrics.increment(Counters.CONNECTS_FAILED);
      refused.add(e.attempt()); // its close is not a second failure
      return;
    }
    long latency = e.connectNanos();
    metrics.increment(Counters.CONNECTS_SUCCEEDED);
    metrics.recordNanos(MetricNames.CONNECT, latency);
    metrics.recordNanos(e.reconnect() ? MetricNames.CONNECT_RECONNECT : MetricNames.CONNECT_FIRST, latency);
    metrics.recordNanos(e.attempt().options().cleanSession() ? MetricNames.CONNECT_CLEAN
        : MetricNames.CONNECT_PERSISTENT, latency);
    metrics.connectedDelta(1);
  }

  private void closed(Closed e) {
    metrics.increment(CLOSES[e.cause().ordinal()]);
    if (!e.established() && !refused.remove(e.attempt())) {
      metrics.increment(Counters.CONNECTS_FAILED);
      metrics.increment(Counters.CONNECTS_NO_CONNACK);
    }
    if (e.established()) {
      metrics.connectedDelta(-1);
      metrics.add(Counters.FLAPS_CONNECTED_CLIENT_MILLIS, TimeUnit.NANOSECONDS.toMillis(e.connectedNanos()));
    }
  }
}
