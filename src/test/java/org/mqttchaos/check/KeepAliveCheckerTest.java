package org.mqttchaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mqttchaos.check.Nanos.at;
import static org.mqttchaos.check.Nanos.ms;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.mqttchaos.metrics.MetricsProbe;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.MetricNames;

/** Keep-alive 10 s and tolerance 500 ms: the broker must cut a silent client within 15.5 s. */
class KeepAliveCheckerTest {
  private final RunMetrics metrics = new RunMetrics();
  private final Findings findings = new Findings();
  private final KeepAliveChecker keepAlive = new KeepAliveChecker(metrics, findings, Nanos.START, ms(500));
  private final Object conn = new Object();

  @Test
  void cutWithinTheLimitIsMeasuredOnly() {
    keepAlive.silent("c1", conn, at(1000), 10);
    keepAlive.closedByBroker(conn, at(16_500)); // exactly 1.5 x 10 s + 500 ms: on time
    assertEquals(1, metrics.counter("keepAlive.silentClients"));
    assertEquals(1, metrics.counter("keepAlive.closedByBroker"));
    assertEquals(0, metrics.counter("keepAlive.late"));
    assertEquals(0, metrics.counter("keepAlive.early"));
    Histogram detection = MetricsProbe.take(metrics, MetricNames.KEEPALIVE_DETECTION);
    assertEquals(1, detection.getTotalCount());
    assertEquals(detection.highestEquivalentValue(15_500_000), detection.getMaxValue());
    keepAlive.finish(at(100_000));
    assertEquals(0, findings.count());
  }

  @Test
  void cutBeforeKeepAliveIsAWarningNotAFinding() {
    keepAlive.silent("c1", conn, at(0), 10);
    keepAlive.closedByBroker(conn, at(9999));
    assertEquals(1, metrics.counter("keepAlive.early"));
    assertEquals(0, findings.count());
  }

  @Test
  void cutAfterTheLimitIsLate() {
    keepAlive.silent("c1", conn, at(0), 10);
    keepAlive.closedByBroker(conn, at(15_501));
    assertEquals(1, metrics.counter("keepAlive.late"));
    assertEquals(List.of(new Finding("keepalive-late", KeepAliveChecker.RULE_LATE, "c1", 15_501, "<= 15500 ms",
        "15501 ms")), findings.list());
    assertEquals(1, metrics.counter("findings"));
  }

  @Test
  void silentClientNeverCutIsNotEnforced() {
    Object onTime = new Object();
    keepAlive.silent("c1", conn, at(0), 10);
    keepAlive.silent("c2", onTime, at(5000), 10);
    keepAlive.finish(at(16_000));
    keepAlive.finish(at(99_000)); // once only
    assertEquals(1, metrics.counter("keepAlive.neverClosed"));
    assertEquals(List.of(new Finding("keepalive-not-enforced", KeepAliveChecker.RULE_LATE, "c1", 16_000,
        "closed by the broker <= 15500 ms after the last packet", "still open 16000 ms after the last packet")),
        findings.list());
  }

  @Test
  void silentClientClosingItselfPastTheLimitWasNotCut() {
    keepAlive.silent("c1", conn, at(0), 10);
    keepAlive.closedByClient(conn, at(20_000));
    keepAlive.finish(at(30_000));
    assertEquals(1, metrics.counter("keepAlive.neverClosed"));
    assertEquals(0, metrics.counter("keepAlive.closedByBroker"));
    assertEquals(1, findings.count());
  }

  @Test
  void noKeepAliveMeansNoDeadline() {
    keepAlive.silent("c1", conn, at(0), 0);
    keepAlive.finish(at(1_000_000));
    assertEquals(0, findings.count());
  }

  @Test
  void pingreqUnansweredForLongerThanKeepAliveIsMissing() {
    Object answered = new Object();
    Object young = new Object();
    keepAlive.opened("c1", conn, 10);
    keepAlive.opened("c2", answered, 10);
    keepAlive.opened("c3", young, 10);
    keepAlive.pingSent(conn, at(0));
    keepAlive.pingSent(conn, at(5000)); // still the first one outstanding
    keepAlive.pingSent(answered, at(0));
    keepAlive.pingAnswered(answered, at(3));
    keepAlive.pingSent(young, at(2000));
    keepAlive.closedByBroker(conn, at(10_001));
    keepAlive.closedByClient(answered, at(30_000));
    keepAlive.closedByBroker(young, at(12_000));
    assertEquals(1, metrics.counter("keepAlive.pingsUnanswered"));
    assertEquals(List.of(new Finding("pingresp-missing", KeepAliveChecker.RULE_PING, "c1", 10_001,
        "PINGRESP within 10000 ms", "none 10001 ms after PINGREQ")), findings.list());
  }

  @Test
  void pingreqStillUnansweredAtTheEndIsMissing() {
    keepAlive.opened("c1", conn, 10);
    keepAlive.pingSent(conn, at(0));
    keepAlive.finish(at(20_000));
    assertEquals(1, metrics.counter("keepAlive.pingsUnanswered"));
    assertEquals(1, findings.count());
  }
}
