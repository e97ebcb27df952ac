package org.mqttchaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqttchaos.check.Nanos.at;
import static org.mqttchaos.check.Nanos.ms;

import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.List;
import java.util.OptionalInt;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.Will;
import org.mqttchaos.metrics.MetricsProbe;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.summary.MetricNames;

/**
 * {@link WillChecker}'s verdicts on MQTT 5 wills with a Will Delay Interval (3 s here, tolerance 1 s), and DISCONNECT
 * 0x04 through a run's event stream: each verdict with its counts and its finding's evidence.
 */
class WillDelayTest {
  private static final String TOPIC = "chaos/will/c1";
  private static final long DELAY = ms(3000);
  private final RunMetrics metrics = new RunMetrics();
  private final Findings findings = new Findings();
  private final WillChecker wills = new WillChecker(metrics, findings, Nanos.START, "run7");

  private void closedAt(long ms) {
    wills.expect("c1", 0, at(ms), "abrupt RST", false, DELAY);
  }

  private void willAt(long ms) {
    wills.received(TOPIC, wills.payload("c1", 0), at(ms));
  }

  private List<String> kinds() {
    return findings.list().stream().map(Finding::kind).toList();
  }

  @Test
  void aWillArrivingAfterTheDelayIsReceivedAndItsDelayMeasuredFromTheClose() {
    closedAt(1000);
    assertEquals(at(4000), wills.lastExpectationNanos(), "the run's end waits from the instant the will is owed");
    willAt(4050);
    wills.finish(at(9000), ms(5000));

    assertEquals(1, metrics.counter("wills.expected"));
    assertEquals(1, metrics.counter("wills.received"));
    assertEquals(0, metrics.counter("wills.early"));
    assertEquals(List.of(), findings.list());
    Histogram delay = MetricsProbe.take(metrics, MetricNames.WILL_DELAY);
    assertEquals(1, delay.getTotalCount());
    assertEquals(delay.highestEquivalentValue(3_050_000), delay.getMaxValue());
  }

  @Test
  void aWillWithinTheToleranceBeforeItWasOwedIsOnTime() {
    closedAt(1000);
    willAt(3000); // owed at 4000, tolerance 1000: a whole-second clock may publish it here
    wills.finish(at(9000), ms(5000));

    assertEquals(1, metrics.counter("wills.received"));
    assertEquals(List.of(), findings.list());
  }

  @Test
  void aWillMoreThanTheToleranceBeforeItWasOwedIsEarly() {
    closedAt(1000);
    willAt(2990);
    wills.finish(at(9000), ms(5000));

    assertEquals(1, metrics.counter("wills.received"), "it came, but too soon");
    assertEquals(1, metrics.counter("wills.early"));
    assertEquals(0, metrics.counter("wills.missing"));
    assertEquals(List.of(new Finding("will-early", WillChecker.RULE_EARLY, "c1", 2990,
        "the will 3000 ms after the close (abrupt RST, Will Delay Interval; tolerance 1000 ms)",
        "will received 1990 ms after the close")), findings.list());
  }

  @Test
  void anEarlyWillSeenBeforeTheCloseIsJudgedWhenTheCloseArrives() {
    willAt(1100);
    closedAt(1000);

    assertEquals(List.of("will-early"), kinds());
  }

  @Test
  void aClientBackWithItsSessionWithinTheDelayOwesNoWill() {
    closedAt(1000);
    wills.returned("c1", at(2000), true);
    assertTrue(wills.allExpectedReceived(), "the run's end does not wait for a will no longer owed");
    wills.finish(at(9000), ms(5000));

    assertEquals(0, metrics.counter("wills.expected"));
    assertEquals(1, metrics.counter("wills.cancelled"));
    assertEquals(0, metrics.counter("wills.missing"));
    assertEquals(List.of(), findings.list());
  }

  @Test
  void aWillAfterTheClientCameBackWithItsSessionIsAFinding() {
    closedAt(1000);
    wills.returned("c1", at(2000), true);
    willAt(4000);
    wills.finish(at(9000), ms(5000));

    assertEquals(0, metrics.counter("wills.expected"));
    assertEquals(0, metrics.counter("wills.received"));
    assertEquals(1, metrics.counter("wills.afterReturn"));
    assertEquals(List.of(new Finding("will-after-return", WillChecker.RULE_RETURN, "c1", 4000,
        "no will: the client came back with its session 1000 ms after the close, within the Will Delay Interval"
            + " (3000 ms)", "will received 3000 ms after the close")), findings.list());
  }

  @Test
  void aReturnKnownOnlyAfterTheWillStillMakesItAWillAfterTheReturn() {
    closedAt(1000);
    willAt(4000); // the observer's loop reported it before the returning client's loop reported its CONNACK
    wills.returned("c1", at(2000), true);
    wills.finish(at(9000), ms(5000));

    assertEquals(0, metrics.counter("wills.expected"));
    assertEquals(0, metrics.counter("wills.received"));
    assertEquals(1, metrics.counter("wills.afterReturn"));
    assertEquals(List.of("will-after-return"), kinds());
  }

  @Test
  void aReturnWithinTheToleranceOfTheOwedInstantAllowsEitherOutcome() {
    closedAt(1000);
    wills.returned("c1", at(3500), true); // owed at 4000: the broker's clock may already have passed it
    wills.expect("c2", 0, at(1000), "abrupt RST", false, DELAY);
    wills.returned("c2", at(3500), true);
    wills.received(TOPIC, wills.payload("c2", 0), at(4000));
    wills.finish(at(9000), ms(5000));

    assertEquals(1, metrics.counter("wills.expected"), "c2's, which came");
    assertEquals(1, metrics.counter("wills.received"));
    assertEquals(1, metrics.counter("wills.cancelled"), "c1's, which did not");
    assertEquals(List.of(), findings.list());
  }

  @Test
  void aReturnAfterTheDelayLeavesTheWillOwedAndItsAbsenceIsMissing() {
    closedAt(1000);
    wills.returned("c1", at(4500), true);
    wills.finish(at(12_000), ms(5000));

    assertEquals(1, metrics.counter("wills.expected"));
    assertEquals(1, metrics.counter("wills.missing"));
    assertEquals(List.of(new Finding("will-missing", WillChecker.RULE_DELAY_MISSING, "c1", 4000,
        "1 will 3000 ms after the close (abrupt RST, Will Delay Interval), within 5000 ms of then",
        "none 11000 ms after the close")), findings.list());
  }

  @Test
  void aCleanStartEndsTheSessionSoTheWillIsOwedThenNotLater() {
    closedAt(1000);
    wills.returned("c1", at(1500), false); // clean start (or no session present): the session ended
    willAt(1600);
    wills.finish(at(9000), ms(5000));

    assertEquals(1, metrics.counter("wills.received"));
    assertEquals(0, metrics.counter("wills.early"));
    assertEquals(List.of(), findings.list());
  }

  @Test
  void anotherClientsReturnLeavesTheWillOwed() {
    closedAt(1000);
    wills.returned("c2", at(2000), true);
    assertFalse(wills.allExpectedReceived());
    willAt(4000);
    wills.finish(at(9000), ms(5000));

    assertEquals(1, metrics.counter("wills.received"));
    assertEquals(List.of(), findings.list());
  }

  @Test
  void anInterruptedRunPutsEveryOwedWillInOneBucketAndNoneNotYetDueIsMissing() {
    closedAt(1000); // owed at 4000
    wills.expect("c2", 0, at(2000), "abrupt RST", false, DELAY); // owed at 5000, client back in time
    wills.returned("c2", at(3000), true);
    wills.expect("c3", 0, at(3000), "abrupt RST", false, DELAY); // owed at 6000, arrives
    wills.received("chaos/will/c3", wills.payload("c3", 0), at(6000));
    wills.expect("c4", 0, at(10_000), "abrupt RST", false, DELAY); // owed at 13000: after the cut
    wills.finish(at(12_000), ms(5000), true); // interrupted 12 s in

    assertEquals(3, metrics.counter("wills.expected"));
    assertEquals(1, metrics.counter("wills.received"));
    assertEquals(0, metrics.counter("wills.missing"));
    assertEquals(2, metrics.counter("wills.unknown"), "c1's, not seen within the wait a whole run gives, and c4's");
    assertEquals(1, metrics.counter("wills.cancelled"));
    assertEquals(List.of(), findings.list());
  }

  @Test
  void anInterruptedRunStillFindsAWillMissingPastTheLongestWait() {
    closedAt(1000); // owed at 4000; a whole run waits at most 4 graces (20 s) past that
    wills.finish(at(24_000), ms(5000), true);

    assertEquals(1, metrics.counter("wills.missing"));
    assertEquals(0, metrics.counter("wills.unknown"));
    assertEquals(List.of("will-missing"), kinds());
  }

  @Test
  void aStatedToleranceIsTheOneJudgedBy() {
    wills.delayTolerance(0);
    closedAt(1000);
    willAt(3500);

    assertEquals(List.of("will-early"), kinds());
  }

  // ---------------------------------------------------------------- through a run's event stream

  private final RunScope run = new RunScope();

  private long runAt(long ms) {
    return run.startNanos() + ms * 1_000_000L;
  }

  private Attempt attempt(MqttVersion version, boolean clean, long expirySeconds, long delaySeconds, int id) {
    byte[] payload = run.wills().payload("d1", id);
    return new Attempt(id, 0, version, new ConnectOptions("d1", clean, 30, null, null,
        new Will("chaos/will/d1", payload, 1, false, delaySeconds), expirySeconds), "");
  }

  private void connAck(Attempt a, long ms, boolean sessionPresent) {
    run.events().onEvent(new ConnAckReceived(runAt(ms), a, 0, sessionPresent, 500_000, ms > 0,
        MqttProperties.NO_PROPERTIES));
  }

  private void closed(Attempt a, long ms, CloseCause cause) {
    run.events().onEvent(new Closed(runAt(ms), a, cause, "test", ConnectionState.CONNECTED, 1, OptionalInt.empty(),
        null));
  }

  @Test
  void theDelayInForceIsTheWillDelayCappedByTheSessionsExpiry() {
    assertEquals(ms(3000), WillChecker.owedDelayNanos(attempt(MqttVersion.V5, false, 300, 3, 0)));
    assertEquals(ms(2000), WillChecker.owedDelayNanos(attempt(MqttVersion.V5, false, 2, 3, 0)));
    assertEquals(0, WillChecker.owedDelayNanos(attempt(MqttVersion.V5, true, 0, 3, 0)), "a clean session ends at once");
    assertEquals(0, WillChecker.owedDelayNanos(attempt(MqttVersion.V3_1_1, false, 300, 3, 0)));
  }

  @Test
  void disconnectWithWillOwesTheWillAfterItsDelay() {
    Attempt a = attempt(MqttVersion.V5, false, 300, 3, 0);
    connAck(a, 0, false);
    closed(a, 1000, CloseCause.GRACEFUL_WITH_WILL_BY_CLIENT);

    assertEquals(1, run.metrics().counter("wills.expected"));
    assertEquals(1, run.metrics().counter("drops.graceful"));
    assertEquals(runAt(4000), run.wills().lastExpectationNanos());
    run.wills().finish(runAt(12_000), ms(5000));
    assertEquals(List.of(new Finding("will-missing", WillChecker.RULE_DELAY_MISSING, "d1", 4000,
        "1 will 3000 ms after the close (DISCONNECT 0x04, Will Delay Interval), within 5000 ms of then",
        "none 11000 ms after the close")), run.findings().list());
  }

  @Test
  void aPlainDisconnectStillForbidsTheWill() {
    Attempt a = attempt(MqttVersion.V5, false, 300, 3, 0);
    connAck(a, 0, false);
    closed(a, 1000, CloseCause.GRACEFUL_BY_CLIENT);
    run.wills().received("chaos/will/d1", run.wills().payload("d1", 0), runAt(4000));

    assertEquals(List.of("will-after-disconnect"), run.findings().list().stream().map(Finding::kind).toList());
  }

  @Test
  void anAcceptedConnAckWithSessionPresentWithinTheDelayWithdrawsTheWill() {
    Attempt first = attempt(MqttVersion.V5, false, 300, 3, 0);
    connAck(first, 0, false);
    closed(first, 1000, CloseCause.ABRUPT_RST_BY_CLIENT);
    connAck(attempt(MqttVersion.V5, false, 300, 3, 1), 2000, true);
    run.wills().received("chaos/will/d1", run.wills().payload("d1", 0), runAt(4000));
    run.wills().finish(runAt(9000), ms(5000));

    assertEquals(0, run.metrics().counter("wills.expected"));
    assertEquals(1, run.metrics().counter("wills.afterReturn"));
    assertEquals(List.of("will-after-return"), run.findings().list().stream().map(Finding::kind).toList());
  }
}
