package org.mqttchaos.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalInt;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.MessageAbandoned;
import org.mqttchaos.client.ConnectionEvent.PubAckReceived;
import org.mqttchaos.client.ConnectionEvent.PubCompReceived;
import org.mqttchaos.client.ConnectionEvent.PublishReceived;
import org.mqttchaos.client.ConnectionEvent.PublishSent;
import org.mqttchaos.client.ConnectionEvent.SubAckReceived;
import org.mqttchaos.client.ConnectionEvent.SubscribeSent;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.MessageStamp;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MetricNames;

/** Message counts and latencies from the event stream alone, through the run's dispatcher. */
class MessageRecorderTest {
  private static final long MS = 1_000_000L;
  private final RunScope run = new RunScope();

  private static Attempt attempt(int connection, int number, boolean clean) {
    return new Attempt(connection, number, MqttVersion.V3_1_1,
        new ConnectOptions("c" + connection, clean, 0, null, null, null, 0), "plain");
  }

  private static byte[] stamp(int publisher, long sequence, long plannedNanos) {
    return new MessageStamp(publisher, sequence, plannedNanos).encode(32);
  }

  private long count(String name) {
    return run.metrics().counter(name);
  }

  private Histogram take(String metric) {
    return MetricsProbe.take(run.metrics(), metric);
  }

  @Test
  void aQos1MessageToTwoSubscribersIsPublishedOnceAcknowledgedOnceDeliveredTwice() {
    Attempt pub = attempt(0, 0, true);
    run.events().onEvent(new PublishSent(10 * MS, pub, 7, "t", 1, false, stamp(0, 0, 5 * MS)));
    run.events().onEvent(new PubAckReceived(13 * MS, pub, 7));
    run.events().onEvent(new PublishReceived(12 * MS, attempt(1, 0, false), 3, "t", 1, false, false,
        stamp(0, 0, 5 * MS)));
    run.events().onEvent(new PublishReceived(15 * MS, attempt(2, 0, false), 9, "t", 1, false, false,
        stamp(0, 0, 5 * MS)));

    assertEquals(1, count(Counters.messagesPublished(1)));
    assertEquals(1, count(Counters.messagesAcknowledged(1)));
    assertEquals(2, count(Counters.messagesReceived(1)));
    Histogram puback = take(MetricNames.PUBACK);
    assertEquals(1, puback.getTotalCount());
    assertEquals(3000, puback.getMaxValue(), 3000 / 100, "from the write, 3 ms");
    Histogram delivery = take(MetricNames.DELIVERY);
    assertEquals(2, delivery.getTotalCount());
    assertEquals(7000, delivery.getMinValue(), 70, "from the planned instant, not the write: 7 ms");
    assertEquals(10000, delivery.getMaxValue(), 100);
  }

  @Test
  void aRetransmissionIsNotCountedAgainAndItsAcknowledgementCountsFromTheFirstWrite() {
    Attempt first = attempt(0, 0, false);
    Attempt resumed = attempt(0, 1, false);
    run.events().onEvent(new PublishSent(10 * MS, first, 1, "t", 2, false, stamp(4, 9, 10 * MS)));
    run.events().onEvent(new Closed(20 * MS, first, CloseCause.ABRUPT_RST_BY_CLIENT, "drop", ConnectionState.CONNECTED,
        10 * MS, OptionalInt.empty(), null));
    run.events().onEvent(new PublishSent(50 * MS, resumed, 1, "t", 2, false, stamp(4, 9, 10 * MS)));
    run.events().onEvent(new PubCompReceived(60 * MS, resumed, 1));

    assertEquals(1, count(Counters.messagesPublished(2)));
    assertEquals(1, count(Counters.messagesAcknowledged(2)));
    assertEquals(50000, take(MetricNames.PUBCOMP).getMaxValue(), 500, "50 ms, the outage included");
  }

  @Test
  void aLostSessionsUnacknowledgedPublishesAreForgottenWhenAbandoned() {
    Attempt clean = attempt(0, 0, true);
    byte[] payload = stamp(0, 0, 10 * MS);
    run.events().onEvent(new PublishSent(10 * MS, clean, 1, "t", 1, false, payload));
    run.events().onEvent(new MessageAbandoned(20 * MS, clean, 1, "t", 1, false, payload, false, "clean session"));
    run.events().onEvent(new Closed(20 * MS, clean, CloseCause.ABRUPT_RST_BY_CLIENT, "drop", ConnectionState.CONNECTED,
        10 * MS, OptionalInt.empty(), null));
    Attempt next = attempt(0, 1, true);
    run.events().onEvent(new PubAckReceived(30 * MS, next, 1));
    // the same packet identifier on the new session is another message
    run.events().onEvent(new PublishSent(40 * MS, next, 1, "t", 1, false, stamp(0, 0, 10 * MS)));

    assertEquals(2, count(Counters.messagesPublished(1)));
    assertEquals(0, count(Counters.messagesAcknowledged(1)));
    assertEquals(0, take(MetricNames.PUBACK).getTotalCount());
  }

  @Test
  void retainedDeliveriesAreCountedNotTimedAndUnstampedPayloadsAreNotMessages() {
    Attempt sub = attempt(1, 0, true);
    run.events().onEvent(new PublishReceived(900 * MS, sub, 0, "t", 0, true, false, stamp(0, 0, 5 * MS)));
    run.events().onEvent(new PublishReceived(900 * MS, sub, 0, "t", 0, false, false, "hello".getBytes()));
    run.events().onEvent(new PublishSent(900 * MS, sub, 0, "t", 0, false, "hello".getBytes()));

    assertEquals(1, count(Counters.messagesReceived(0)));
    assertEquals(1, count(Counters.MESSAGES_RETAINED_ON_SUBSCRIBE));
    assertEquals(0, count(Counters.messagesPublished(0)));
    assertEquals(0, take(MetricNames.DELIVERY).getTotalCount());
  }

  @Test
  void subscriptionsAndRefusalsAreCounted() {
    Attempt sub = attempt(1, 0, true);
    run.events().onEvent(new SubscribeSent(1, sub, 1, "a/#", 1));
    run.events().onEvent(new SubAckReceived(2, sub, 1, List.of(1)));
    run.events().onEvent(new SubscribeSent(3, sub, 2, "$share/g/a", 1));
    run.events().onEvent(new SubAckReceived(4, sub, 2, List.of(0x80)));

    assertEquals(2, count(Counters.MESSAGES_SUBSCRIPTIONS));
    assertEquals(1, count(Counters.MESSAGES_SUBSCRIPTIONS_REFUSED));
  }
}
