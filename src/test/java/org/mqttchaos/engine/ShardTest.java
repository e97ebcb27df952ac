package org.mqttchaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mqttchaos.profile.Profile;
import org.mqttchaos.profile.ProfileLoader;

class ShardTest {
  private static final String YAML = "seed: 3\nload: {clients: 1000, injection: ramp, rampDuration: 10s}\n"
      + "collisions: {ratio: 0.3, groupSize: 3}\nsessions: {cleanRatio: 0.6}\nwill: {ratio: 0.5}\n";

  private static List<UserPlan> plan(String yaml) {
    Profile profile = ProfileLoader.parse(yaml, "p.yaml", Map.of(), List.of()).profile();
    return RolePlanner.plan(profile, "run-");
  }

  private static List<List<UserPlan>> slices(List<UserPlan> all, int n) {
    List<List<UserPlan>> slices = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      slices.add(new Shard(i, n).slice(all));
    }
    return slices;
  }

  @Test
  void slicesAreDisjointAndTogetherTheWholePlan() {
    List<UserPlan> all = plan(YAML);
    List<List<UserPlan>> slices = slices(all, 4);
    Set<Integer> seen = new HashSet<>();
    slices.forEach(slice -> slice.forEach(u -> assertTrue(seen.add(u.index()), "user " + u.index() + " twice")));
    assertEquals(1000, seen.size());
    // each slice in injection order, every user with the whole run's role and planned start
    for (List<UserPlan> slice : slices) {
      for (int k = 0; k < slice.size(); k++) {
        assertEquals(all.get(slice.get(k).index()), slice.get(k));
        assertTrue(k == 0 || slice.get(k - 1).index() < slice.get(k).index());
      }
    }
  }

  @Test
  void collisionGroupsStayInOneShardAndClientIdsNeverCrossShards() {
    List<List<UserPlan>> slices = slices(plan(YAML), 4);
    Map<String, Integer> shardOfId = new HashMap<>();
    int members = 0;
    for (int s = 0; s < slices.size(); s++) {
      for (UserPlan u : slices.get(s)) {
        Integer before = shardOfId.putIfAbsent(u.clientId(), s);
        assertTrue(before == null || before == s, u.clientId() + " in shards " + before + " and " + s);
        members += u.chaos().collisionGroup() >= 0 ? 1 : 0;
      }
    }
    assertEquals(300, members);
    assertEquals(1000 - 300 + 100, shardOfId.size(), "700 own IDs and 100 shared by a group of 3");
  }

  @Test
  void shardsAreBalancedWithinOneGroup() {
    for (List<UserPlan> slice : slices(plan(YAML), 4)) {
      assertTrue(Math.abs(slice.size() - 250) <= 2, "shard of " + slice.size());
    }
    assertEquals(List.of(334, 333, 333), slices(plan("load: {clients: 1000}\n"), 3).stream().map(List::size).toList());
  }

  @Test
  void sameSeedGivesTheSameSlicesAnotherSeedOthers() {
    List<List<UserPlan>> one = slices(plan(YAML), 3);
    List<List<UserPlan>> again = slices(plan(YAML), 3);
    assertEquals(one, again);
    List<List<UserPlan>> other = slices(plan(YAML.replace("seed: 3", "seed: 4")), 3);
    assertTrue(!indexes(one).equals(indexes(other)));
  }

  @Test
  void singleUsersAreDealtRoundRobinSoEachShardKeepsTheArrivalCurve() {
    List<UserPlan> second = new Shard(2, 4).slice(plan("load: {clients: 12, injection: rate, rate: 4}\n"));
    assertEquals(List.of(1, 5, 9), second.stream().map(UserPlan::index).toList());
    assertEquals(List.of(250_000_000L, 1_250_000_000L, 2_250_000_000L),
        second.stream().map(UserPlan::startOffsetNanos).toList());
    // Gatling starts them at these offsets: wait 250 ms, one user, wait 1 s, one user...
    assertEquals(6, ProfileSimulation.atPlannedOffsets(second).size());
  }

  @Test
  void parsesIOfNAndRefusesTheRest() {
    assertEquals(new Shard(2, 4), Shard.parse("2/4"));
    assertEquals("-shard-2-of-4", Shard.parse(" 2 / 4 ").folderSuffix());
    assertEquals("", Shard.WHOLE.folderSuffix());
    for (String bad : new String[] {"0/4", "5/4", "1/0", "x", "1/", "-1/2", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("expected i/n with 1 <= i <= n, like 1/4, got "), e.getMessage());
    }
  }

  private static List<List<Integer>> indexes(List<List<UserPlan>> slices) {
    return slices.stream().map(s -> s.stream().map(UserPlan::index).toList()).toList();
  }
}
