package org.mqttchaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mqttchaos.profile.Profile;
import org.mqttchaos.profile.ProfileLoader;

class CapacityCheckTest {
  private static final long FIXED = 100;

  @Test
  void acceptsWhatFits() {
    assertTrue(CapacityCheck.check(100, 100, true, 0).isEmpty());
  }

  @Test
  void refusesMoreConnectionsThanFileDescriptorsWithTheNumbers() {
    String message = CapacityCheck.check(20_000, 20_000, false, 8, 20_000, 28_232, FIXED).orElseThrow();
    assertTrue(message.contains("file descriptors"), message);
    assertTrue(message.contains("20,000"), message);
    assertTrue(message.contains("19,900"), message); // what fits: the limit less the harness's own
    assertTrue(message.contains("--shard"), message);
  }

  @Test
  void nineteenThousandNineHundredIdleClientsFitUnderTwentyThousandDescriptors() {
    assertTrue(CapacityCheck.check(19_900, 19_900, false, 4, 20_000, 28_232, FIXED).isEmpty());
  }

  @Test
  void embeddedBrokerCountsBothEndsOfEachConnection() {
    assertTrue(CapacityCheck.check(9_000, 9_000, false, 8, 20_000, 28_232, FIXED).isEmpty());
    assertTrue(CapacityCheck.check(10_000, 10_000, true, 8, 20_000, 28_232, FIXED).orElseThrow()
        .contains("embedded broker"));
  }

  @Test
  void refusesMoreClientsThanEphemeralPortsAndCountsSourceAddresses() {
    String message = CapacityCheck.check(30_000, 100, false, 1, 1_000_000, 28_232, FIXED).orElseThrow();
    assertTrue(message.contains("28,232"), message);
    assertTrue(message.contains("source address"), message);
    assertTrue(CapacityCheck.check(30_000, 100, false, 2, 1_000_000, 28_232, FIXED).isEmpty());
  }

  @Test
  void peakConnectionsFollowRateTimesLifeNotTheClientCount() {
    // churn: hold 0 at 5,000/s keeps about one second of starts open, not 100,000
    assertEquals(5_000, CapacityCheck.peakConnections(profile(
        "load: {clients: 100000, injection: rate, rate: 5000, hold: 0s}\nsessions: {cleanRatio: 1.0}\n")));
    // idle: everyone stays 20 s, so all 19,900 are open at once
    assertEquals(19_900, CapacityCheck.peakConnections(profile(
        "load: {clients: 19900, injection: rate, rate: 5000, hold: 20s}\n")));
    assertEquals(3_000, CapacityCheck.peakConnections(profile(
        "load: {clients: 3000, injection: atOnce, hold: 0s}\n")));
  }

  @Test
  void countsTheDescriptorsThisProcessHoldsAndWillOpen() {
    long fixed = CapacityCheck.fixedDescriptors();
    assertTrue(fixed > CapacityCheck.RUN_DESCRIPTORS, "fixed " + fixed);
    assertTrue(CapacityCheck.maxFileDescriptors() > 0);
    assertTrue(CapacityCheck.ephemeralPorts() > 0);
  }

  private static Profile profile(String yaml) {
    return ProfileLoader.parse("broker: {url: tcp://127.0.0.1:1883}\n" + yaml, "capacity.yaml", Map.of(), List.of())
        .profile();
  }
}
