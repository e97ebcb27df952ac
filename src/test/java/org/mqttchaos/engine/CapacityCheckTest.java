package org.mqttchaos.engine;

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
  void readsTheMachinesLimits() {
    assertTrue(CapacityCheck.maxFileDescriptors() > 0);
    assertTrue(CapacityCheck.ephemeralPorts() > 0);
  }
}
