package org.mqttchaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.profile.Profile;
import org.mqttchaos.profile.ProfileLoader;

class RolePlannerTest {
  @TempDir
  Path dir;

  private Profile profile(String yaml) throws IOException {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, yaml);
    return ProfileLoader.load(file, Map.of(), List.of()).profile();
  }

  private static List<Boolean> cleanFlags(List<UserPlan> plans) {
    return plans.stream().map(UserPlan::cleanSession).toList();
  }

  @Test
  void sameProfileAndSeedGiveTheSameRoles() throws IOException {
    Profile p = profile("seed: 7\nload: {clients: 500}\nsessions: {cleanRatio: 0.3}\n");
    assertEquals(cleanFlags(RolePlanner.plan(p, "a-")), cleanFlags(RolePlanner.plan(p, "b-")));
  }

  @Test
  void anotherSeedGivesOtherRoles() throws IOException {
    Profile seven = profile("seed: 7\nload: {clients: 500}\nsessions: {cleanRatio: 0.3}\n");
    Profile eight = profile("seed: 8\nload: {clients: 500}\nsessions: {cleanRatio: 0.3}\n");
    assertNotEquals(cleanFlags(RolePlanner.plan(seven, "x-")), cleanFlags(RolePlanner.plan(eight, "x-")));
  }

  @Test
  void cleanRatioIsExact() throws IOException {
    Profile p = profile("load: {clients: 1001}\nsessions: {cleanRatio: 0.7}\n");
    long clean = RolePlanner.plan(p, "x-").stream().filter(UserPlan::cleanSession).count();
    assertEquals(Math.round(1001 * 0.7), clean);
  }

  @Test
  void rolesAreSpreadOverTheRampNotBunchedAtItsStart() throws IOException {
    Profile p = profile("load: {clients: 1000}\nsessions: {cleanRatio: 0.5}\n");
    List<UserPlan> plans = RolePlanner.plan(p, "x-");
    long cleanInFirstHalf = plans.subList(0, 500).stream().filter(UserPlan::cleanSession).count();
    // A shuffle puts about half of the clean users in each half; bunching would put all 500 first.
    assertNotEquals(500, cleanInFirstHalf);
    assertNotEquals(0, cleanInFirstHalf);
  }

  @Test
  void clientIdsAreUniqueAndPrefixed() throws IOException {
    List<UserPlan> plans = RolePlanner.plan(profile("load: {clients: 3}\n"), "run1-");
    assertEquals(List.of("run1-u0", "run1-u1", "run1-u2"), plans.stream().map(UserPlan::clientId).toList());
  }

  @Test
  void startOffsetsFollowTheInjectionProfile() throws IOException {
    List<UserPlan> ramp = RolePlanner.plan(profile("load: {clients: 4, injection: ramp, rampDuration: 2s}\n"), "r-");
    assertEquals(List.of(0L, 500_000_000L, 1_000_000_000L, 1_500_000_000L),
        ramp.stream().map(UserPlan::startOffsetNanos).toList());
    List<UserPlan> rate = RolePlanner.plan(profile("load: {clients: 3, injection: rate, rate: 4}\n"), "r-");
    assertEquals(List.of(0L, 250_000_000L, 500_000_000L), rate.stream().map(UserPlan::startOffsetNanos).toList());
    List<UserPlan> atOnce = RolePlanner.plan(profile("load: {clients: 2, injection: atOnce}\n"), "r-");
    assertEquals(List.of(0L, 0L), atOnce.stream().map(UserPlan::startOffsetNanos).toList());
  }
}
