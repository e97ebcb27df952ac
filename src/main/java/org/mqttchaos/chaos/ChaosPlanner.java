package org.mqttchaos.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mqttchaos.profile.AbruptDrop;
import org.mqttchaos.profile.CollisionSettings;
import org.mqttchaos.profile.KeepAliveExpiry;
import org.mqttchaos.profile.MassDrop;
import org.mqttchaos.profile.Profile;

/**
 * Draws every user's chaos role and fault times from the profile's seed: same profile + seed = same plan,
 * so a run can be replayed. Each aspect (collisions, wills, silence, drops, mass drops) draws from its own
 * random stream, so changing one ratio does not reshuffle the others. Ratios are exact: round(clients x
 * ratio) users get the role, chosen by a seeded shuffle so they are spread over the whole ramp.
 */
public final class ChaosPlanner {
  private ChaosPlanner() {}

  public static List<UserChaos> plan(Profile profile) {
    int n = profile.load().clients();
    SplittableRandom root = new SplittableRandom(profile.seed() ^ 0x5DEECE66DL);
    int[] group = collisionGroups(n, profile.collisions(), root.split());
    boolean[] will = Shuffle.pick(n, profile.will().ratio(), root.split());
    KeepAliveExpiry silence = profile.chaos().keepAliveExpiry();
    boolean[] silent = Shuffle.pick(n, silence.ratio(), root.split());
    SplittableRandom drops = root.split();
    List<MassDrop> massDrops = profile.chaos().massDrop();
    List<boolean[]> massDropped = new ArrayList<>();
    for (MassDrop drop : massDrops) {
      massDropped.add(Shuffle.pick(n, drop.fraction(), root.split()));
    }
    long holdNanos = profile.load().hold().toNanos();

    List<UserChaos> plans = new ArrayList<>(n);
    Map<UserChaos, UserChaos> distinct = new HashMap<>(); // equal plans share one instance: ~40 B per user
    for (int i = 0; i < n; i++) {
      List<Fault> faults = new ArrayList<>();
      List<Integer> dropIndexes = new ArrayList<>();
      // Each user draws its Poisson drops from its own stream, so its times do not depend on other users.
      SplittableRandom own = drops.split();
      if (silent[i]) {
        faults.add(new Fault(Fault.Kind.SILENCE, silence.after().toNanos(), null));
      } else {
        faults.addAll(poissonDrops(profile.chaos().abruptDrop(), holdNanos, own));
      }
      for (int d = 0; d < massDrops.size(); d++) {
        if (massDropped.get(d)[i]) {
          faults.add(new Fault(Fault.Kind.MASS_DROP, massDrops.get(d).at().toNanos(), massDrops.get(d).mode()));
          dropIndexes.add(d);
        }
      }
      String role = group[i] >= 0 ? "colliding" : silent[i] ? "silent" : hasDrops(faults) ? "dropper" : "plain";
      UserChaos chaos = new UserChaos(group[i], will[i], role, faults, dropIndexes);
      plans.add(distinct.computeIfAbsent(chaos, c -> c));
    }
    return plans;
  }

  /**
   * The chaos of {@code count} backend subscribers (messages.backend): Poisson drops over {@code holdNanos}, each
   * backend from its own random stream; no collisions, silence, will or mass drops. The first
   * messages.backend.abruptDrop.subscribers of them drop at messages.backend.abruptDrop, the others at
   * chaos.abruptDrop.
   */
  public static List<UserChaos> backends(Profile profile, int count, long holdNanos) {
    SplittableRandom root = new SplittableRandom(profile.seed() ^ 0x6261636BL); // "back"
    org.mqttchaos.profile.MessageSettings.Backend backend = profile.messages().backend();
    List<UserChaos> plans = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      AbruptDrop drop = b < backend.dropped() ? backend.abruptDrop() : profile.chaos().abruptDrop();
      List<Fault> faults = poissonDrops(drop, holdNanos, root.split());
      plans.add(new UserChaos(-1, false, faults.isEmpty() ? "plain" : "dropper", faults, List.of()));
    }
    return plans;
  }

  /**
   * Marks round(n x ratio) users, rounded down to whole groups, as colliding: in shuffled order, each run of
   * {@code groupSize} users forms one group sharing one client ID. Returns each user's group, or -1.
   */
  static int[] collisionGroups(int n, CollisionSettings collisions, SplittableRandom random) {
    int[] group = new int[n];
    java.util.Arrays.fill(group, -1);
    int k = collisions.groupSize();
    int members = (int) (Math.round(n * collisions.ratio()) / k * k);
    int[] order = Shuffle.order(n, random);
    for (int m = 0; m < members; m++) {
      group[order[m]] = m / k;
    }
    return group;
  }

  /** Drop times of a Poisson process of {@code ratePerMinute} over the hold: exponential gaps. */
  static List<Fault> poissonDrops(AbruptDrop drop, long holdNanos, SplittableRandom random) {
    List<Fault> faults = new ArrayList<>();
    if (drop.ratePerMinute() <= 0) {
      return faults;
    }
    double meanGapNanos = 60e9 / drop.ratePerMinute();
    double t = 0;
    while (true) {
      t += -Math.log(1 - random.nextDouble()) * meanGapNanos;
      if (t >= holdNanos) {
        return faults;
      }
      faults.add(new Fault(Fault.Kind.DROP, (long) t, drop.mode()));
    }
  }

  private static boolean hasDrops(List<Fault> faults) {
    return faults.stream().anyMatch(f -> f.kind() == Fault.Kind.DROP);
  }
}
