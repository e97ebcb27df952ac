package org.mqttchaos.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqttchaos.check.Nanos.at;
import static org.mqttchaos.check.Nanos.ms;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.metrics.MetricsProbe;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.MetricNames;

class WillCheckerTest {
  private static final String TOPIC = "chaos/will/c1";
  private final RunMetrics metrics = new RunMetrics();
  private final Findings findings = new Findings();
  private final WillChecker wills = new WillChecker(metrics, findings, Nanos.START, "run7");

  @Test
  void payloadNamesItsConnectionAttempt() {
    byte[] p = WillPayload.payload("dev|1", 42, "run7");
    assertArrayEquals("mqtt-chaos-will|run7|42|dev|1".getBytes(StandardCharsets.UTF_8), p);
    assertEquals(Optional.of(new WillPayload("run7", 42, "dev|1")), WillPayload.parse(p));
    assertEquals(Optional.empty(), WillPayload.parse("offline".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.empty(), WillPayload.parse("mqtt-chaos-will|run7|x|c".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.empty(), WillPayload.parse(null));
  }

  @Test
  void expectedWillReceivedOnceWithItsDelay() {
    wills.expect("c1", 0, at(1000), "abrupt RST");
    assertFalse(wills.allExpectedReceived());
    assertEquals(at(1000), wills.lastExpectationNanos());
    wills.received(TOPIC, wills.payload("c1", 0), at(1120));
    assertTrue(wills.allExpectedReceived());
    wills.finish(at(5000), ms(3000));
    assertEquals(1, metrics.counter("wills.expected"));
    assertEquals(1, metrics.counter("wills.received"));
    assertEquals(0, metrics.counter("wills.missing"));
    Histogram delay = MetricsProbe.take(metrics, MetricNames.WILL_DELAY);
    assertEquals(1, delay.getTotalCount());
    assertEquals(delay.highestEquivalentValue(120_000), delay.getMaxValue());
    assertEquals(0, findings.count());
  }

  @Test
  void aWillReceivedBeforeItsCloseWasKnownToBeAnOutagesMovesToAfterOutage() {
    // mosquitto frozen, then resumed: it cuts every client at once and publishes their wills, which reach the
    // observer before the outage detector has seen enough closes to call it one.
    wills.expect("c1", 0, at(8_403), "keep-alive cut", true);
    wills.expect("c2", 0, at(8_404), "keep-alive cut", true);
    wills.received("chaos/will/c1", wills.payload("c1", 0), at(8_405));
    wills.expect("c3", 0, at(20_000), "abrupt RST"); // a client's own drop, after the outage: owed
    wills.brokerGone(at(8_400), at(8_414));
    wills.received("chaos/will/c2", wills.payload("c2", 0), at(8_420));
    wills.received("chaos/will/c3", wills.payload("c3", 0), at(20_100));
    wills.finish(at(30_000), ms(3000));
    assertEquals(1, metrics.counter("wills.expected"));
    assertEquals(1, metrics.counter("wills.received"));
    assertEquals(2, metrics.counter("wills.afterOutage"));
    assertEquals(0, metrics.counter("wills.missing"));
    assertEquals(0, findings.count());
  }

  @Test
  void willSeenBeforeTheCloseEventMatchesWhenTheCloseArrives() {
    wills.received(TOPIC, wills.payload("c1", 3), at(100));
    assertEquals(0, metrics.counter("wills.received"));
    wills.expect("c1", 3, at(130), "keep-alive cut");
    assertEquals(1, metrics.counter("wills.received"));
    assertTrue(wills.allExpectedReceived());
    Histogram delay = MetricsProbe.take(metrics, MetricNames.WILL_DELAY);
    assertEquals(1, delay.getTotalCount());
    assertEquals(0, delay.getMaxValue());
    wills.finish(at(200), ms(3000));
    assertEquals(0, findings.count());
    assertEquals(0, metrics.counter("wills.unmatched"));
  }

  @Test
  void secondWillIsADuplicateInEitherOrder() {
    wills.expect("c1", 0, at(10), "abrupt FIN");
    wills.received(TOPIC, wills.payload("c1", 0), at(20));
    wills.received(TOPIC, wills.payload("c1", 0), at(30));
    wills.received(TOPIC, wills.payload("c2", 0), at(40));
    wills.received(TOPIC, wills.payload("c2", 0), at(41));
    wills.expect("c2", 0, at(50), "abrupt FIN");
    assertEquals(2, metrics.counter("wills.received"));
    assertEquals(2, metrics.counter("wills.duplicates"));
    assertEquals(List.of(
        new Finding("will-duplicate", WillChecker.RULE_ONCE, "c1", 30, "1 will for the close", "2 wills"),
        new Finding("will-duplicate", WillChecker.RULE_ONCE, "c2", 50, "1 will for the close", "2 wills")),
        findings.list());
    assertEquals(2, metrics.counter("findings"));
  }

  @Test
  void willAfterGracefulDisconnectIsAFindingInEitherOrder() {
    wills.forbid("c1", 0, at(100));
    wills.received(TOPIC, wills.payload("c1", 0), at(150));
    wills.received(TOPIC, wills.payload("c2", 1), at(200));
    wills.forbid("c2", 1, at(210));
    assertEquals(2, metrics.counter("wills.unexpected"));
    assertEquals(List.of(
        new Finding("will-after-disconnect", WillChecker.RULE_DISCONNECT, "c1", 150,
            "no will after a graceful DISCONNECT", "will received 50 ms after the DISCONNECT close"),
        new Finding("will-after-disconnect", WillChecker.RULE_DISCONNECT, "c2", 200,
            "no will after a graceful DISCONNECT", "will received -10 ms after the DISCONNECT close")),
        findings.list());
  }

  @Test
  void willAfterTakeoverIsRecordedNeverFound() {
    wills.takeover("c1", 0, at(10), MqttVersion.V3_1_1);
    wills.received(TOPIC, wills.payload("c1", 0), at(20));
    wills.received(TOPIC, wills.payload("c2", 0), at(20));
    wills.takeover("c2", 0, at(30), MqttVersion.V5);
    wills.takeover("c3", 0, at(30), MqttVersion.V5); // no will: fine too
    wills.finish(at(10_000), ms(3000));
    assertEquals(2, metrics.counter("wills.afterTakeover"));
    assertEquals(0, metrics.counter("wills.expected"));
    assertEquals(0, findings.count());
  }

  @Test
  void missingWillIsAFindingAtTheEnd() {
    wills.expect("c1", 0, at(1000), "abrupt RST");
    wills.expect("c1", 0, at(1001), "abrupt RST"); // same close reported twice counts once
    wills.expect("c2", 5, at(2000), "keep-alive cut");
    wills.received(TOPIC, wills.payload("c2", 5), at(2100));
    wills.finish(at(5000), ms(3000));
    wills.finish(at(9000), ms(3000));
    assertEquals(2, metrics.counter("wills.expected"));
    assertEquals(1, metrics.counter("wills.missing"));
    assertEquals(List.of(new Finding("will-missing", WillChecker.RULE_MISSING, "c1", 1000,
        "1 will within 3000 ms of the close (abrupt RST)", "none 4000 ms after the close")), findings.list());
  }

  @Test
  void foreignAndUnmatchedWillsAreCountedNotFound() {
    wills.received(TOPIC, "bye".getBytes(StandardCharsets.UTF_8), at(1));
    wills.received(TOPIC, WillPayload.payload("c1", 0, "other-run"), at(2));
    wills.received(TOPIC, wills.payload("never-closed", 0), at(3));
    wills.finish(at(10), ms(3000));
    assertEquals(2, metrics.counter("wills.foreign"));
    assertEquals(1, metrics.counter("wills.unmatched"));
    assertEquals(0, findings.count());
  }

  @Test
  void bothOrdersOnManyThreadsCountExactly() throws InterruptedException {
    int n = 20_000;
    Thread closesFirst = new Thread(() -> {
      for (int i = 0; i < n; i++) {
        wills.expect("a" + i, i, at(i), "abrupt RST");
        wills.received(TOPIC, wills.payload("a" + i, i), at(i + 5));
      }
    });
    Thread willsFirst = new Thread(() -> {
      for (int i = 0; i < n; i++) {
        wills.received(TOPIC, wills.payload("b" + i, i), at(i + 5));
        wills.expect("b" + i, i, at(i), "abrupt FIN");
      }
    });
    closesFirst.start();
    willsFirst.start();
    closesFirst.join();
    willsFirst.join();
    wills.finish(at(n + 10_000), ms(3000));
    assertEquals(2L * n, metrics.counter("wills.expected"));
    assertEquals(2L * n, metrics.counter("wills.received"));
    assertEquals(2L * n, MetricsProbe.take(metrics, MetricNames.WILL_DELAY).getTotalCount());
    assertTrue(wills.allExpectedReceived());
    assertEquals(0, findings.count());
  }

  @Test
  void willOwedWhileTheObserverWasBlindIsUnknownNotMissing() {
    wills.observerBlind(at(1000)); // the observer's connection lost
    wills.expect("c1", 0, at(1500), "broker close");
    wills.observerWatching(at(2500)); // subscribed again
    wills.expect("c2", 0, at(9000), "abrupt RST"); // due after its return, never received: a real miss
    wills.expect("c3", 0, at(9100), "abrupt RST");
    wills.received(TOPIC, wills.payload("c3", 0), at(9150));
    wills.finish(at(20_000), ms(5000));

    assertEquals(3, metrics.counter("wills.expected"));
    assertEquals(1, metrics.counter("wills.unknown"));
    assertEquals(1, metrics.counter("wills.missing"));
    assertEquals(1, metrics.counter("wills.received"));
    assertEquals(1500, metrics.counter("wills.observerBlindMillis"));
    assertEquals(List.of("will-missing"), findings.list().stream().map(Finding::kind).toList());
    assertEquals("c2", findings.list().get(0).clientId());
  }

  @Test
  void willDueJustBeforeTheClientSawItsCloseIsUnknownWhenTheObserverWasBlindThen() {
    // The broker cut the client and published at once; the client's loop saw the close 300 ms later, by when the
    // observer, lost at the same moment, was back.
    wills.observerBlind(at(1000));
    wills.observerWatching(at(1200));
    wills.expect("c1", 0, at(1500), "keep-alive cut");
    wills.finish(at(20_000), ms(5000));

    assertEquals(1, metrics.counter("wills.unknown"));
    assertEquals(0, metrics.counter("wills.missing"));
    assertEquals(0, findings.count());
  }

  @Test
  void blindnessLongAfterAWillWasDueLeavesItsVerdict() {
    wills.expect("c1", 0, at(1000), "abrupt RST");
    wills.observerBlind(at(25_000)); // later than the longest wait for it (4 graces after the close)
    wills.finish(at(30_000), ms(5000));

    assertEquals(0, metrics.counter("wills.unknown"));
    assertEquals(1, metrics.counter("wills.missing"));
  }

  @Test
  void observerThatNeverConnectedMakesEveryOwedWillUnknown() {
    wills.observerBlind(at(0));
    wills.expect("c1", 0, at(1000), "abrupt RST");
    wills.expect("c2", 0, at(2000), "keep-alive cut");
    wills.finish(at(9000), ms(5000));

    assertEquals(2, metrics.counter("wills.unknown"));
    assertEquals(0, metrics.counter("wills.missing"));
    assertEquals(9000, metrics.counter("wills.observerBlindMillis"));
    assertEquals(0, findings.count());
  }

  @Test
  void redeliveryOrRetainedReplayOfAReceivedWillIsNoDuplicateButAFreshCopyIs() {
    wills.expect("c1", 0, at(1000), "abrupt RST");
    wills.received(TOPIC, wills.payload("c1", 0), at(1100));
    wills.received(TOPIC, wills.payload("c1", 0), at(3000), true); // DUP after the observer's reconnect
    wills.expect("c2", 0, at(1000), "abrupt RST");
    wills.received(TOPIC, wills.payload("c2", 0), at(3000), true); // first seen as a replay: still received
    wills.received(TOPIC, wills.payload("c2", 0), at(3100), false); // a second live copy: a duplicate
    wills.finish(at(9000), ms(5000));

    assertEquals(2, metrics.counter("wills.received"));
    assertEquals(1, metrics.counter("wills.duplicates"));
    assertEquals(List.of("will-duplicate"), findings.list().stream().map(Finding::kind).toList());
  }

  @Test
  void theRunsEndWaitsLongerWhileWillsAreStillArriving() throws Exception {
    long grace = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
    long now = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      wills.expect("c" + i, 0, now, "abrupt RST");
    }
    // One will every 700 ms: the last arrives 4.2 s after the closes, past one grace, each within a grace of the one
    // before.
    Thread slowBroker = new Thread(() -> {
      for (int i = 0; i < 6; i++) {
        try {
          Thread.sleep(700);
        } catch (InterruptedException e) {
          return;
        }
        wills.received(TOPIC, wills.payload("c" + i, 0), System.nanoTime());
      }
    });
    slowBroker.start();
    assertTrue(wills.awaitExpected(grace), "every will arrived while the wait went on");
    slowBroker.join();
    assertEquals(6, metrics.counter("wills.received"));
  }
}
