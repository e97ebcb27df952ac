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
  private static final Shard WHOLE = Shard.WHOLE;

  private static java.util.Optional<String> check(int clients, int peak, boolean embedded, int sources, long fdLimit,
      int ports) {
    return CapacityCheck.check(clients, WHOLE, clients, peak, embedded, sources, fdLimit, ports, FIXED);
  }

  @Test
  void acceptsWhatFits() {
    assertTrue(CapacityCheck.check(100, WHOLE, 100, 100, true, 0).isEmpty());
  }

  @Test
  void refusesMoreConnectionsThanFileDescriptorsWithTheNumbers() {
    String message = check(20_000, 20_000, false, 8, 20_000, 28_232).orElseThrow();
    assertEquals("load.clients=20000 keeps up to 20,000 connections open at once and needs about 20,100 file "
        + "descriptors (100 for the harness itself), but this process may open 20,000 (ulimit -n). Keep at most "
        + "19,900 connections open at once (fewer clients, a lower rate or a shorter hold), raise ulimit -n, split "
        + "the run across processes with --shard.", message);
  }

  @Test
  void nineteenThousandNineHundredIdleClientsFitUnderTwentyThousandDescriptors() {
    assertTrue(check(19_900, 19_900, false, 4, 20_000, 28_232).isEmpty());
  }

  @Test
  void embeddedBrokerCountsBothEndsOfEachConnection() {
    assertTrue(check(9_000, 9_000, false, 8, 20_000, 28_232).isEmpty());
    assertTrue(check(10_000, 10_000, true, 8, 20_000, 28_232).orElseThrow().contains("embedded broker"));
  }

  @Test
  void refusesMoreClientsThanEphemeralPortsAndCountsSourceAddresses() {
    String message = check(30_000, 100, false, 1, 1_000_000, 28_232).orElseThrow();
    assertTrue(message.contains("28,232"), message);
    assertTrue(message.contains("source address"), message);
    assertTrue(check(30_000, 100, false, 2, 1_000_000, 28_232).isEmpty());
  }

  @Test
  void aShardIsCheckedForItsOwnClientsAndTheMessageSaysSo() {
    Shard shard = new Shard(2, 4);
    assertTrue(CapacityCheck.check(60_000, shard, 15_000, 15_000, false, 1, 20_000, 28_232, FIXED).isEmpty());
    assertEquals("shard 2/4 (25,000 of load.clients=100000) keeps up to 25,000 connections open at once and needs "
            + "about 25,100 file descriptors (100 for the harness itself), but this process may open 20,000 (ulimit "
            + "-n). Keep at most 19,900 connections open at once (smaller shards), raise ulimit -n, split the run "
            + "across more processes with --shard.",
        CapacityCheck.check(100_000, shard, 25_000, 25_000, false, 1, 20_000, 28_232, FIXED).orElseThrow());
    assertEquals("shard 2/4 (30,000 of load.clients=120000) needs 30,000 local ports but 1 source address gives "
            + "28,232 (28,232 ephemeral ports each). Add source addresses (--source-addresses 127.0.0.1-127.0.0.4, or "
            + "broker.sourceAddresses in the profile), or use more shards.",
        CapacityCheck.check(120_000, shard, 30_000, 100, false, 1, 1_000_000, 28_232, FIXED).orElseThrow());
    assertTrue(CapacityCheck.check(120_000, shard, 30_000, 100, false, 2, 1_000_000, 28_232, FIXED).isEmpty());
  }

  @Test
  void peakConnectionsFollowRateTimesLifeNotTheClientCount() {
    // churn: hold 0 at 5,000/s keeps about one second of starts open, not 100,000
    Profile churn = profile("load: {clients: 100000, injection: rate, rate: 5000, hold: 0s}\nsessions: {cleanRatio: 1.0}\n");
    assertEquals(5_000, CapacityCheck.peakConnections(churn));
    assertEquals(2_500, CapacityCheck.peakConnections(churn, 50_000), "a shard of half the clients: half the arrivals");
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
