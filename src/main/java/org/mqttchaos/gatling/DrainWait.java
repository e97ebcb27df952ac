package org.mqttchaos.gatling;

import java.util.concurrent.TimeUnit;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.LoopTimer;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.run.MessageDrain;

/**
 * A subscriber's wait at its hold's end, on its own event loop, polling the run's {@link MessageDrain} every
 * {@link #POLL_NANOS}: done when the load is over and nothing moved for {@link MessageDrain#QUIET_NANOS}, when the
 * connection is no longer CONNECTED, or {@link MessageDrain#BOUND_NANOS} after it began. Runs {@code done} once.
 */
final class DrainWait implements Runnable {
  static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final MqttConnection connection;
  private final MessageDrain drain;
  private final Runnable done;
  private final long deadline;
  private long lastActivity = -1;
  private long stillSince;

  DrainWait(MqttConnection connection, MessageDrain drain, Runnable done) {
    this.connection = connection;
    this.drain = drain;
    this.done = done;
    this.deadline = System.nanoTime() + MessageDrain.BOUND_NANOS;
  }

  /** Takes the first reading and polls from there; on the connection's event loop. */
  void start() {
    run();
  }

  @Override
  public void run() {
    long now = System.nanoTime();
    long activity = drain.activity();
    if (activity != lastActivity || drain.publishing()) {
      lastActivity = activity;
      stillSince = now;
    }
    if (connection.state() != ConnectionState.CONNECTED || now >= deadline
        || now - stillSince >= MessageDrain.QUIET_NANOS) {
      done.run();
      return;
    }
    LoopTimer.of(connection.eventLoop()).schedule(this, Math.min(POLL_NANOS, deadline - now), TimeUnit.NANOSECONDS);
  }
}
