package org.mqttchaos.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.client.BrokerUrl;

/** Every file under profiles/ loads as shipped, so new profiles are covered without new tests. */
class ShippedProfilesTest {
  private static final Path PROFILES = Path.of("profiles");

  private static List<Path> profileFiles() throws IOException {
    try (Stream<Path> files = Files.walk(PROFILES, 5)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
    }
  }

  @Test
  void everyShippedProfileLoadsWithAnEmptyEnvironment() throws IOException {
    List<Path> files = profileFiles();
    assertTrue(files.size() >= 2, "profiles found: " + files);
    for (Path file : files) {
      ResolvedProfile resolved = ProfileLoader.load(file, Map.of(), List.of());
      assertTrue(resolved.profile().broker().embedded(), file + " should default to the embedded broker");
      assertEquals(ProfileLoader.baseName(file.toString()), resolved.profile().name(), file + " name");
      assertFalse(resolved.profile().description().isEmpty(), file + " description");
    }
  }

  @Test
  void quickstartIsAThousandClientsInUnderAMinute() {
    Profile p = ProfileLoader.load(PROFILES.resolve("quickstart.yaml"), Map.of(), List.of()).profile();
    assertEquals(1000, p.load().clients());
    assertEquals(0.8, p.sessions().cleanRatio());
    Duration total = p.load().rampDuration().plus(p.load().hold());
    assertTrue(total.compareTo(Duration.ofMinutes(1)) < 0, total.toString());
  }

  @Test
  void sessionsMixIsHalfPersistentWithOneReconnect() {
    Profile p = ProfileLoader.load(PROFILES.resolve("sessions-mix.yaml"),
        Map.of("MQTT_URL", "tcp://127.0.0.1:1884"), List.of()).profile();
    assertEquals(0.5, p.sessions().cleanRatio());
    assertTrue(p.sessions().reconnectPersistent());
    assertEquals(Injection.RATE, p.load().injection());
    assertEquals(1884, p.broker().port());
  }

  @Test
  void tlsProfilesUseTheEmbeddedBrokersTlsListenerUnlessPointedElsewhere(@TempDir Path dir) {
    BrokerSettings tls = ProfileLoader.load(PROFILES.resolve("tls-quickstart.yaml"), Map.of(), List.of())
        .profile().broker();
    assertEquals(BrokerUrl.Transport.TLS, tls.embeddedTransport());
    assertFalse(tls.embeddedDeviceCerts());
    BrokerSettings devices = ProfileLoader.load(PROFILES.resolve("device-certs.yaml"), Map.of(), List.of())
        .profile().broker();
    assertEquals(BrokerUrl.Transport.TLS, devices.embeddedTransport());
    assertTrue(devices.embeddedDeviceCerts(), "client certificates from the embedded broker's device CA");

    // a real broker: its URL, its CA and the device CA come from the environment
    org.mqttchaos.testsupport.TestCerts certs = new org.mqttchaos.testsupport.TestCerts(dir, "fleet");
    BrokerSettings real = ProfileLoader.load(PROFILES.resolve("device-certs.yaml"), Map.of(
        "MQTT_URL", "mqtts://127.0.0.1:8883", "MQTT_CA_FILE", certs.caFile().toString(),
        "MQTT_DEVICE_CA_FILE", certs.caFile().toString(), "MQTT_DEVICE_CA_KEY_FILE", certs.caKeyFile().toString()),
        List.of()).profile().broker();
    assertFalse(real.embedded());
    assertFalse(real.embeddedDeviceCerts());
    assertEquals(certs.caFile(), real.tls().deviceCaFile());
    assertEquals(certs.caKeyFile(), real.tls().deviceCaKeyFile());
  }
}
