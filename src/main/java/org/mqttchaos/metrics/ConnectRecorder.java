package org.mqttchaos.metrics;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectFailure;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.TcpConnectStarted;
import org.mqttchaos.client.ConnectionEvent.TcpConnected;
import org.mqttchaos.client.ConnectionEvent.TlsHandshakeDone;
import org.mqttchaos.client.ConnectionEvent.WsUpgraded;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.FailedBy;
import org.mqttchaos.summary.MetricNames;

/**
 * Connect counts, CONNACK codes, connect latencies and the connected-clients gauge, from the event stream alone,
 * so a connect started by an action and a reconnect started by the reconnect policy are measured alike.
 *
 * <p>Every attempt is counted once as succeeded (an accepting CONNACK) or failed, and failed ones once more as
 * refused by a CONNACK code or as {@code noConnack}, and once under their reason ({@code connects.failedBy.*}), so
 * attempted = succeeded + failed and failed = the sum of failedBy always hold. A failure is counted at the
 * attempt's one Closed event (it ended before it was ever established), whatever ended it: TCP refused or timed
 * out, a TLS or WebSocket stage, no CONNACK in time, a refusing CONNACK, the broker closing before CONNACK, the
 * client aborting. Stateless.
 */
public final class ConnectRecorder implements EventSubscriber {
  private static final String[] BY_CODE = new String[256]; // built once, not per event
  private static final String[] CLOSES = new String[CloseCause.values().length];
  private static final String[] FAILED_BY = new String[ConnectFailure.values().length];

  static {
    for (int code = 0; code < BY_CODE.length; code++) {
      BY_CODE[code] = Counters.byCode(code);
    }
    for (CloseCause cause : CloseCause.values()) {
      CLOSES[cause.ordinal()] = Counters.closes(cause.name());
    }
    for (ConnectFailure failure : ConnectFailure.values()) {
      FAILED_BY[failure.ordinal()] = Counters.failedBy(failedBy(failure).key());
    }
  }

  private final RunMetrics metrics;

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
      return; // a failure, counted at its close
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
    if (!e.established()) {
      ConnectFailure failure = e.failure() == null ? ConnectFailure.ERROR : e.failure();
      metrics.increment(Counters.CONNECTS_FAILED);
      metrics.increment(FAILED_BY[failure.ordinal()]);
      if (failure != ConnectFailure.CONNACK_REFUSED) {
        metrics.increment(Counters.CONNECTS_NO_CONNACK);
      }
    }
    if (e.established()) {
      if (e.cause() == CloseCause.PROTOCOL_ERROR) {
        metrics.increment(Counters.FLAPS_PROTOCOL_ERRORS);
      }
      metrics.connectedDelta(-1);
      metrics.add(Counters.FLAPS_CONNECTED_CLIENT_MILLIS, TimeUnit.NANOSECONDS.toMillis(e.connectedNanos()));
    }
  }

  /** The name summary.json counts a failure under: one for each reason the connection tells. */
  static FailedBy failedBy(ConnectFailure failure) {
    return switch (failure) {
      case TCP_REFUSED -> FailedBy.TCP_REFUSED;
      case TCP_TIMEOUT -> FailedBy.TCP_TIMEOUT;
      case TCP_ERROR -> FailedBy.TCP_ERROR;
      case TLS_UNTRUSTED -> FailedBy.TLS_UNTRUSTED;
      case TLS_EXPIRED -> FailedBy.TLS_EXPIRED;
      case TLS_NOT_TLS_PORT -> FailedBy.TLS_NOT_TLS_PORT;
      case TLS_HOSTNAME -> FailedBy.TLS_HOSTNAME;
      case TLS_CLIENT_CERT_REQUIRED -> FailedBy.TLS_CLIENT_CERT_REQUIRED;
      case TLS_CLIENT_CERT_REFUSED -> FailedBy.TLS_CLIENT_CERT_REFUSED;
      case TLS_DEVICE_CERT_MISSING -> FailedBy.TLS_DEVICE_CERT_MISSING;
      case TLS_PROTOCOL -> FailedBy.TLS_PROTOCOL;
      case TLS_CIPHER -> FailedBy.TLS_CIPHER;
      case TLS_CLOSED -> FailedBy.TLS_CLOSED;
      case TLS_TIMEOUT -> FailedBy.TLS_TIMEOUT;
      case TLS_OTHER -> FailedBy.TLS_OTHER;
      case WS_REFUSED -> FailedBy.WS_REFUSED;
      case WS_TIMEOUT -> FailedBy.WS_TIMEOUT;
      case CONNACK_TIMEOUT -> FailedBy.CONNACK_TIMEOUT;
      case CONNACK_REFUSED -> FailedBy.CONNACK_REFUSED;
      case CLOSED_BEFORE_CONNACK -> FailedBy.CLOSED_BEFORE_CONNACK;
      case PROTOCOL_ERROR -> FailedBy.PROTOCOL_ERROR;
      case CLIENT_ABORTED -> FailedBy.CLIENT_ABORTED;
      case ERROR -> FailedBy.ERROR;
    };
  }
}
