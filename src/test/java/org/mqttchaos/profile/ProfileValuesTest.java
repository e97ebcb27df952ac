package org.mqttchaos.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.client.AbruptMode;
import org.mqttchaos.client.MqttVersion;

/** Every key read from a profile as DESIGN.md shows it, and the value forms each key accepts. */
class ProfileValuesTest {
  static final String DESIGN_EXAMPLE = """
      name: takeover-storm
      description: 5% of clients share an ID; auto-reconnect makes the pairs flap.
      seed: 42
      broker:
        url: tcp://127.0.0.1:1883
        mqttVersion: "5"
        username: alice
        password: s3cret
        sourceAddresses: [127.0.0.1, 127.0.0.5-127.0.0.7, "::1"]
        connectTimeout: 2500ms
      load: {clients: 2000, injection: atOnce, rampDuration: 20s, rate: 50.5, hold: 2m, keepAlive: 45s, leave: abrupt,
              startGrid: 0}
      sessions: {cleanRatio: 0.7, reconnectPersistent: false, sessionExpiry: 1h}
      collisions: {ratio: 0.05, groupSize: 3}
      reconnect: {enabled: true, initialDelay: 1s, maxDelay: 30s, multiplier: 1.5, jitter: 0.2}
      chaos:
        abruptDrop: {ratePerMinute: 0.1, mode: fin}
        keepAliveExpiry: {ratio: 0.02, after: 10s, tolerance: 500ms}
        massDrop: [{at: 40s, fraction: 0.5, mode: fin}, {at: 0, fraction: 1}]
      will: {ratio: 1.0, qos: 2, topic: "chaos/will/{clientId}"}
      assertions:
        - connect.p99 < 50ms
        - findings == 0
      """;

  @TempDir Path dir;

  @Test
  void everyKeyOfTheDesignExample() {
    Profile p = new ProfileFiles(dir).loadAllFeatures(DESIGN_EXAMPLE);
    assertEquals("takeover-storm", p.name());
    assertEquals(42, p.seed());
    assertEquals(new BrokerSettings("tcp://127.0.0.1:1883", MqttVersion.V5, "alice", "s3cret",
        List.of("127.0.0.1", "127.0.0.5", "127.0.0.6", "127.0.0.7", "::1"), Duration.ofMillis(2500)), p.broker());
    assertEquals(new LoadSettings(2000, Injection.AT_ONCE, Duration.ofSeconds(20), 50.5, Duration.ofMinutes(2),
        Duration.ofSeconds(45), Leave.ABRUPT, Duration.ZERO), p.load());
    assertEquals(new SessionSettings(0.7, false, Duration.ofHours(1), null), p.sessions());
    assertEquals(new CollisionSettings(0.05, 3), p.collisions());
    assertEquals(new ReconnectSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(30), 1.5, 0.2),
        p.reconnect());
    assertEquals(new AbruptDrop(0.1, AbruptMode.FIN), p.chaos().abruptDrop());
    assertEquals(new KeepAliveExpiry(0.02, Duration.ofSeconds(10), Duration.ofMillis(500)),
        p.chaos().keepAliveExpiry());
    assertEquals(List.of(new MassDrop(Duration.ofSeconds(40), 0.5, AbruptMode.FIN),
        new MassDrop(Duration.ZERO, 1.0, AbruptMode.RST)), p.chaos().massDrop());
    assertEquals(new WillSettings(1.0, 2, "chaos/will/{clientId}"), p.will());
    assertEquals(List.of("connect.p99 < 50ms", "findings == 0"), p.assertions());
  }

  @Test
  void mqttVersionAcceptsTextAndNumbers() {
    ProfileFiles files = new ProfileFiles(dir);
    assertEquals(MqttVersion.V5, files.load("broker: {mqttVersion: 5}").broker().mqttVersion());
    assertEquals(MqttVersion.V5, files.load("broker: {mqttVersion: 5.0}").broker().mqttVersion());
    assertEquals(MqttVersion.V5, files.load("broker: {mqttVersion: \"5\"}").broker().mqttVersion());
    assertEquals(MqttVersion.V3_1_1, files.load("broker: {mqttVersion: 3.1.1}").broker().mqttVersion());
  }

  @Test
  void brokerHostAndPortFromUrl() {
    ProfileFiles files = new ProfileFiles(dir);
    BrokerSettings tcp = files.load("broker: {url: 'tcp://127.0.0.2:1884'}").broker();
    assertFalse(tcp.embedded());
    assertEquals("127.0.0.2", tcp.host());
    assertEquals(1884, tcp.port());
    BrokerSettings mqtt = files.load("broker: {url: 'mqtt://localhost'}").broker();
    assertEquals("localhost", mqtt.host());
    assertEquals(1883, mqtt.port());
    assertEquals("::1", files.load("broker: {url: 'tcp://[::1]:1885'}").broker().host());
    BrokerSettings embedded = files.load("").broker();
    assertThrows(IllegalStateException.class, embedded::port);
  }

  @Test
  void keepAliveZeroTurnsItOff() {
    assertEquals(Duration.ZERO, new ProfileFiles(dir).load("load: {keepAlive: 0s}").load().keepAlive());
  }

  @Test
  void enumsIgnoreCase() {
    LoadSettings load = new ProfileFiles(dir).load("load: {injection: ATONCE, leave: Abrupt}").load();
    assertEquals(Injection.AT_ONCE, load.injection());
    assertEquals(Leave.ABRUPT, load.leave());
  }

  @Test
  void passwordNeverInToString() {
    Profile p = new ProfileFiles(dir).load("broker: {password: hunter2}");
    assertEquals("hunter2", p.broker().password());
    assertFalse(p.toString().contains("hunter2"));
  }

  @Test
  void singleSourceAddressNeedsNoList() {
    Profile p = new ProfileFiles(dir).load("broker: {sourceAddresses: 127.0.0.3-127.0.0.4}");
    assertEquals(List.of("127.0.0.3", "127.0.0.4"), p.broker().sourceAddresses());
  }
}
