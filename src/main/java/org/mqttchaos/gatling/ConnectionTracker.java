package org.mqttchaos.gatling;

import java.util.concurrent.TimeUnit;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionListener;
import org.mqttchaos.client.EventType;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.metrics.RunMetrics;

/**
 * Turns one virtual user's connection events into the run's counters and session model: the connected
 * gauge, connected client time, closes by cause. One per virtual user; called on its event loop only.
 */
public final class ConnectionTracker implements ConnectionListener {
  private final RunContext run;
  private final MqttVersion version;
  private ConnectOptions options;
  private long establishedAtNanos = -1;
  private int attempts;
  private boolean everConnected;

  ConnectionTracker(RunContext run, MqttVersion version) {
    this.run = run;
    this.version = version;
  }

  /** Called by the connect action before each attempt, so closes can be judged against what was asked. */
  void connecting(ConnectOptions options) {
    this.options = options;
    attempts++;
  }

  /** Connect attempts started so far. */
  int attempts() {
    return attempts;
  }

  /** Whether any attempt was accepted: later connects count as reconnects. */
  boolean everConnected() {
    return everConnected;
  }

  /** Called by the connect action once CONNACK accepted the connection. */
  void established(long nanoTime) {
    establishedAtNanos = nanoTime;
    everConnected = true;
    run.metrics().connectedDelta(1);
    run.sessions().connected(options.clientId(), options.cleanSession(), this);
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    if (event.type() != EventType.CLOSED) {
      return;
    }
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
