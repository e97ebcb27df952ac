package org.mqttchaos.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ${VAR} and ${VAR:-default} come from the environment map and are typed like any written value. */
class EnvSubstitutionTest {
  @TempDir Path dir;

  private Profile load(String yaml, Map<String, String> env) {
    return ProfileLoader.load(new ProfileFiles(dir).write("p.yaml", yaml), env, List.of()).profile();
  }

  @Test
  void defaultIsTypedLikeAWrittenValue() {
    Profile p = load("load:\n  clients: ${N:-250}\n  hold: ${HOLD:-3s}\n", Map.of());
    assertEquals(250, p.load().clients());
    assertEquals(java.time.Duration.ofSeconds(3), p.load().hold());
  }

  @Test
  void environmentWinsOverDefault() {
    Profile p = load("load: {clients: '${N:-250}'}\nbroker: {url: '${MQTT_URL:-embedded}'}\n",
        Map.of("N", "5000", "MQTT_URL", "tcp://127.0.0.1:1884"));
    assertEquals(5000, p.load().clients());
    assertEquals(1884, p.broker().port());
  }

  @Test
  void emptyDefaultMeansNone() {
    Profile p = load("broker:\n  username: ${MQTT_USER:-}\n  password: ${MQTT_PASSWORD:-}\n", Map.of());
    assertNull(p.broker().username());
    assertNull(p.broker().password());
  }

  @Test
  void substitutesInsideTextAndLists() {
    Profile p = load("description: run by ${USER}, seed ${SEED:-1}\nbroker: {sourceAddresses: ['${SRC}']}\n",
        Map.of("USER", "ci", "SRC", "127.0.0.2-127.0.0.3"));
    assertEquals("run by ci, seed 1", p.description());
    assertEquals(List.of("127.0.0.2", "127.0.0.3"), p.broker().sourceAddresses());
  }

  @Test
  void substitutedValueIsStillChecked() {
    ProfileFiles files = new ProfileFiles(dir);
    assertEquals(files.at(2) + "load.clients: expected a whole number >= 1, got 'many'",
        files.errorWithEnv("load:\n  clients: ${N}\n", Map.of("N", "many")));
  }

  @Test
  void unsetVariableWithoutDefaultIsAnError() {
    ProfileFiles files = new ProfileFiles(dir);
    assertEquals(files.at(3) + "broker.password: environment variable MQTT_PASSWORD is not set"
        + " (write ${MQTT_PASSWORD:-default} to give a default)",
        files.errorWithEnv("broker:\n  username: bob\n  password: ${MQTT_PASSWORD}\n", Map.of()));
  }

  @Test
  void malformedReferences() {
    ProfileFiles files = new ProfileFiles(dir);
    assertEquals(files.at(1) + "description: unclosed '${' (expected ${VAR} or ${VAR:-default})",
        files.errorWithEnv("description: costs ${PRICE\n", Map.of()));
    assertEquals(files.at(1) + "description: bad variable '${1X}' (expected ${VAR} or ${VAR:-default})",
        files.errorWithEnv("description: ${1X}\n", Map.of()));
  }
}
