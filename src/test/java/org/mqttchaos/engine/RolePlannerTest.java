package org.mqttchaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void messageRolesAreExactSharesDrawnFromTheSeed() throws IOException {
    Profile p = profile("seed: 3\nload: {clients: 200}\nmessages: {publishers: 0.25, subscribers: 0.1,"
        + " topic: 'devices/{clientId}/t/{publisher}'}\n");
    List<UserPlan> plans = RolePlanner.plan(p, "a-");
    assertEquals(50, plans.stream().filter(u -> u.messages().publishes()).count());
    assertEquals(20, plans.stream().filter(u -> u.messages().subscribes()).count());
    assertEquals(plans.stream().map(u -> u.messages().label()).toList(),
        RolePlanner.plan(p, "b-").stream().map(u -> u.messages().label()).toList(), "same seed, same roles");
    UserPlan publisher = plans.stream().filter(u -> u.messages().publishes()).findFirst().orElseThrow();
    assertEquals(publisher.index(), publisher.messages().publisher(), "the publisher index is the user's index");
    assertEquals("devices/" + publisher.clientId() + "/t/" + publisher.index(), publisher.messages().topic());
    Profile other = profile("seed: 4\nload: {clients: 200}\nmessages: {publishers: 0.25, subscribers: 0.1}\n");
    assertNotEquals(plans.stream().map(u -> u.messages().label()).toList(),
        RolePlanner.plan(other, "a-").stream().map(u -> u.messages().label()).toList());
  }

  @Test
  void messageSharesLeaveTheOtherRolesAsTheyWere() throws IOException {
    Profile without = profile("seed: 7\nload: {clients: 300}\nsessions: {cleanRatio: 0.3}\nwill: {ratio: 0.5}\n");
    Profile with = profile("seed: 7\nload: {clients: 300}\nsessions: {cleanRatio: 0.3}\nwill: {ratio: 0.5}\n"
        + "messages: {publishers: 0.5, subscribers: 0.5}\n");
    assertEquals(cleanFlags(RolePlanner.plan(without, "x-")), cleanFlags(RolePlanner.plan(with, "x-")));
    assertEquals(RolePlanner.plan(without, "x-").stream().map(UserPlan::chaos).toList(),
        RolePlanner.plan(with, "x-").stream().map(UserPlan::chaos).toList());
  }

  @Test
  void aPeerIsTheNextSubscriberInPlanOrder() throws IOException {
    Profile p = profile("load: {clients: 10}\nmessages: {publishers: 1, subscribers: 0.3,"
        + " topic: 'devices/{peer}/inbox', filter: 'devices/{clientId}/inbox'}\n");
    List<UserPlan> plans = RolePlanner.plan(p, "r-");
    List<Integer> subscribers = plans.stream().filter(u -> u.messages().subscribes()).map(UserPlan::index).toList();
    assertEquals(3, subscribers.size());
    for (UserPlan u : plans) {
      int next = subscribers.stream().filter(s -> s > u.index()).findFirst().orElse(subscribers.get(0));
      assertEquals("devices/r-u" + next + "/inbox", u.messages().topic());
    }
    subscribers.forEach(s -> assertEquals("devices/r-u" + s + "/inbox", plans.get(s).messages().filter()));
  }

  @Test
  void backendSubscribersAreNumberedAfterTheClientsWithTheirOwnPrefix() throws IOException {
    Profile p = profile("load: {clients: 5}\nmessages:\n  publishers: 1\n  backend: {subscribers: 2,"
        + " filter: 'devices/#'}\n");
    List<UserPlan> backends = RolePlanner.backends(p, "run-", 10_000_000_000L);
    assertEquals(List.of("run-backend-0", "run-backend-1"), backends.stream().map(UserPlan::clientId).toList());
    assertEquals(List.of(5, 6), backends.stream().map(UserPlan::index).toList());
    backends.forEach(b -> {
      assertEquals("devices/#", b.messages().filter());
      assertEquals(false, b.cleanSession(), "persistent by default");
      assertEquals(true, b.backend());
      assertEquals(-1, b.chaos().collisionGroup());
    });
  }

  @Test
  void theFirstBackendSubscribersDropAtTheirOwnRateTheOthersAtChaosAbruptDrop() throws IOException {
    Profile p = profile("load: {clients: 5}\nchaos: {abruptDrop: {ratePerMinute: 0}}\nmessages:\n  publishers: 1\n"
        + "  backend: {subscribers: 2, abruptDrop: {subscribers: 1, ratePerMinute: 6, mode: fin}}\n");
    List<UserPlan> backends = RolePlanner.backends(p, "run-", 60_000_000_000L);
    List<org.mqttchaos.chaos.Fault> dropped = backends.get(0).chaos().faults();
    assertTrue(dropped.size() >= 2, "6 a minute over a minute: " + dropped);
    dropped.forEach(f -> {
      assertEquals(org.mqttchaos.chaos.Fault.Kind.DROP, f.kind());
      assertEquals(org.mqttchaos.client.AbruptMode.FIN, f.mode());
    });
    assertEquals("dropper", backends.get(0).chaos().role());
    assertEquals(List.of(), backends.get(1).chaos().faults(), "chaos.abruptDrop is 0: the other never drops");
    assertEquals("plain", backends.get(1).chaos().role());
    // the same seed gives the same drop times; backend-1's own stream is untouched by backend-0's key
    assertEquals(dropped, RolePlanner.backends(p, "other-", 60_000_000_000L).get(0).chaos().faults());
    Profile both = profile("load: {clients: 5}\nchaos: {abruptDrop: {ratePerMinute: 3}}\nmessages:\n"
        + "  publishers: 1\n  backend: {subscribers: 2}\n");
    Profile one = profile("load: {clients: 5}\nchaos: {abruptDrop: {ratePerMinute: 3}}\nmessages:\n"
        + "  publishers: 1\n  backend: {subscribers: 2, abruptDrop: {subscribers: 1, ratePerMinute: 0}}\n");
    assertEquals(RolePlanner.backends(both, "r-", 60_000_000_000L).get(1).chaos().faults(),
        RolePlanner.backends(one, "r-", 60_000_000_000L).get(1).chaos().faults());
    assertEquals(List.of(), RolePlanner.backends(one, "r-", 60_000_000_000L).get(0).chaos().faults(),
        "rate 0 exempts the first from chaos.abruptDrop");
  }
}
