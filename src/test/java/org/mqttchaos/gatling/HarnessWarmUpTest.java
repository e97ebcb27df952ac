package org.mqttchaos.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.run.RunHandOff;
import org.mqttchaos.run.RunScope;

class HarnessWarmUpTest {
  @ParameterizedTest
  @EnumSource(MqttVersion.class)
  void everyCycleConnectsAndLeavesAgainstTheInProcessStub(MqttVersion version) {
    RunScope run = new RunScope();
    RunHandOff.install(run, null);
    try {
      assertEquals(200, HarnessWarmUp.run(200, version));
      // the warm-up measures into a throwaway context: the run's own sees nothing of it
      assertEquals(0, run.metrics().counter("connects.succeeded"));
    } finally {
      RunHandOff.clear();
    }
  }

  @Test
  void zeroCyclesDoesNothing() {
    assertEquals(0, HarnessWarmUp.run(0, MqttVersion.V3_1_1));
  }
}
