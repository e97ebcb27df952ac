package org.mqttchaos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mqttchaos.summary.Counters;

/** The load's end as subscribers see it: publishers still publishing, and a count that moves with every message. */
class MessageDrainTest {
  private final RunScope scope = new RunScope();
  private final MessageDrain drain = scope.messageDrain();

  @Test
  void theLoadGoesOnWhileAPublisherPublishes() {
    assertFalse(drain.publishing());
    drain.publisherStarted();
    drain.publisherStarted();
    drain.publisherStopped();
    assertTrue(drain.publishing(), "one of two still publishes");
    drain.publisherStopped();
    assertFalse(drain.publishing());
  }

  @Test
  void activityMovesWithEveryStampedMessagePublishedAcknowledgedOrReceived() {
    assertEquals(0, drain.activity(), "a run without messages: nothing to wait for");
    scope.metrics().increment(Counters.messagesPublished(1));
    scope.metrics().increment(Counters.messagesAcknowledged(1));
    scope.metrics().increment(Counters.messagesReceived(2));
    scope.metrics().increment(Counters.messagesReceived(0));
    assertEquals(4, drain.activity());
    scope.metrics().increment(Counters.messagesNotSent(1));
    assertEquals(4, drain.activity(), "a message not sent is not on its way");
  }
}
