package org.mqttchaos.metrics;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.ConnAckTimeout;
import org.mqttchaos.client.ConnectionEvent.TcpConnectFailed;
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
 * Stateless: each figure comes from one event's own fields.
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

  public ConnectRecorder(RunMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return Set.of(TcpConnectStarted.class, TcpConnected.class, TlsHandshakeDone.class, WsUpgraded.class,
        TcpConnectFailed.class, ConnAckTimeout.class, ConnAckReceived.class, Closed.class);
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
    } else if (event instanceof TcpConnectFailed) {
      noConnack();
    } else if (event instanceof ConnAckTimeout) {
      noConnack();
    } else if (event instanceof ConnAckReceived e) {
      connack(e);
    } else if (event instanceof Closed e) {
      closed(e);
    }
  }

  private void noConnack() {
    metrics.increment(Counters.CONNECTS_FAILED);
    metrics.increment(Counters.CONNECTS_NO_CONNACK);
  }

  private void connack(ConnAckReceived e) {
    int code = e.code();
    metrics.increment(code >= 0 && code < BY_CODE.length ? BY_CODE[code] : Counters.byCode(code));
    if (!e.accepted()) {
      metrics.increment(Counters.CONNECTS_FAILED);
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
    if (e.established()) {
      metrics.connectedDelta(-1);
      metrics.add(Counters.FLAPS_CONNECTED_CLIENT_MILLIS, TimeUnit.NANOSECONDS.toMillis(e.connectedNanos()));
    }
  }
}
