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
}
