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
}
