package org.mqttchaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mqttchaos.check.Nanos.at;
import static org.mqttchaos.check.Nanos.ms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.MessageOutcomes;

/**
 * The delivery checker over synthetic histories: each rule and each case that must never be a finding, with the
 * exact outcome counts. Every history runs to {@link #END_MS} with a drain window of {@link #DRAIN_MS}; subscriber
 * "s1", publisher "p0" (publisher index 0), topics under "t/".
 */
class DeliveryCheckerTest {
  static final long END_MS = 20_000;
  static final long DRAIN_MS = 5_000;

  private final RunMetrics metrics = new RunMetrics();
  private final Findings findings = new Findings();
  private final DeliveryChecker checker = new DeliveryChecker(metrics, findings, Nanos.START);
  private final History h = new History(checker);

  private static Arguments row(String name, Consumer<History> script, String outcomes, String findings) {
    return Arguments.of(name, script, outcomes, findings);
  }

  /** A clean subscriber s1 on t/# at QoS {@code qos} from 10 ms, and publisher p0 connected at 0. */
  private static Attempt[] basic(History h, int qos) {
    Attempt s = h.connect("s1", true, false, 0);
    h.subscribe(s, "t/#", qos, qos, 10);
    return new Attempt[] {s, h.connect("p0", true, false, 0)};
  }

  static Stream<Arguments> histories() {
    return Stream.of(
        // ------------------------------------------------------------ QoS 1 and 2 must arrive
        row("QoS 1 to a live subscriber, delivered", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 100);
          h.deliver(a[0], 0, 0, "t/a", 1, 102);
        }, "published=1 expected=1 delivered=1", ""),
        row("QoS 1 missing on a connection live long after: lost", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 100);
        }, "published=1 expected=1 lost=1", "message-lost=1"),
        row("QoS 2 missing: lost", h -> {
          Attempt[] a = basic(h, 2);
          h.publish(a[1], 0, 0, "t/a", 2, 100);
        }, "published=1 expected=1 lost=1", "message-lost=1"),
        row("QoS 1 missing, due within the drain window of the end: unknown", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, END_MS - 1000);
        }, "published=1 expected=1 unknown=1", ""),
        row("clean subscriber closed after a later message of the stream came: lost", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 100);
          h.publish(a[1], 0, 1, "t/a", 1, 200);
          h.deliver(a[0], 0, 1, "t/a", 1, 202);
          h.close(a[0], CloseCause.ABRUPT_RST_BY_CLIENT, 8000);
        }, "published=2 expected=2 delivered=1 lost=1", "message-lost=1"),
        row("persistent subscriber gone for good after a later message of the stream came: lost", h -> {
          Attempt s = h.connect("s1", false, false, 0);
          h.subscribe(s, "t/#", 1, 1, 10);
          Attempt p = h.connect("p0", true, false, 0);
          h.publish(p, 0, 0, "t/a", 1, 100);
          h.publish(p, 0, 1, "t/a", 1, 200);
          h.deliver(s, 0, 1, "t/a", 1, 202);
          h.close(s, CloseCause.ABRUPT_RST_BY_CLIENT, 300);
        }, "published=2 expected=2 delivered=1 lost=1", "message-lost=1"),
        row("persistent subscriber resumed, the offline message never came: lost", h -> {
          Attempt s = h.connect("s1", false, false, 0);
          h.subscribe(s, "t/#", 1, 1, 10);
          Attempt p = h.connect("p0", true, false, 0);
          h.close(s, CloseCause.ABRUPT_RST_BY_CLIENT, 1000);
          h.publish(p, 0, 0, "t/a", 1, 2000);
          h.connect("s1", false, true, 3000);
        }, "published=1 expected=1 lost=1", "message-lost=1"),
        row("persistent subscriber gets the offline message after the resume: late, not a finding", h -> {
          Attempt s = h.connect("s1", false, false, 0);
          h.subscribe(s, "t/#", 1, 1, 10);
          Attempt p = h.connect("p0", true, false, 0);
          h.close(s, CloseCause.ABRUPT_RST_BY_CLIENT, 1000);
          h.publish(p, 0, 0, "t/a", 1, 2000);
          Attempt back = h.connect("s1", false, true, 3000);
          h.deliver(back, 0, 0, "t/a", 1, 3001);
        }, "published=1 expected=1 delivered=1 late=1", ""),
        row("two clean connections of one ID accepted before either subscribed, the older one subscribing last:"
            + " the newer one's session is its own, from its own CONNACK", h -> {
          Attempt older = h.connect("s1", true, false, 0);
          Attempt newer = h.connect("s1", true, false, 50); // takes the older one over
          h.subscribe(newer, "t/#", 2, 2, 60);
          h.subscribe(older, "t/#", 2, 2, 70); // written before the older one read its close
          h.close(older, CloseCause.BY_BROKER, 80);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 2, 100);
          h.deliver(newer, 0, 0, "t/a", 2, 102);
          h.close(newer, CloseCause.GRACEFUL_BY_CLIENT, 200);
        }, "published=1 expected=1 delivered=1", ""),
        row("persistent subscriber taken over: the newer connection gets it", h -> {
          Attempt s = h.connect("s1", false, false, 0);
          h.subscribe(s, "t/#", 1, 1, 10);
          Attempt p = h.connect("p0", true, false, 0);
          h.publish(p, 0, 0, "t/a", 1, 1990);
          Attempt newer = h.connect("s1", false, true, 2000);
          h.close(s, CloseCause.BY_BROKER, 2050);
          h.deliver(newer, 0, 0, "t/a", 1, 2100);
        }, "published=1 expected=1 delivered=1 late=1", ""),
        // ------------------------------------------------------------ never a finding: expected losses and unknowns
        row("QoS 0 missing: expected loss", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 0, 100);
        }, "published=1 expected=1 expectedLoss=1", ""),
        row("QoS 1 to a subscription granted QoS 0: expected loss", h -> {
          Attempt s = h.connect("s1", true, false, 0);
          h.subscribe(s, "t/#", 1, 0, 10);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 1, 100);
        }, "published=1 expected=1 expectedLoss=1", ""),
        row("clean subscriber closed with nothing later of the stream: expected loss (it may have been queued)", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 100);
          h.publish(a[1], 0, 1, "t/b", 1, 200);
          h.deliver(a[0], 0, 1, "t/b", 1, 202);
          h.close(a[0], CloseCause.ABRUPT_RST_BY_CLIENT, 8000);
        }, "published=2 expected=2 delivered=1 expectedLoss=1", ""),
        row("a later message at another QoS is no witness: expected loss", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 100);
          h.publish(a[1], 0, 1, "t/a", 0, 200);
          h.deliver(a[0], 0, 1, "t/a", 0, 202);
          h.close(a[0], CloseCause.ABRUPT_RST_BY_CLIENT, 8000);
        }, "published=2 expected=2 delivered=1 expectedLoss=1", ""),
        row("a resent message is never judged by a later one: expected loss", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 100, -1);
          h.publish(a[1], 0, 0, "t/a", 1, 150, 151);
          h.publish(a[1], 0, 1, "t/a", 1, 200);
          h.deliver(a[0], 0, 1, "t/a", 1, 202);
          h.close(a[0], CloseCause.ABRUPT_RST_BY_CLIENT, 8000);
        }, "published=2 expected=2 delivered=1 expectedLoss=1", ""),
        row("clean subscriber cut within the drain window after the message: expected loss", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 900);
          h.close(a[0], CloseCause.ABRUPT_FIN_BY_CLIENT, 1000);
        }, "published=1 expected=1 expectedLoss=1", ""),
        row("clean subscriber cut: what was published while it was away is not owed", h -> {
          Attempt[] a = basic(h, 1);
          h.close(a[0], CloseCause.ABRUPT_RST_BY_CLIENT, 1000);
          h.publish(a[1], 0, 0, "t/a", 1, 2000);
          Attempt back = h.connect("s1", true, false, 3000);
          h.subscribe(back, "t/#", 1, 1, 3010);
          h.publish(a[1], 0, 1, "t/a", 1, 4000);
          h.deliver(back, 0, 1, "t/a", 1, 4002);
        }, "published=2 expected=1 delivered=1", ""),
        row("clean subscriber gone silent (keep-alive cut): expected loss", h -> {
          Attempt[] a = basic(h, 1);
          h.silence(a[0], 1000);
          h.publish(a[1], 0, 0, "t/a", 1, 2000);
          h.close(a[0], CloseCause.BY_BROKER, 16000);
        }, "published=1 expected=1 expectedLoss=1", ""),
        row("clean subscriber taken over by a clean connection: expected loss", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 1990);
          Attempt newer = h.connect("s1", true, false, 2000);
          h.close(a[0], CloseCause.BY_BROKER, 2050);
          h.subscribe(newer, "t/#", 1, 1, 2060);
        }, "published=1 expected=1 expectedLoss=1", ""),
        row("persistent subscriber never came back: unknown", h -> {
          Attempt s = h.connect("s1", false, false, 0);
          h.subscribe(s, "t/#", 1, 1, 10);
          Attempt p = h.connect("p0", true, false, 0);
          h.publish(p, 0, 0, "t/a", 1, 100);
          h.close(s, CloseCause.ABRUPT_RST_BY_CLIENT, 8000);
          h.publish(p, 0, 1, "t/a", 1, 9000);
        }, "published=2 expected=2 unknown=2", ""),
        row("persistent subscriber left gracefully and stayed away: unknown", h -> {
          Attempt s = h.connect("s1", false, false, 0);
          h.subscribe(s, "t/#", 1, 1, 10);
          Attempt p = h.connect("p0", true, false, 0);
          h.disconnect(s, 1000);
          h.publish(p, 0, 0, "t/a", 1, 2000);
        }, "published=1 expected=1 unknown=1", ""),
        row("session present 0 on resume: expected loss", h -> {
          Attempt s = h.connect("s1", false, false, 0);
          h.subscribe(s, "t/#", 1, 1, 10);
          Attempt p = h.connect("p0", true, false, 0);
          h.close(s, CloseCause.ABRUPT_RST_BY_CLIENT, 1000);
          h.publish(p, 0, 0, "t/a", 1, 2000);
          h.connect("s1", false, false, 3000);
        }, "published=1 expected=1 expectedLoss=1", ""),
        row("unacknowledged PUBLISH of a clean-session publisher: expected loss", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 100, -1);
          h.close(a[1], CloseCause.ABRUPT_RST_BY_CLIENT, 200);
        }, "published=1 expected=1 expectedLoss=1", ""),
        row("unacknowledged PUBLISH of a persistent publisher: unknown", h -> {
          Attempt s = h.connect("s1", true, false, 0);
          h.subscribe(s, "t/#", 1, 1, 10);
          Attempt p = h.connect("p0", false, false, 0);
          h.publish(p, 0, 0, "t/a", 1, 100, -1);
          h.close(p, CloseCause.ABRUPT_RST_BY_CLIENT, 200);
        }, "published=1 expected=1 unknown=1", ""),
        // ------------------------------------------------------------ the publisher's session (resends, abandons)
        row("resent with DUP on the resumed session, acknowledged there, never arrived at a live subscriber: lost",
            h -> {
              Attempt s = h.connect("s1", true, false, 0);
              h.subscribe(s, "t/#", 1, 1, 10);
              Attempt p = h.connect("p0", false, false, 0);
              h.publish(p, 0, 0, "t/a", 1, 100, -1);
              h.close(p, CloseCause.ABRUPT_RST_BY_CLIENT, 150);
              Attempt back = h.connect("p0", false, true, 200);
              h.resend(back, 0, 0, "t/a", 1, 201, 202);
            }, "published=1 expected=1 lost=1", "message-lost=1"),
        row("a resend is the same message: published once, and arriving after a later one is not out of order",
            h -> {
              Attempt s = h.connect("s1", true, false, 0);
              h.subscribe(s, "t/#", 1, 1, 10);
              Attempt p = h.connect("p0", false, false, 0);
              h.publish(p, 0, 0, "t/a", 1, 100, -1);
              h.close(p, CloseCause.ABRUPT_RST_BY_CLIENT, 150);
              Attempt back = h.connect("p0", false, true, 200);
              h.resend(back, 0, 0, "t/a", 1, 201, 202);
              h.publish(back, 0, 1, "t/a", 1, 210);
              h.deliver(s, 0, 1, "t/a", 1, 212);
              h.deliver(s, 0, 0, "t/a", 1, 215, true, false);
            }, "published=2 expected=2 delivered=2", ""),
        row("abandoned QoS 1 of a persistent publisher whose session was lost, never arrived: expected loss", h -> {
          Attempt s = h.connect("s1", true, false, 0);
          h.subscribe(s, "t/#", 1, 1, 10);
          Attempt p = h.connect("p0", false, false, 0);
          h.publish(p, 0, 0, "t/a", 1, 100, -1);
          h.close(p, CloseCause.ABRUPT_RST_BY_CLIENT, 150);
          Attempt back = h.connect("p0", false, false, 200); // session present 0: the broker kept nothing
          h.abandon(back, 0, 0, "t/a", 1, false, 200);
          h.publish(back, 0, 1, "t/a", 1, 210);
          h.deliver(s, 0, 1, "t/a", 1, 212);
        }, "published=2 expected=2 delivered=1 expectedLoss=1", ""),
        row("abandoned QoS 2 after PUBREC (released) of a clean publisher, never arrived: unknown", h -> {
          Attempt[] a = basic(h, 2);
          h.publish(a[1], 0, 0, "t/a", 2, 100, -1);
          h.abandon(a[1], 0, 0, "t/a", 2, true, 150);
          h.close(a[1], CloseCause.ABRUPT_RST_BY_CLIENT, 150);
          Attempt back = h.connect("p0", true, false, 200);
          h.publish(back, 0, 1, "t/a", 2, 210);
          h.deliver(a[0], 0, 1, "t/a", 2, 212);
        }, "published=2 expected=2 delivered=1 unknown=1", ""),
        row("abandoned, but the broker had delivered it: delivered", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 100, -1);
          h.deliver(a[0], 0, 0, "t/a", 1, 102);
          h.abandon(a[1], 0, 0, "t/a", 1, false, 150);
          h.close(a[1], CloseCause.ABRUPT_RST_BY_CLIENT, 150);
        }, "published=1 expected=1 delivered=1", ""),
        row("published while SUBSCRIBE was in flight, not delivered: not owed", h -> {
          Attempt s = h.connect("s1", true, false, 0);
          h.subscribeUntil(s, "t/#", 1, 90, 110);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 1, 100);
        }, "published=1", ""),
        row("published while SUBSCRIBE was in flight, delivered: expected and delivered", h -> {
          Attempt s = h.connect("s1", true, false, 0);
          h.subscribeUntil(s, "t/#", 1, 90, 110);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 1, 100);
          h.deliver(s, 0, 0, "t/a", 1, 111);
        }, "published=1 expected=1 delivered=1", ""),
        row("refused subscription (0x80): nothing owed", h -> {
          Attempt s = h.connect("s1", true, false, 0);
          h.subscribe(s, "t/#", 1, 0x80, 10);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 1, 100);
        }, "published=1", ""),
        row("published between UNSUBSCRIBE and UNSUBACK, delivered: allowed", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 199, 202);
          h.unsubscribe(a[0], "t/#", 200, 201);
          h.deliver(a[0], 0, 0, "t/a", 1, 203);
        }, "published=1 expected=1 delivered=1", ""),
        row("published between UNSUBSCRIBE and UNSUBACK, not delivered: not owed", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 199, 202);
          h.unsubscribe(a[0], "t/#", 200, 201);
        }, "published=1", ""),
        row("MQTT 5 UNSUBACK refusing the UNSUBSCRIBE: the subscription goes on, a missing message is lost", h -> {
          Attempt[] a = basic(h, 1);
          h.unsubscribeRefused(a[0], "t/#", 50, 51);
          h.publish(a[1], 0, 0, "t/a", 1, 100);
        }, "published=1 expected=1 lost=1", "message-lost=1"),
        // ------------------------------------------------------------ duplicates
        row("QoS 2 delivered twice, the copy as a new message: duplicate", h -> {
          Attempt[] a = basic(h, 2);
          h.publish(a[1], 0, 0, "t/a", 2, 100);
          h.deliver(a[0], 0, 0, "t/a", 2, 102);
          h.deliver(a[0], 0, 0, "t/a", 2, 103);
        }, "published=1 expected=1 delivered=1 duplicated=1", "message-duplicate=1"),
        row("QoS 2 resent with DUP after a resume: counted, not a finding", h -> {
          Attempt s = h.connect("s1", false, false, 0);
          h.subscribe(s, "t/#", 2, 2, 10);
          Attempt p = h.connect("p0", true, false, 0);
          h.publish(p, 0, 0, "t/a", 2, 100);
          h.deliver(s, 0, 0, "t/a", 2, 102);
          h.close(s, CloseCause.BY_BROKER, 200);
          Attempt back = h.connect("s1", false, true, 300);
          h.deliver(back, 0, 0, "t/a", 2, 301, true, false);
        }, "published=1 expected=1 delivered=1 duplicated=1", ""),
        row("QoS 1 delivered twice: counted, not a finding", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 100);
          h.deliver(a[0], 0, 0, "t/a", 1, 102);
          h.deliver(a[0], 0, 0, "t/a", 1, 103);
        }, "published=1 expected=1 delivered=1 duplicated=1", ""),
        row("QoS 2 once per overlapping subscription: allowed", h -> {
          Attempt s = h.connect("s1", true, false, 0);
          h.subscribe(s, "t/#", 2, 2, 10);
          h.subscribe(s, "t/+", 2, 2, 20);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 2, 100);
          h.deliver(s, 0, 0, "t/a", 2, 102);
          h.deliver(s, 0, 0, "t/a", 2, 103);
        }, "published=1 expected=1 delivered=1", ""),
        // ------------------------------------------------------------ order
        row("two messages of one publisher and topic swapped: out of order", h -> {
          Attempt[] a = basic(h, 1);
          for (int i = 0; i < 3; i++) {
            h.publish(a[1], 0, i, "t/a", 1, 100 + 10 * i);
          }
          h.deliver(a[0], 0, 1, "t/a", 1, 130);
          h.deliver(a[0], 0, 0, "t/a", 1, 131);
          h.deliver(a[0], 0, 2, "t/a", 1, 132);
        }, "published=3 expected=3 delivered=3 outOfOrder=1", "message-out-of-order=1"),
        row("swapped across two topics: not compared", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 100);
          h.publish(a[1], 0, 1, "t/b", 1, 110);
          h.deliver(a[0], 0, 1, "t/b", 1, 130);
          h.deliver(a[0], 0, 0, "t/a", 1, 131);
        }, "published=2 expected=2 delivered=2", ""),
        row("swapped across two publishers: not compared", h -> {
          Attempt[] a = basic(h, 1);
          Attempt p1 = h.connect("p1", true, false, 0);
          h.publish(a[1], 0, 0, "t/a", 1, 100);
          h.publish(p1, 1, 0, "t/a", 1, 110);
          h.deliver(a[0], 1, 0, "t/a", 1, 130);
          h.deliver(a[0], 0, 0, "t/a", 1, 131);
        }, "published=2 expected=2 delivered=2", ""),
        row("a resent message after its successor: not out of order", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 100, -1);
          h.publish(a[1], 0, 0, "t/a", 1, 105, 106);
          h.publish(a[1], 0, 1, "t/a", 1, 110);
          h.deliver(a[0], 0, 1, "t/a", 1, 130);
          h.deliver(a[0], 0, 0, "t/a", 1, 131);
        }, "published=2 expected=2 delivered=2", ""),
        row("a redelivery on a new connection before newer ones: not compared", h -> {
          Attempt s = h.connect("s1", false, false, 0);
          h.subscribe(s, "t/#", 1, 1, 10);
          Attempt p = h.connect("p0", true, false, 0);
          h.publish(p, 0, 0, "t/a", 1, 100);
          h.publish(p, 0, 1, "t/a", 1, 110);
          h.deliver(s, 0, 1, "t/a", 1, 130);
          h.close(s, CloseCause.BY_BROKER, 140);
          Attempt back = h.connect("s1", false, true, 150);
          h.deliver(back, 0, 0, "t/a", 1, 151, true, false);
        }, "published=2 expected=2 delivered=2 late=1", ""),
        // ------------------------------------------------------------ never delivered
        row("a topic no subscription matches: unexpected", h -> {
          Attempt s = h.connect("s1", true, false, 0);
          h.subscribe(s, "u/#", 1, 1, 10);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 1, 100);
          h.deliver(s, 0, 0, "t/a", 1, 102);
        }, "published=1 unexpected=1", "message-unexpected=1"),
        row("a client that never subscribed: unexpected", h -> {
          Attempt s = h.connect("s1", true, false, 0);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 1, 100);
          h.deliver(s, 0, 0, "t/a", 1, 102);
        }, "published=1 unexpected=1", "message-unexpected=1"),
        row("published after UNSUBACK: unexpected", h -> {
          Attempt[] a = basic(h, 1);
          h.unsubscribe(a[0], "t/#", 200, 201);
          h.publish(a[1], 0, 0, "t/a", 1, 300);
          h.deliver(a[0], 0, 0, "t/a", 1, 301);
        }, "published=1 unexpected=1", "message-unexpected=1"),
        row("a $ topic is not matched by #: unexpected", h -> {
          Attempt s = h.connect("s1", true, false, 0);
          h.subscribe(s, "#", 1, 1, 10);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "$chaos/a", 1, 100);
          h.deliver(s, 0, 0, "$chaos/a", 1, 102);
        }, "published=1 unexpected=1", "message-unexpected=1"),
        // ------------------------------------------------------------ shared subscriptions
        row("shared group: each message to one member", h -> {
          Attempt m1 = h.connect("m1", true, false, 0);
          Attempt m2 = h.connect("m2", true, false, 0);
          h.subscribe(m1, "$share/g/t/#", 1, 1, 10);
          h.subscribe(m2, "$share/g/t/#", 1, 1, 10);
          Attempt p = h.connect("p0", true, false, 0);
          h.publish(p, 0, 0, "t/a", 1, 100);
          h.publish(p, 0, 1, "t/a", 1, 110);
          h.deliver(m1, 0, 0, "t/a", 1, 102);
          h.deliver(m2, 0, 1, "t/a", 1, 112);
        }, "published=2 expected=2 delivered=2", ""),
        row("shared group: a QoS 2 message to two members is a duplicate", h -> {
          Attempt m1 = h.connect("m1", true, false, 0);
          Attempt m2 = h.connect("m2", true, false, 0);
          h.subscribe(m1, "$share/g/t/#", 2, 2, 10);
          h.subscribe(m2, "$share/g/t/#", 2, 2, 10);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 2, 100);
          h.deliver(m1, 0, 0, "t/a", 2, 102);
          h.deliver(m2, 0, 0, "t/a", 2, 103);
        }, "published=1 expected=1 delivered=1 duplicated=1", "message-duplicate=1"),
        row("shared group: missing while every member stayed: lost", h -> {
          Attempt m1 = h.connect("m1", true, false, 0);
          Attempt m2 = h.connect("m2", true, false, 0);
          h.subscribe(m1, "$share/g/t/#", 1, 1, 10);
          h.subscribe(m2, "$share/g/t/#", 1, 1, 10);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 1, 100);
        }, "published=1 expected=1 lost=1", "message-lost=1"),
        row("shared group: missing after a member left: unknown", h -> {
          Attempt m1 = h.connect("m1", true, false, 0);
          Attempt m2 = h.connect("m2", true, false, 0);
          h.subscribe(m1, "$share/g/t/#", 1, 1, 10);
          h.subscribe(m2, "$share/g/t/#", 1, 1, 10);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 1, 100);
          h.close(m2, CloseCause.ABRUPT_RST_BY_CLIENT, 2000);
        }, "published=1 expected=1 unknown=1", ""),
        row("shared group and a plain subscriber: each owed once", h -> {
          Attempt m1 = h.connect("m1", true, false, 0);
          Attempt s = h.connect("s1", true, false, 0);
          h.subscribe(m1, "$share/g/t/#", 1, 1, 10);
          h.subscribe(s, "t/#", 1, 1, 10);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 1, 100);
          h.deliver(m1, 0, 0, "t/a", 1, 102);
          h.deliver(s, 0, 0, "t/a", 1, 102);
        }, "published=1 expected=2 delivered=2", ""),
        row("one session in a shared group and on its own filter: a copy for each", h -> {
          Attempt m1 = h.connect("m1", true, false, 0);
          h.subscribe(m1, "$share/g/t/#", 2, 2, 10);
          h.subscribe(m1, "t/+", 2, 2, 10);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 2, 100);
          h.deliver(m1, 0, 0, "t/a", 2, 102);
          h.deliver(m1, 0, 0, "t/a", 2, 103);
        }, "published=1 expected=2 delivered=2", ""),
        // ------------------------------------------------------------ not the harness's messages
        row("payloads without a stamp: ignored", h -> {
          Attempt[] a = basic(h, 1);
          h.publishUnstamped(a[1], "t/a", 100);
          h.deliverUnstamped(a[0], "t/a", 102);
        }, "", ""),
        row("another run's stamp: foreign", h -> {
          Attempt[] a = basic(h, 1);
          h.deliverStamped(a[0], 0, 0, -60_000, "t/a", 1, 102);
        }, "foreign=1", ""),
        row("a stamp with this run's publisher and sequence but another instant: foreign", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 100);
          h.deliver(a[0], 0, 0, "t/a", 1, 102);
          h.deliverStamped(a[0], 0, 0, 50, "t/a", 1, 103);
        }, "published=1 expected=1 delivered=1 foreign=1", ""),
        row("a retained replay for a new subscription: counted, not judged", h -> {
          Attempt[] a = basic(h, 1);
          h.publish(a[1], 0, 0, "t/a", 1, 100);
          h.deliver(a[0], 0, 0, "t/a", 1, 102);
          h.deliver(a[0], 0, 0, "t/a", 1, 300, false, true);
        }, "published=1 expected=1 delivered=1 retainedReplays=1", ""),
        row("a session resumed from before the run: unmatched arrivals are foreign", h -> {
          Attempt s = h.connect("s1", false, true, 0);
          h.subscribe(s, "u/#", 1, 1, 10);
          h.publish(h.connect("p0", true, false, 0), 0, 0, "t/a", 1, 100);
          h.deliver(s, 0, 0, "t/a", 1, 102);
        }, "published=1 foreign=1", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void outcomesAndFindings(String name, Consumer<History> script, String outcomes, String kinds) {
    script.accept(h);
    MessageOutcomes m = checker.finish(at(END_MS), ms(DRAIN_MS));
    assertEquals(outcomes, render(m), name);
    assertEquals(kinds, kinds(findings.list()), name + ": " + findings.list());
    assertEquals(m.expected(), m.delivered() + m.lost() + m.unknown() + m.expectedLoss(), "every pair one outcome");
    assertEquals(findings.count(), metrics.counter("findings"));
    assertEquals(m, MessageOutcomes.fromCounters(metrics::counter), "the counters read back as the figures");
  }

  @Test
  void figuresByQosTellThePublishFromTheDelivery() {
    Attempt s = h.connect("s1", true, false, 0);
    h.subscribe(s, "t/#", 2, 0, 10); // granted 0: every delivery is QoS 0
    Attempt p = h.connect("p0", true, false, 0);
    h.publish(p, 0, 0, "t/a", 2, 100);
    h.publish(p, 0, 1, "t/a", 1, 110);
    h.deliver(s, 0, 0, "t/a", 0, 120);
    MessageOutcomes m = checker.finish(at(END_MS), ms(DRAIN_MS));
    assertEquals(new MessageOutcomes.QosOutcomes(0, 2, 1, 0, 0, 0, 0, 1, 0, 0), m.byQos().get("0"));
    assertEquals(new MessageOutcomes.QosOutcomes(1, 0, 0, 0, 0, 0, 0, 0, 0, 0), m.byQos().get("1"));
    assertEquals(new MessageOutcomes.QosOutcomes(1, 0, 0, 0, 0, 0, 0, 0, 0, 0), m.byQos().get("2"));
  }

  @Test
  void aLostMessageNamesPublisherSequenceSubscriberAndTimes() {
    Attempt[] a = basic(h, 1);
    h.publish(a[1], 0, 7, "t/a", 1, 100);
    checker.finish(at(END_MS), ms(DRAIN_MS));
    assertEquals(List.of(new Finding("message-lost", DeliveryChecker.RULE_LOST, "s1", 100,
        "QoS 1 message 0#7 of p0 on 't/a' sent at 100 ms, acknowledged at 101 ms, delivered to s1 (subscribed"
            + " 't/#' at QoS 1 from 11 ms)",
        "never arrived; its connection was live from 0 ms to the run's end at 20000 ms, drain 5000 ms")), findings.list());
  }

  @Test
  void aLostMessageNamesTheLaterOneThatCameFirst() {
    Attempt[] a = basic(h, 1);
    h.publish(a[1], 0, 0, "t/a", 1, 100);
    h.publish(a[1], 0, 1, "t/a", 1, 200);
    h.deliver(a[0], 0, 1, "t/a", 1, 202);
    h.close(a[0], CloseCause.ABRUPT_RST_BY_CLIENT, 300);
    checker.finish(at(END_MS), ms(DRAIN_MS));
    assertEquals("never arrived, though sequence 1 of the same publisher and topic did, on the connection live from"
        + " 0 ms to 300 ms", findings.list().get(0).observed());
  }

  @Test
  void aRunWithoutStampedMessagesIsSilent() {
    Attempt s = h.connect("s1", false, false, 0);
    h.subscribe(s, "t/#", 1, 1, 10);
    h.close(s, CloseCause.BY_BROKER, 100);
    h.connect("s1", false, true, 200);
    h.connect("other", true, false, 0);
    assertEquals(MessageOutcomes.NONE, checker.finish(at(END_MS), ms(DRAIN_MS)));
    assertEquals(0, findings.count());
    assertEquals(Map.of(), metrics.counters());
  }

  @Test
  void takesTheClientsUnsubscribeResendAndAbandonEvents() {
    assertEquals(true, checker.kinds().containsAll(java.util.Set.of(
        org.mqttchaos.client.ConnectionEvent.UnsubscribeSent.class,
        org.mqttchaos.client.ConnectionEvent.UnsubAckReceived.class,
        org.mqttchaos.client.ConnectionEvent.PublishResent.class,
        org.mqttchaos.client.ConnectionEvent.MessageAbandoned.class)), checker.kinds().toString());
  }

  @Test
  void finishJudgesOnce() {
    Attempt[] a = basic(h, 1);
    h.publish(a[1], 0, 0, "t/a", 1, 100);
    MessageOutcomes first = checker.finish(at(END_MS), ms(DRAIN_MS));
    assertEquals(first, checker.finish(at(END_MS + 1), ms(DRAIN_MS)));
    assertEquals(first, checker.outcomes());
    assertEquals(1, findings.count());
  }

  /** The non-zero figures, in MessageOutcomes' order: "published=1 expected=1 ...". */
  static String render(MessageOutcomes m) {
    long[] values = {m.published(), m.expected(), m.delivered(), m.lost(), m.duplicated(), m.outOfOrder(),
        m.unknown(), m.expectedLoss(), m.late(), m.unexpected(), m.retainedReplays(), m.foreign()};
    String[] names = {"published", "expected", "delivered", "lost", "duplicated", "outOfOrder", "unknown",
        "expectedLoss", "late", "unexpected", "retainedReplays", "foreign"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (values[i] != 0) {
        out.add(names[i] + "=" + values[i]);
      }
    }
    return String.join(" ", out);
  }

  /** Finding kinds with their counts, by name: "message-lost=2 message-unexpected=1". */
  static String kinds(List<Finding> list) {
    Map<String, Integer> by = new TreeMap<>();
    list.forEach(f -> by.merge(f.kind(), 1, Integer::sum));
    List<String> out = new ArrayList<>();
    by.forEach((k, v) -> out.add(k + "=" + v));
    return String.join(" ", out);
  }
}
