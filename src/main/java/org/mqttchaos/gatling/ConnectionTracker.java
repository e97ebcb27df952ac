package org.mqttchaos.gatling;

import java.util.concurrent.TimeUnit;
import org.mqttchaos.check.Finding;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionListener;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.metrics.MetricNames;
import org.mqttchaos.metrics.RunMetrics;

/**
 * Turns one virtual user's connection events into the run's measurements: connect counts and CONNACK
 * codes, tcp-connect and connect latencies, session-present checks, the connected gauge and connected
 * time, closes by cause. Everything is measured from events, so a connect started by an action and a
 * reconnect started by the reconnect policy are measured alike. One per virtual user; called on its
 * event loop only.
 */
public final class ConnectionTracker implements ConnectionListener {
  private final RunContext run;
  private final MqttVersion version;
  private ConnectOptions options;
  private long tcpStartNanos;
  private long connectSentNanos;
  private long establishedAtNanos = -1;
  private int attempts;
  private boolean everConnected;

  ConnectionTracker(RunContext run, MqttVersion version) {
    this.run = run;
    this.version = version;
  }

  /** Called before each connect attempt, so the attempt's events can be judged against what was asked. */
  void connecting(ConnectOptions options) {
    this.options = options;
    attempts++;
  }

  /** Connect attempts started so far. */
  int attempts() {
    return attempts;
  }

  /** Whether the connection is established now (CONNACK accepted, not closed since). */
  boolean established() {
    return establishedAtNanos >= 0;
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    RunMetrics metrics = run.metrics();
    switch (event.type()) {
      case TCP_CONNECT_STARTED -> {
        tcpStartNanos = event.nanoTime();
        metrics.increment("connects.attempted");
      }
      case TCP_CONNECTED -> metrics.recordNanos(MetricNames.TCP_CONNECT, event.nanoTime() - tcpStartNanos);
      case CONNECT_SENT -> connectSentNanos = event.nanoTime();
      case TCP_CONNECT_FAILED, CONNACK_TIMEOUT -> {
        metrics.increment("connects.failed");
        metrics.increment("connects.noConnack");
      }
      case CONNACK_RECEIVED -> connack(event);
      case CLOSED -> closed(event);
      default -> { }
    }
  }

  private void connack(ConnectionEvent event) {
    RunMetrics metrics = run.metrics();
    metrics.increment("connects.byCode." + event.code());
    if (event.code() != 0) {
      metrics.increment("connects.failed");
      return;
    }
    long latency = event.nanoTime() - connectSentNanos;
    metrics.increment("connects.succeeded");
    metrics.recordNanos(MetricNames.CONNECT, latency);
    metrics.recordNanos(everConnected ? MetricNames.CONNECT_RECONNECT : MetricNames.CONNECT_FIRST, latency);
    metrics.recordNanos(options.cleanSession() ? MetricNames.CONNECT_CLEAN : MetricNames.CONNECT_PERSISTENT, latency);
    checkSessionPresent(event);
    establishedAtNanos = event.nanoTime();
    everConnected = true;
    metrics.connectedDelta(1);
    run.sessions().connected(options.clientId(), options.cleanSession(), this);
  }

  private void checkSessionPresent(ConnectionEvent event) {
    RunMetrics metrics = run.metrics();
    boolean expected = run.sessions().expectedSessionPresent(options.clientId(), options.cleanSession(),
        event.nanoTime());
    metrics.increment("sessionPresent.checked");
    metrics.increment(event.sessionPresent() ? "sessionPresent.received1" : "sessionPresent.received0");
    if (expected != event.sessionPresent()) {
      metrics.increment("sessionPresent.mismatches");
      metrics.increment("findings");
      run.findings().add(new Finding("session-present-mismatch",
          "MQTT-3.2.2: session present is 0 for a clean session and 1 when the broker resumes a stored one",
          options.clientId(), run.sinceStartMillis(event.nanoTime()),
          "sessionPresent=" + (expected ? 1 : 0) + (options.cleanSession() ? " (clean session)" : " (persistent session)"),
          "sessionPresent=" + (event.sessionPresent() ? 1 : 0)));
    }
  }

  private void closed(ConnectionEvent event) {
    RunMetrics metrics = run.metrics();
    CloseCause cause = event.closeCause();
    metrics.increment("closes." + cause.name());
    if (establishedAtNanos < 0) {
      return; // the attempt never got a CONNACK: not a drop of a live connection
    }
    metrics.connectedDelta(-1);
    metrics.add("flaps.connectedClientMillis", TimeUnit.NANOSECONDS.toMillis(event.nanoTime() - establishedAtNanos));
    switch (cause) {
      case GRACEFUL_BY_CLIENT -> metrics.increment("drops.graceful");
      case ABRUPT_FIN_BY_CLIENT, ABRUPT_RST_BY_CLIENT -> metrics.increment("drops.abrupt");
      case BY_BROKER, ERROR -> metrics.increment("flaps.total");
      default -> { }
    }
    run.sessions().closed(options.clientId(), this, event.nanoTime(), sessionExpiryNanos());
    establishedAtNanos = -1;
  }

  /** How long the broker keeps a persistent session after a close: forever in 3.1.1, the expiry in 5. */
  private long sessionExpiryNanos() {
    if (version == MqttVersion.V3_1_1) {
      return Long.MAX_VALUE;
    }
    return TimeUnit.SECONDS.toNanos(options.sessionExpirySeconds());
  }
}
