package org.mqttchaos.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolved YAML written to results/<run>/profile.yaml: complete, masked, and loadable to replay. */
class ResolvedYamlTest {
  @TempDir Path dir;

  private ResolvedProfile resolve(ProfileLoader loader, String yaml, Map<String, String> env, String... sets) {
    return loader.resolve(new ProfileFiles(dir).write("p.yaml", yaml), env, List.of(sets));
  }

  private Profile reload(ProfileLoader loader, ResolvedProfile resolved) {
    Path file = new ProfileFiles(dir).write("profile.yaml", resolved.resolvedYaml());
    return loader.resolve(file, Map.of(), List.of()).profile();
  }

  @Test
  void defaultsRoundTripUnderTheShippedLoader() {
    ProfileLoader loader = new ProfileLoader(Support.NOT_YET_SUPPORTED);
    ResolvedProfile resolved = resolve(loader, "", Map.of());
    assertEquals(resolved.profile(), reload(loader, resolved));
    assertTrue(resolved.resolvedYaml().contains("  clients: 100\n"), resolved.resolvedYaml());
    assertTrue(resolved.resolvedYaml().contains("  url: embedded\n"), resolved.resolvedYaml());
    assertTrue(resolved.resolvedYaml().contains("name: p\n"), resolved.resolvedYaml());
    assertTrue(resolved.resolvedYaml().contains("  massDrop: []\n"), resolved.resolvedYaml());
    assertFalse(resolved.resolvedYaml().contains("&"), "no anchors: " + resolved.resolvedYaml());
  }

  @Test
  void everyKeyRoundTripsIncludingEnvAndSet() {
    ProfileLoader loader = new ProfileLoader(Set.of());
    String yaml = ProfileValuesTest.DESIGN_EXAMPLE.replace("password: s3cret", "password: ${NONE:-}")
        .replace("clients: 2000", "clients: '${N:-2000}'");
    ResolvedProfile resolved = resolve(loader, yaml, Map.of("N", "3000"), "load.hold=90s", "seed=-7");
    assertEquals(3000, resolved.profile().load().clients());
    assertEquals(resolved.profile(), reload(loader, resolved));
    assertTrue(resolved.resolvedYaml().contains("  hold: 90s\n"), resolved.resolvedYaml());
    assertTrue(resolved.resolvedYaml().contains("\ndescription: 5% of clients share an ID; auto-reconnect makes the"
        + " pairs flap.\n"), resolved.resolvedYaml());
  }

  @Test
  void passwordIsMaskedAndReplayAsksForIt() {
    ProfileLoader loader = new ProfileLoader(Support.NOT_YET_SUPPORTED);
    ResolvedProfile resolved = resolve(loader, "broker:\n  username: bob\n  password: ${PW}\n", Map.of("PW", "hunter2"));
    assertEquals("hunter2", resolved.profile().broker().password());
    assertFalse(resolved.resolvedYaml().contains("hunter2"));
    assertTrue(resolved.resolvedYaml().contains("  password: '***'\n"), resolved.resolvedYaml());

    Path file = new ProfileFiles(dir).write("profile.yaml", resolved.resolvedYaml());
    ProfileException e = assertThrows(ProfileException.class, () -> loader.resolve(file, Map.of(), List.of()));
    int line = List.of(resolved.resolvedYaml().split("\n")).indexOf("  password: '***'") + 1;
    assertEquals(file + ":" + line + ": broker.password: the password is masked ('***') in a resolved profile;"
        + " give it with --set broker.password=... or ${VAR}", e.getMessage());
  }

  @Test
  void literalDollarBraceSurvivesTheRoundTrip() {
    ProfileLoader loader = new ProfileLoader(Support.NOT_YET_SUPPORTED);
    ResolvedProfile resolved = resolve(loader, "description: costs $${PRICE} per $5\n", Map.of());
    assertEquals("costs ${PRICE} per $5", resolved.profile().description());
    assertEquals(resolved.profile(), reload(loader, resolved));
  }

  @Test
  void replayWithRealPasswordBySet() {
    ProfileLoader loader = new ProfileLoader(Support.NOT_YET_SUPPORTED);
    ResolvedProfile resolved = resolve(loader, "broker: {password: hunter2}\n", Map.of());
    Path file = new ProfileFiles(dir).write("profile.yaml", resolved.resolvedYaml());
    Profile replayed = loader.resolve(file, Map.of(), List.of("broker.password=hunter2")).profile();
    assertEquals(resolved.profile(), replayed);
  }
}
