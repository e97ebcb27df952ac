package org.mqttchaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.BrokerUrl;
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
  void heapForIdleTlsClientsIsTheirFootprintTwiceOverPlusTheHarness() {
    ClientFootprint tls = ClientFootprint.of(BrokerUrl.Transport.TLS, true);
    assertEquals(ClientFootprint.TLS_OPENSSL, tls);
    // 19,900 idle TLS clients: 128 MiB + 19,900 x 2 x heapBytes
    long needed = CapacityCheck.HARNESS_HEAP + 19_900L * 2 * tls.heapBytes();
    assertEquals(needed, CapacityCheck.HARNESS_HEAP + tls.reservedHeap(19_900));
    assertTrue(CapacityCheck.checkHeap(19_900, WHOLE, 19_900, 19_900, "TLS", tls, needed).isEmpty(),
        "a heap of exactly what is needed holds them");
    assertTrue(CapacityCheck.checkHeap(19_900, WHOLE, 19_900, 19_900, "TLS", tls, 512L << 20).isEmpty(),
        "the launcher's default 512 MB holds 19,900 idle TLS clients");
    String refused = CapacityCheck.checkHeap(19_900, WHOLE, 19_900, 19_900, "TLS", tls, needed - 1).orElseThrow();
    assertTrue(refused.startsWith("load.clients=19900 keeps up to 19,900 connections open at once over TLS, each "
        + "holding about " + String.format("%,d", tls.heapBytes()) + " bytes of heap"), refused);
    long fits = ((needed - 1) - CapacityCheck.HARNESS_HEAP) / (2 * tls.heapBytes());
    assertEquals(19_899, fits);
    assertTrue(refused.contains("keep at most 19,899 connections open at once"), refused);
    long askMiB = (needed + (64L << 20) - 1) / (64L << 20) * 64;
    assertTrue(refused.contains("MQTT_CHAOS_HEAP=" + askMiB + "m"), refused);
  }

  @Test
  void theSameHeapHoldsAboutTwiceAsManyPlainClientsAsTlsClients() {
    long heap = 512L << 20;
    ClientFootprint tcp = ClientFootprint.of(BrokerUrl.Transport.TCP, false);
    ClientFootprint tls = ClientFootprint.of(BrokerUrl.Transport.TLS, true);
    // 512 MB: (512 - 128) MiB / (2 x heapBytes) connections
    int plainFits = (int) ((heap - CapacityCheck.HARNESS_HEAP) / tcp.reservedHeap(1));
    int tlsFits = (int) ((heap - CapacityCheck.HARNESS_HEAP) / tls.reservedHeap(1));
    assertEquals(81_278, plainFits); // (512 - 128) MiB / 4,954 B
    assertTrue(CapacityCheck.checkHeap(plainFits, WHOLE, plainFits, plainFits, "TCP", tcp, heap).isEmpty());
    assertTrue(CapacityCheck.checkHeap(plainFits, WHOLE, plainFits, plainFits, "TLS", tls, heap).isPresent(),
        "as many TLS clients as plain ones do not fit");
    assertTrue(CapacityCheck.checkHeap(tlsFits, WHOLE, tlsFits, tlsFits, "TLS", tls, heap).isEmpty());
    assertTrue(CapacityCheck.checkHeap(tlsFits + 1, WHOLE, tlsFits + 1, tlsFits + 1, "TLS", tls, heap).isPresent());
    // the JDK's provider keeps its TLS buffers on the heap: fewer still
    ClientFootprint jdk = ClientFootprint.of(BrokerUrl.Transport.TLS, false);
    assertTrue(jdk.heapBytes() > tls.heapBytes());
    assertTrue(CapacityCheck.checkHeap(tlsFits, WHOLE, tlsFits, tlsFits, "TLS", jdk, heap).isPresent());
  }

  @Test
  void aChurnOverTlsIsCheckedForItsPeakNotItsClients() {
    // 1,000,000 TLS clients churning at 5,000/s keep ~5,000 open: far inside 512 MB
    Profile churn = profile("load: {clients: 1000000, injection: rate, rate: 5000, hold: 0s}\n",
        "mqtts://127.0.0.1:8883");
    assertEquals(BrokerUrl.Transport.TLS, ClientFootprint.transport(churn.broker()));
    int peak = CapacityCheck.peakConnections(churn);
    assertEquals(5_000, peak);
    assertTrue(CapacityCheck.checkHeap(1_000_000, WHOLE, 1_000_000, peak, "TLS",
        ClientFootprint.of(churn.broker()), 512L << 20).isEmpty());
  }

  @Test
  void aShardsHeapRefusalNamesTheShard() {
    ClientFootprint wss = ClientFootprint.of(BrokerUrl.Transport.WSS, true);
    assertTrue(wss.heapBytes() > ClientFootprint.of(BrokerUrl.Transport.WS, false).heapBytes());
    String refused = CapacityCheck.checkHeap(100_000, new Shard(1, 2), 50_000, 50_000, "WSS", wss, 256L << 20)
        .orElseThrow();
    assertTrue(refused.startsWith("shard 1/2 (50,000 of load.clients=100000) keeps up to 50,000 connections open at "
        + "once over WSS"), refused);
    assertTrue(refused.endsWith("keep at most " + String.format("%,d", (128L << 20) / wss.reservedHeap(1))
        + " connections open at once (smaller shards), or split the run across more processes with --shard."),
        refused);
  }

  @Test
  void countsTheDescriptorsThisProcessHoldsAndWillOpen() {
    long fixed = CapacityCheck.fixedDescriptors();
    assertTrue(fixed > CapacityCheck.RUN_DESCRIPTORS, "fixed " + fixed);
    assertTrue(CapacityCheck.maxFileDescriptors() > 0);
    assertTrue(CapacityCheck.ephemeralPorts() > 0);
  }

  private static Profile profile(String yaml) {
    return profile(yaml, "tcp://127.0.0.1:1883");
  }

  private static Profile profile(String yaml, String url) {
    return ProfileLoader.parse("broker: {url: " + url + "}\n" + yaml, "capacity.yaml", Map.of(), List.of())
        .profile();
  }
}
