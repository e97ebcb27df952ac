package org.mqttchaos.gatling;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.MessageStamp;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.summary.Counters;

/**
 * One publisher's messages over a hold, paced by their planned instants on the user's own event loop (one timer
 * per publisher, rescheduled for the next due message; no Gatling action or pause per message, no thread hop).
 *
 * <p>Open model: message {@code k} is due at {@code first + k / rate}, whether or not earlier ones were
 * acknowledged, for every {@code k} due before the hold's end, so a publisher's plan holds exactly
 * {@code ceil(hold x rate)} messages. When a timer fires late, every message due by then goes out at once, each
 * with its own planned instant in its stamp: the delay shows in the delivery latency. A message due while the
 * connection is not CONNECTED (dropped, reconnecting, silent) is skipped and counted as {@code notSent}: it is not
 * sent late, so planned = published + notSent, and what an outage costs is in notSent, not in a burst afterwards.
 * QoS 1/2 messages the client queued behind its in-flight window and never wrote (queue full, session ended, still
 * queued at the hold's end: {@link #stop}) are counted as notSent by the run's recorder.
 *
 * <p>The timer wakes on the run's grid (load.startGrid, 1 ms by default, on System.nanoTime's clock): publishers
 * whose messages fall due within one step share one wake-up of their event loop instead of one each, which at
 * 10,000 messages/s is most of the loop's wake-ups. A message thus goes out up to one step after its planned
 * instant; the stamp keeps the planned instant, so the delivery latency includes that wait. A grid of 0 wakes for
 * each message at its own instant.
 */
final class MessagePublisher {
  /** Messages sent in one turn of the loop at most; the rest follow in the next turn, so a late loop stays fair. */
  private static final int BATCH = 256;

  private final MqttConnection connection;
  private final RunScope run;
  private final String topic;
  private final int publisher;
  private final int qos;
  private final int payloadSize;
  private final double retainRatio;
  private final long firstNanos;
  private final double periodNanos;
  private final long endNanos;
  private final String notSent;
  private final long gridNanos;
  private long sequence;
  private long dueNanos;
  private ScheduledFuture<?> timer;
  private boolean stopped;

  /**
   * @param firstNanos the first message's planned instant, System.nanoTime
   * @param endNanos   no message is planned at or after this instant
   * @param gridNanos  the timer's wake-ups are on multiples of this (System.nanoTime); 0: at each due instant
   */
  MessagePublisher(MqttConnection connection, RunScope run, String topic, int publisher, PublishingSpec spec,
      long firstNanos, long endNanos, long gridNanos) {
    this.connection = connection;
    this.run = run;
    this.topic = topic;
    this.publisher = publisher;
    this.qos = spec.qos();
    this.payloadSize = spec.payloadSize();
    this.retainRatio = spec.retainRatio();
    this.firstNanos = firstNanos;
    this.periodNanos = 1e9 / spec.rate();
    this.endNanos = endNanos;
    this.notSent = Counters.messagesNotSent(qos);
    this.dueNanos = firstNanos;
    this.gridNanos = gridNanos;
  }

  /** Starts pacing; on the connection's event loop. */
  void start() {
    run.messageDrain().publisherStarted();
    schedule(System.nanoTime());
  }

  /**
   * No message after this; on the connection's event loop, at or after the hold's end. The hold's last messages are
   * due by then, but their timer may not have fired yet (the hold's end ran first in the loop's turn): they go out
   * now, as after any late timer, or count as not sent when the connection is not CONNECTED. Then the messages still
   * queued behind the in-flight window (Receive Maximum) are withdrawn: never written, each counted as not sent
   * (client.ConnectionEvent.PublishNotSent, counted by metrics.MessageRecorder). So planned = published + notSent
   * holds at the hold's end too.
   */
  void stop() {
    if (!stopped) {
      run.messageDrain().publisherStopped();
      long now = System.nanoTime();
      while (dueNanos < endNanos && dueNanos <= now) {
        send(sequence, dueNanos);
        sequence++;
        dueNanos = firstNanos + (long) (sequence * periodNanos);
      }
      connection.withdrawQueued("left queued behind the in-flight window when the publisher's hold ended");
    }
    stopped = true;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void fire() {
    timer = null;
    if (stopped) {
      return;
    }
    long now = System.nanoTime();
    int sent = 0;
    while (dueNanos <= now && dueNanos < endNanos && sent < BATCH) {
      send(sequence, dueNanos);
      sent++;
      sequence++;
      dueNanos = firstNanos + (long) (sequence * periodNanos);
    }
    if (dueNanos < endNanos) {
      schedule(now);
    }
  }

  private void schedule(long now) {
    long at = dueNanos;
    if (gridNanos > 0) {
      at = Math.floorDiv(at + gridNanos - 1, gridNanos) * gridNanos; // the first grid instant at or after it
    }
    timer = connection.eventLoop().schedule(this::fire, Math.max(0, at - now), TimeUnit.NANOSECONDS);
  }

  private void send(long k, long planned) {
    if (connection.state() != ConnectionState.CONNECTED) {
      run.metrics().increment(notSent);
      run.metrics().increment(Counters.MESSAGES_NOT_SENT_NOT_CONNECTED);
      return;
    }
    byte[] payload = new MessageStamp(publisher, k, planned).encode(payloadSize);
    connection.publish(topic, payload, qos, retained(k));
  }

  /** Message k carries RETAIN when floor((k + 1) x ratio) > floor(k x ratio): exactly the ratio, evenly spread. */
  private boolean retained(long k) {
    return retainRatio > 0 && Math.floor((k + 1) * retainRatio) > Math.floor(k * retainRatio);
  }
}
