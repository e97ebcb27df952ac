package org.mqttchaos.client;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/**
 * The keep-alive of one connection: sends PINGREQ when nothing was written for the keep-alive interval
 * ([MQTT-3.1.2-23]: the client must send a control packet within each interval). One re-armed timer per
 * connection, not one per write: it sleeps until an interval after the last write and pings only if nothing
 * went out meanwhile. Reused across the connection's attempts; on the connection's event loop only.
 *
 * <p>The connection tells it every write ({@link #written}), starts it once CONNACK accepted the connection
 * ({@link #start}) and stops it whenever the connection stops writing of its own accord ({@link #stop}).
 * Time is the loop's own ticker, so EmbeddedChannel tests move it.
 */
final class KeepAlive implements Runnable {
  private final EventLoop loop;
  private final MqttConnection connection;
  private long intervalNanos;
  private long lastWriteTick;
  private LoopTimer.Timeout timer;

  /** Pings through {@code connection}'s {@link MqttConnection#ping}, which calls {@link #written} in turn. */
  KeepAlive(EventLoop loop, MqttConnection connection) {
    this.loop = loop;
    this.connection = connection;
  }

  /** Sets the interval for the next attempt, then the one its CONNACK put in force, in seconds; 0: no pings. */
  void interval(int seconds) {
    stop();
    intervalNanos = TimeUnit.SECONDS.toNanos(Math.max(0, seconds));
  }

  /** A packet was handed to the channel now. */
  void written() {
    lastWriteTick = loop.ticker().nanoTime();
  }

  /** The connection is established: ping from now on, an interval after the last write. */
  void start() {
    arm(intervalNanos - (loop.ticker().nanoTime() - lastWriteTick));
  }

  /** No more pings (silent, closing, closed). */
  void stop() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  private void arm(long delayNanos) {
    if (intervalNanos > 0) {
      timer = LoopTimer.of(loop).schedule(this, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }
  }

  /** The timer fired: ping if nothing was written for an interval, then sleep until the next could be due. */
  @Override
  public void run() {
    timer = null;
    long idle = loop.ticker().nanoTime() - lastWriteTick;
    if (idle >= intervalNanos) {
      connection.ping();
      idle = 0;
    }
    arm(intervalNanos - idle);
  }
}
