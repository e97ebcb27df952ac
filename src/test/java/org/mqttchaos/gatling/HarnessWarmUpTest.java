package org.mqttchaos.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.tls.TlsOptions;
import org.mqttchaos.client.tls.TlsProvider;
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

  @ParameterizedTest
  @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
  void aTlsRunAlsoWarmsItsTlsPathWithEveryCycleVerifyingTheStubsCertificate(TlsProvider provider) {
    RunScope run = new RunScope();
    RunHandOff.install(run, null);
    try {
      TlsOptions tls = new TlsOptions(null, null, null, null, null, List.of("TLSv1.3"), List.of(), false, false, null,
          null, null, provider);
      // 50 plain cycles, then as many over TLS: each completes only if its handshake (and verification) did
      assertEquals(100, HarnessWarmUp.run(50, MqttVersion.V3_1_1, tls));
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
