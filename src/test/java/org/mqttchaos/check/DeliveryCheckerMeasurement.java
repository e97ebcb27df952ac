package org.mqttchaos.check;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.MessageOutcomes;

/**
 * Measures the delivery checker's heap per message and its verdict time on the issue's large run: 200,000 QoS 1
 * messages (1,000 publishers x 200, each on its own topic) to 10 subscribers on one wildcard, every one delivered.
 * Not a test: skipped unless -Dmqttchaos.measure=true. Method and figures: docs/delivery-checker.md.
 *
 * <pre>mvn -q -o test -Dtest=DeliveryCheckerMeasurement -Dmqttchaos.measure=true</pre>
 */
class DeliveryCheckerMeasurement {
  private static final int PUBLISHERS = 1_000;
  private static final int PER_PUBLISHER = 200;
  private static final int SUBSCRIBERS = 10;

  @Test
  void heapPerMessageAndVerdictTime() {
    assumeTrue(Boolean.getBoolean("mqttchaos.measure"), "a measurement: -Dmqttchaos.measure=true");
    long before = usedAfterGc();
    DeliveryChecker checker = new DeliveryChecker(new RunMetrics(), new Findings(), Nanos.START);
    History h = new History(checker);
    Attempt[] subs = new Attempt[SUBSCRIBERS];
    for (int s = 0; s < SUBSCRIBERS; s++) {
      subs[s] = h.connect("s" + s, true, false, 0);
      h.subscribe(subs[s], "t/#", 1, 1, 1);
    }
    Attempt[] pubs = new Attempt[PUBLISHERS];
    for (int p = 0; p < PUBLISHERS; p++) {
      pubs[p] = h.connect("p" + p, true, false, 0);
    }
    long ms = 10;
    for (int seq = 0; seq < PER_PUBLISHER; seq++) {
      for (int p = 0; p < PUBLISHERS; p++) {
        String topic = "t/" + p;
        h.publish(pubs[p], p, seq, topic, 1, ms);
        for (Attempt s : subs) {
          h.deliver(s, p, seq, topic, 1, ms + 2);
        }
      }
      ms += 5;
    }
    h.forget();
    long held = usedAfterGc() - before;
    long start = System.nanoTime();
    MessageOutcomes m = checker.finish(Nanos.at(ms + 60_000), TimeUnit.SECONDS.toNanos(5));
    long judged = System.nanoTime() - start;
    int messages = PUBLISHERS * PER_PUBLISHER;
    System.out.printf("delivery checker: %,d messages to %d subscribers: %,d bytes held, %.1f bytes per message"
        + " (%.1f per message and subscriber); finish %d ms; %s%n", messages, SUBSCRIBERS, held,
        held / (double) messages, held / (double) messages / SUBSCRIBERS, TimeUnit.NANOSECONDS.toMillis(judged),
        DeliveryCheckerTest.render(m));
    System.out.println(checker.outcomes().published()); // keeps the checker reachable through the measurement
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
