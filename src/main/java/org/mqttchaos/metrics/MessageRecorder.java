package org.mqttchaos.metrics;

import io.netty.util.collection.IntObjectHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.MessageAbandoned;
import org.mqttchaos.client.ConnectionEvent.PubAckReceived;
import org.mqttchaos.client.ConnectionEvent.PubCompReceived;
import org.mqttchaos.client.ConnectionEvent.PublishNotSent;
import org.mqttchaos.client.ConnectionEvent.PublishReceived;
import org.mqttchaos.client.ConnectionEvent.PublishSent;
import org.mqttchaos.client.ConnectionEvent.SubAckReceived;
import org.mqttchaos.client.ConnectionEvent.SubscribeSent;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.client.MessageStamp;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MetricNames;

/**
 * Counts and times the harness's stamped messages (payloads that start with a {@link MessageStamp}) from the event
 * stream: published, acknowledged, not sent (taken by the client and never written: {@link PublishNotSent}) and
 * received (every copy) by QoS, subscriptions made and refused, and three latencies in
 * microseconds:
 *
 * <ul>
 *   <li>{@code delivery}: the message's planned instant, read from its stamp, to its arrival at a subscriber. The
 *       plan, not the write, is the start, so a publisher that fell behind or a broker that stalled shows up in the
 *       figure (no coordinated omission). Deliveries with RETAIN set were sent because a subscription was made
 *       [MQTT-3.3.1-8], not because the message was published then: counted, not timed.
 *   <li>{@code puback}: a QoS 1 PUBLISH written to its PUBACK; {@code pubcomp}: a QoS 2 PUBLISH written to its
 *       PUBCOMP (PUBREC and PUBREL between). From the first write: a retransmission (the same stamp again under the
 *       same packet identifier on the same connection) is neither counted nor restarts the clock, so an
 *       acknowledgement that came only after a reconnect counts the outage.
 * </ul>
 *
 * <p>The publishes waiting for their acknowledgement are kept per connection (a persistent session's outlive the
 * attempt: the client resends them after a resumption), touched only on that connection's event loop; one whose
 * session was lost is forgotten when the client abandons it ({@link MessageAbandoned}).
 * Payloads without a stamp (wills, a simulation's own messages) are not messages of this recorder.
 */
public final class MessageRecorder implements EventSubscriber {
  /** A publish waiting for PUBACK or PUBCOMP: when it was first written, and which message it is. */
  private record Pending(long sentNanos, int publisher, long sequence) {}

  private final RunMetrics metrics;
  /** Connection index to its publishes waiting, by packet identifier (each inner map on its connection's loop). */
  private final Map<Integer, IntObjectHashMap<Pending>> waiting = new ConcurrentHashMap<>();

  public MessageRecorder(RunMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return Set.of(PublishSent.class, PubAckReceived.class, PubCompReceived.class, PublishReceived.class,
        SubscribeSent.class, SubAckReceived.class, MessageAbandoned.class, PublishNotSent.class);
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    if (event instanceof PublishReceived e) {
      received(e);
    } else if (event instanceof PublishSent e) {
      sent(e);
    } else if (event instanceof PubAckReceived e) {
      acknowledged(e.attempt().connection(), e.packetId(), e.nanoTime(), 1, MetricNames.PUBACK);
    } else if (event instanceof PubCompReceived e) {
      acknowledged(e.attempt().connection(), e.packetId(), e.nanoTime(), 2, MetricNames.PUBCOMP);
    } else if (event instanceof SubscribeSent) {
      metrics.increment(Counters.MESSAGES_SUBSCRIPTIONS);
    } else if (event instanceof SubAckReceived e) {
      if (e.reasonCodes().isEmpty() || e.reasonCodes().stream().anyMatch(code -> code >= 0x80)) {
        metrics.increment(Counters.MESSAGES_SUBSCRIPTIONS_REFUSED);
      }
    } else if (event instanceof MessageAbandoned e) {
      IntObjectHashMap<Pending> own = waiting.get(e.attempt().connection());
      if (own != null) {
        own.remove(e.packetId()); // its session is gone: no acknowledgement will come, and the id is free again
      }
    } else if (event instanceof PublishNotSent e) {
      notSent(e);
    }
  }

  /** A stamped message the client took and never wrote: not sent, by QoS and by why. */
  private void notSent(PublishNotSent e) {
    if (e.qos() < 0 || e.qos() > 2 || !MessageStamp.stamped(e.payload())) {
      return;
    }
    metrics.increment(Counters.messagesNotSent(e.qos()));
    PublishNotSent.Cause cause = e.cause();
    metrics.increment(cause == PublishNotSent.Cause.QUEUE_FULL ? Counters.MESSAGES_NOT_SENT_QUEUE_FULL
        : cause == PublishNotSent.Cause.WITHDRAWN ? Counters.MESSAGES_NOT_SENT_QUEUED_AT_HOLD_END
        // its connection closed under the write: it was due while the publisher was not (or no longer) connected
        : cause == PublishNotSent.Cause.WRITE_FAILED ? Counters.MESSAGES_NOT_SENT_NOT_CONNECTED
        : Counters.MESSAGES_NOT_SENT_SESSION_ENDED);
  }

  private void received(PublishReceived e) {
    if (!MessageStamp.stamped(e.payload()) || e.qos() < 0 || e.qos() > 2) {
      return;
    }
    metrics.increment(Counters.messagesReceived(e.qos()));
    if (e.retain()) {
      metrics.increment(Counters.MESSAGES_RETAINED_ON_SUBSCRIBE);
    } else {
      metrics.recordNanos(MetricNames.DELIVERY, e.nanoTime() - MessageStamp.plannedNanosOf(e.payload()));
    }
  }

  private void sent(PublishSent e) {
    byte[] payload = e.payload();
    if (!MessageStamp.stamped(payload) || e.qos() < 0 || e.qos() > 2) {
      return;
    }
    if (e.qos() > 0) {
      int publisher = MessageStamp.publisherOf(payload);
      long sequence = MessageStamp.sequenceOf(payload);
      IntObjectHashMap<Pending> own = waiting.get(e.attempt().connection());
      if (own == null) {
        own = waiting.computeIfAbsent(e.attempt().connection(), c -> new IntObjectHashMap<>());
      }
      Pending before = own.get(e.packetId());
      if (before != null && before.publisher() == publisher && before.sequence() == sequence) {
        return; // the same message again (a retransmission): counted and timed from its first write
      }
      own.put(e.packetId(), new Pending(e.nanoTime(), publisher, sequence));
    }
    metrics.increment(Counters.messagesPublished(e.qos()));
  }

  private void acknowledged(int connection, int packetId, long now, int qos, String metric) {
    IntObjectHashMap<Pending> own = waiting.get(connection);
    Pending pending = own == null ? null : own.remove(packetId);
    if (pending == null) {
      return; // not a stamped message's (or its flow was forgotten with its clean session)
    }
    metrics.increment(Counters.messagesAcknowledged(qos));
    metrics.recordNanos(metric, now - pending.sentNanos());
  }
}
