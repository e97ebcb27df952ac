package org.mqttchaos.run;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;

/**
 * The end of the run's message load, for the subscribers about to leave: a subscriber whose hold ends stays
 * subscribed while the load may still be bringing it messages, so the messages already on their way arrive while its
 * connection is live and the delivery checker judges them, instead of counting them unknown (a persistent session
 * that then went away) or an expected loss (a clean one). The wait ends at the first of: the load is over (no
 * publisher is publishing) and nothing moved for {@link #QUIET_NANOS} (no stamped message published, acknowledged
 * or received anywhere in the run); the subscriber's connection ends; {@link #BOUND_NANOS} after the hold's end.
 * A subscriber whose hold ends while publishers still publish therefore stays at most {@link #BOUND_NANOS} longer.
 *
 * <p>Thread rules: publishers start and stop on their own event loops; {@link #activity} and {@link #publishing} are
 * read from any.
 */
public final class MessageDrain {
  /** How long nothing may move before the load's messages count as arrived: 500 ms. */
  public static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  /** The longest a subscriber waits after its hold's end: 5 s, the run's end grace for wills and deliveries. */
  public static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final RunMetrics metrics;
  private final AtomicInteger publishers = new AtomicInteger();

  MessageDrain(RunMetrics metrics) {
    this.metrics = metrics;
  }

  /** A publisher began its messages (gatling.MessagePublisher); {@link #publisherStopped} follows once. */
  public void publisherStarted() {
    publishers.incrementAndGet();
  }

  /** A publisher will send nothing more. */
  public void publisherStopped() {
    publishers.decrementAndGet();
  }

  /** True while some publisher of the run still publishes: the load has not ended. */
  public boolean publishing() {
    return publishers.get() > 0;
  }

  /**
   * A count that moves whenever a stamped message is published, acknowledged or received anywhere in the run: two
   * equal readings {@link #QUIET_NANOS} apart mean nothing was on the move in between.
   */
  public long activity() {
    long sum = 0;
    for (int qos = 0; qos <= 2; qos++) {
      sum += metrics.counter(Counters.messagesPublished(qos)) + metrics.counter(Counters.messagesAcknowledged(qos))
          + metrics.counter(Counters.messagesReceived(qos));
    }
    return sum;
  }
}
