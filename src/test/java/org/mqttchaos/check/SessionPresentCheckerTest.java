package org.mqttchaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqttchaos.metrics.RunMetrics;

class SessionPresentCheckerTest {
  private final RunMetrics metrics = new RunMetrics();
  private final Findings findings = new Findings();
  private final SessionModel model = new SessionModel();
  private final SessionPresentChecker checker = new SessionPresentChecker(model, metrics, findings, 0);
  private final Object first = new Object();

  @Test
  void countsEveryFlagAndFindsOnlyTheWrongOnes() {
    checker.connack("a", false, false, 1_000_000); // first persistent connect: 0 expected
    model.connected("a", false, first, SessionModel.MQTT_3_1_1);
    model.closed("a", first, 2_000_000, SessionModel.MQTT_3_1_1);
    checker.connack("a", false, true, 3_000_000); // resumed: 1 expected
    checker.connack("b", true, true, 5_000_000); // clean session answered with 1: a finding

    assertEquals(3, metrics.counter("sessionPresent.checked"));
    assertEquals(2, metrics.counter("sessionPresent.received1"));
    assertEquals(1, metrics.counter("sessionPresent.received0"));
    assertEquals(1, metrics.counter("sessionPresent.mismatches"));
    assertEquals(1, metrics.counter("findings"));
    assertEquals(List.of(new Finding("session-present-mismatch", SessionPresentChecker.RULE, "b", 5,
        "sessionPresent=0 (clean session)", "sessionPresent=1")), findings.list());
  }

  /**
   * Two persistent clients of one ID connect at once (each CONNECT written before the other's CONNACK was read); the
   * broker accepts b first (session present 0) and a second (a resumes b's live session: 1), but a's CONNACK is read
   * first. The flag of a is not judged: counted as order unknown, no finding. A later sequential reconnect is judged.
   */
  @Test
  void aFlagOfConnectsThatOverlappedIsNotJudged() {
    FlapTracker flaps = new FlapTracker(metrics, findings, 0, 1_000_000_000L, 2_000_000_000L);
    SessionPresentChecker judged = new SessionPresentChecker(model, metrics, findings, 0, null, flaps);
    Object a = new Object();
    Object b = new Object();
    flaps.connecting("id", a, 365_000_000);
    flaps.connecting("id", b, 369_000_000);
    judged.connack("id", false, true, 666_000_000, flaps.overlapsAnother("id", a, 666_000_000));
    flaps.connected("id", a, 666_000_000);
    model.connected("id", false, a, SessionModel.MQTT_3_1_1);
    judged.connack("id", false, false, 668_000_000, flaps.overlapsAnother("id", b, 668_000_000));
    flaps.connected("id", b, 668_000_000);
    model.connected("id", false, b, SessionModel.MQTT_3_1_1);
    flaps.closedByBroker("id", a, 690_000_000, -1, org.mqttchaos.client.MqttVersion.V3_1_1);
    model.closed("id", a, 690_000_000, SessionModel.MQTT_3_1_1);
    assertEquals(2, metrics.counter("sessionPresent.orderUnknown"));
    assertEquals(0, metrics.counter("sessionPresent.mismatches"));
    assertEquals(List.of(), findings.list());

    Object again = new Object(); // a's client back 1 s later, after b's CONNACK: no overlap, judged
    flaps.connecting("id", again, 1_700_000_000);
    judged.connack("id", false, false, 1_701_000_000, flaps.overlapsAnother("id", again, 1_701_000_000));
    assertEquals(1, metrics.counter("sessionPresent.mismatches"), "b's live session was there to resume");
  }
}
