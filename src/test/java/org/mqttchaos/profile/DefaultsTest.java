package org.mqttchaos.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.client.AbruptMode;
import org.mqttchaos.client.MqttVersion;

/** A profile states only what it changes: an empty file is a complete, runnable profile. */
class DefaultsTest {
  @TempDir Path dir;

  @Test
  void emptyFileGivesEveryDefault() {
    Path file = new ProfileFiles(dir).write("storm test.yaml", "");
    Profile p = ProfileLoader.load(file, Map.of(), List.of()).profile();

    assertEquals("storm-test", p.name());
    assertEquals("", p.description());
    assertEquals(1, p.seed());
    assertEquals(new BrokerSettings(null, MqttVersion.V3_1_1, null, null, List.of(), Duration.ofSeconds(10)),
        p.broker());
    assertTrue(p.broker().embedded());
    assertEquals(new LoadSettings(100, Injection.RAMP, Duration.ofSeconds(10), 100.0, Duration.ofSeconds(10),
        Duration.ofSeconds(30), Leave.GRACEFUL, Duration.ofMillis(1)), p.load());
    assertEquals(new SessionSettings(1.0, true, Duration.ofSeconds(300), null), p.sessions());
    assertEquals(new CollisionSettings(0, 2), p.collisions());
    assertEquals(new ReconnectSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.2),
        p.reconnect());
    assertEquals(new ChaosSettings(new AbruptDrop(0, AbruptMode.RST),
        new KeepAliveExpiry(0, Duration.ofSeconds(5), Duration.ofMillis(500)), List.of()), p.chaos());
    assertEquals(new WillSettings(0, 1, "chaos/will/{clientId}"), p.will());
    assertEquals(List.of(), p.assertions());
  }

  @Test
  void oneKeyChangesOnlyThatKey() {
    Profile p = new ProfileFiles(dir).load("load:\n  clients: 7\n");
    assertEquals(7, p.load().clients());
    assertEquals(Injection.RAMP, p.load().injection());
    assertEquals("p", p.name());
  }

  @Test
  void emptySectionsTakeDefaultsAndAnEmptyOptionalTextIsNotSet() {
    Profile p = new ProfileFiles(dir).load("broker:\n  username:\n  password: ~\nload:\nsessions: {}\n");
    assertTrue(p.broker().embedded());
    assertNull(p.broker().username());
    assertNull(p.broker().password());
    assertEquals(100, p.load().clients());
  }

  @Test
  void parseReadsYamlHeldInMemory() {
    ResolvedProfile r = ProfileLoader.parse("load: {clients: 3}\n", "inline/smoke.yaml", Map.of(), List.of("seed=9"));
    assertEquals("smoke", r.profile().name());
    assertEquals(3, r.profile().load().clients());
    assertEquals(9, r.profile().seed());
    assertEquals("inline/smoke.yaml:1: load.clients: expected a whole number >= 1, got '0'",
        assertThrows(ProfileException.class,
            () -> ProfileLoader.parse("load: {clients: 0}\n", "inline/smoke.yaml", Map.of(), List.of())).getMessage());
  }

  @Test
  void embeddedIsAWordForNoUrl() {
    assertTrue(new ProfileFiles(dir).load("broker: {url: embedded}").broker().embedded());
  }

  @Test
  void emptyCredentialsMeanNone() {
    Profile p = new ProfileFiles(dir).load("broker: {username: '', password: \"\"}");
    assertNull(p.broker().username());
    assertNull(p.broker().password());
  }
}
