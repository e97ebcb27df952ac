package org.mqttchaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CapacityCheckTest {
  @Test
  void acceptsWhatFits() {
    assertTrue(CapacityCheck.check(100, true, 0).isEmpty());
  }

  @Test
  void refusesMoreClientsThanFileDescriptorsWithTheNumbers() {
    long limit = CapacityCheck.maxFileDescriptors();
    int clients = (int) Math.min(Integer.MAX_VALUE, limit + 1);
    String message = CapacityCheck.check(clients, false, 8).orElseThrow();
    assertTrue(message.contains("file descriptors"), message);
    assertTrue(message.contains(String.format("%,d", limit)), message);
    assertTrue(message.contains("--shard"), message);
  }

  @Test
  void embeddedBrokerCountsBothEndsOfEachConnection() {
    long limit = CapacityCheck.maxFileDescriptors();
    int clients = (int) ((limit - CapacityCheck.FIXED_DESCRIPTORS) / 2 + 10);
    assertTrue(CapacityCheck.check(clients, false, 8).isEmpty());
    assertTrue(CapacityCheck.check(clients, true, 8).orElseThrow().contains("embedded broker"));
  }

  @Test
  void refusesMoreClientsThanEphemeralPortsAndCountsSourceAddresses() {
    String message = CapacityCheck.check(30_000, false, 1, 1_000_000, 28_232).orElseThrow();
    assertTrue(message.contains("28,232"), message);
    assertTrue(message.contains("source address"), message);
    assertTrue(CapacityCheck.check(30_000, false, 2, 1_000_000, 28_232).isEmpty());
  }

  @Test
  void aShardIsCheckedForItsOwnClientsAndTheMessageSaysSo() {
    Shard shard = new Shard(2, 4);
    assertTrue(CapacityCheck.check(60_000, shard, 15_000, false, 1, 20_000, 28_232).isEmpty());
    assertEquals("shard 2/4 (25,000 of load.clients=100000) needs about 25,300 file descriptors, but this process may "
            + "open 20,000 (ulimit -n). Make shards of 19,700 clients or less, raise ulimit -n, split the run across "
            + "more processes with --shard.",
        CapacityCheck.check(100_000, shard, 25_000, false, 1, 20_000, 28_232).orElseThrow());
    assertEquals("shard 2/4 (30,000 of load.clients=120000) needs 30,000 local ports but 1 source address gives "
            + "28,232 (28,232 ephemeral ports each). Add source addresses (--source-addresses 127.0.0.1-127.0.0.4, or "
            + "broker.sourceAddresses in the profile), or use more shards.",
        CapacityCheck.check(120_000, shard, 30_000, false, 1, 1_000_000, 28_232).orElseThrow());
    assertTrue(CapacityCheck.check(120_000, shard, 30_000, false, 2, 1_000_000, 28_232).isEmpty());
  }

  @Test
  void readsTheMachinesLimits() {
    assertTrue(CapacityCheck.maxFileDescriptors() > 0);
    assertTrue(CapacityCheck.ephemeralPorts() > 0);
  }
}
