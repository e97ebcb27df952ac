package org.mqttchaos.gatling;

import java.util.concurrent.TimeUnit;
import org.mqttchaos.check.SessionModel;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionListener;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MetricNames;

/**
 * Turns one virtual user's connection events into the run's measurements and checks: connect counts,
 * CONNACK codes and latencies, session present, closes by cause, and the calls that feed the flap,
 * keep-alive and will checkers. Everything is measured from events, so a connect started by an action
 * and a reconnect started by the reconnect policy are measured alike. One per virtual user; called on
 * its event loop only.
 */
public final class ConnectionTracker implements ConnectionListener {
  // Counter names built once, not per event.
  private static final String[] BY_CODE = new String[256];
  private static final String[] CLOSES = new String[CloseCause.values().length];

  static {
    for (int code = 0; code < BY_CODE.length; code++) {
      BY_CODE[code] = Counters.byCode(code);
    }
    for (CloseCause cause : CloseCause.values()) {
      CLOSES[cause.ordinal()] = Counters.closes(cause.name());
    }
  }

  private final RunContext run;
  private final MqttVersion version;
  private MqttConnection connection;
  private String role = "plain";
  private ConnectOptions options;
  private int attemptId;
  private long tcpStartNanos;
  private long connectSentNanos;
  private long establishedAtNanos = -1;
  private int attempts;
  private boolean everConnected;
  private boolean silent;
  private int disconnectReason = -1;
  private boolean everTakenOver;

  ConnectionTracker(RunContext run, MqttVersion version) {
    this.run = run;
    this.version = version;
  }

  void attach(MqttConnection connection) {
    this.connection = connection;
  }

  /** Label for per-role figures (colliding, silent, dropper, plain). */
  void role(String label) {
    this.role = label;
  }

  /** Called before each connect attempt with its CONNECT and its run-wide attempt id (named in its will). */
  void connecting(ConnectOptions options, int attemptId) {
    this.options = options;
    this.attemptId = attemptId;
    attempts++;
  }

  /** Connect attempts started so far. */
  int attempts() {
    return attempts;
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    RunMetrics metrics = run.metrics();
    long t = event.nanoTime();
    switch (event.type()) {
      case TCP_CONNECT_STARTED -> {
        tcpStartNanos = t;
        silent = false;
        disconnectReason = -1;
        metrics.increment(Counters.CONNECTS_ATTEMPTED);
      }
      case TCP_CONNECTED -> {
        metrics.recordNanos(MetricNames.TCP_CONNECT, t - tcpStartNanos);
        // Told before CONNECT is written (the client writes it right after this event): the broker's
        // takeover close of the older connection, seen on another event loop, cannot come first.
        run.flaps().connecting(options.clientId(), this, t);
      }
      case CONNECT_SENT -> connectSentNanos = t;
      case TCP_CONNECT_FAILED, CONNACK_TIMEOUT -> {
        metrics.increment(Counters.CONNECTS_FAILED);
        metrics.increment(Counters.CONNECTS_NO_CONNACK);
      }
      case CONNACK_RECEIVED -> connack(event);
      case PINGREQ_SENT -> run.keepAlive().pingSent(this, t);
      case PINGRESP_RECEIVED -> run.keepAlive().pingAnswered(this, t);
      case SILENCED -> {
        silent = true;
        run.keepAlive().silent(options.clientId(), this, connection.lastSentNanos(), options.keepAliveSeconds());
      }
      case DISCONNECT_RECEIVED -> disconnectReason = event.code();
      case CLOSED -> closed(event);
      default -> { }
    }
  }

  private void connack(ConnectionEvent event) {
    RunMetrics metrics = run.metrics();
    int code = event.code();
    metrics.increment(code >= 0 && code < BY_CODE.length ? BY_CODE[code] : Counters.byCode(code));
    if (event.code() != 0) {
      metrics.increment(Counters.CONNECTS_FAILED);
      return;
    }
    long t = event.nanoTime();
    long latency = t - connectSentNanos;
    metrics.increment(Counters.CONNECTS_SUCCEEDED);
    metrics.recordNanos(MetricNames.CONNECT, latency);
    metrics.recordNanos(everConnected ? MetricNames.CONNECT_RECONNECT : MetricNames.CONNECT_FIRST, latency);
    metrics.recordNanos(options.cleanSession() ? MetricNames.CONNECT_CLEAN : MetricNames.CONNECT_PERSISTENT, latency);
    run.sessionPresent().connack(options.clientId(), options.cleanSession(), event.sessionPresent(), t);
    establishedAtNanos = t;
    everConnected = true;
    metrics.connectedDelta(1);
    run.sessions().connected(options.clientId(), options.cleanSession(), this, sessionExpiryNanos());
    run.flaps().connected(options.clientId(), this, t, role);
    run.keepAlive().opened(options.clientId(), this, options.keepAliveSeconds());
  }

  private void closed(ConnectionEvent event) {
    RunMetrics metrics = run.metrics();
    CloseCause cause = event.closeCause();
    long t = event.nanoTime();
    String id = options.clientId();
    metrics.increment(CLOSES[cause.ordinal()]);
    if (establishedAtNanos < 0) {
      run.flaps().closed(id, this, t); // the attempt never got a CONNACK: not a drop of a live connection
      return;
    }
    metrics.connectedDelta(-1);
    metrics.add(Counters.FLAPS_CONNECTED_CLIENT_MILLIS, TimeUnit.NANOSECONDS.toMillis(t - establishedAtNanos));
    boolean will = options.will() != null;
    switch (cause) {
      case GRACEFUL_BY_CLIENT -> {
        metrics.increment(Counters.DROPS_GRACEFUL);
        clientClosed(id, t);
        if (will) {
          run.wills().forbid(id, attemptId, t);
        }
      }
      case ABRUPT_FIN_BY_CLIENT, ABRUPT_RST_BY_CLIENT -> {
        metrics.increment(Counters.DROPS_ABRUPT);
        clientClosed(id, t);
        if (will) {
          run.wills().expect(id, attemptId, t, cause == CloseCause.ABRUPT_FIN_BY_CLIENT ? "abrupt FIN" : "abrupt RST");
        }
      }
      default -> {
        boolean takeover = run.flaps().closedByBroker(id, this, t, disconnectReason, version);
        if (takeover && !everTakenOver) {
          everTakenOver = true;
          metrics.increment(Counters.FLAPS_TAKEN_OVER_USERS); // users taken over at least once: both members of a pair
        }
        run.keepAlive().closedByBroker(this, t);
        if (will && takeover) {
          run.wills().takeover(id, attemptId, t, version);
        } else if (will) {
          run.wills().expect(id, attemptId, t, silent ? "keep-alive cut" : "broker close");
        }
      }
    }
    run.sessions().closed(id, this, t, sessionExpiryNanos());
    establishedAtNanos = -1;
  }

  private void clientClosed(String id, long t) {
    run.flaps().closed(id, this, t);
    run.keepAlive().closedByClient(this, t);
  }

  /** How long the broker keeps a persistent session after a close: forever in 3.1.1, the expiry in 5. */
  private long sessionExpiryNanos() {
    if (version == MqttVersion.V3_1_1) {
      return SessionModel.MQTT_3_1_1;
    }
    return TimeUnit.SECONDS.toNanos(options.sessionExpirySeconds());
  }
}
