package org.mqttchaos.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mqttchaos.chaos.ChaosPlanner;
import org.mqttchaos.chaos.Shuffle;
import org.mqttchaos.chaos.UserChaos;
import org.mqttchaos.profile.LoadSettings;
import org.mqttchaos.profile.Profile;

/**
 * Assigns roles to virtual users deterministically: the same profile and seed give the same roles, so a
 * run can be replayed. Ratios are exact (round(clients x ratio) users get the role) and which users get
 * it is drawn by a seeded shuffle, so roles are spread over the whole ramp rather than bunched at its start.
 */
public final class RolePlanner {
  private RolePlanner() {}

  /**
   * @param idPrefix prefix of every client ID; the run passes one unique to it so sessions left on a
   *                 broker by an earlier run cannot answer this run's CONNECTs
   */
  public static List<UserPlan> plan(Profile profile, String idPrefix) {
    int n = profile.load().clients();
    boolean[] clean = Shuffle.pick(n, profile.sessions().cleanRatio(), new SplittableRandom(profile.seed()));
    List<UserChaos> chaos = ChaosPlanner.plan(profile);
    List<UserPlan> plans = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      UserChaos c = chaos.get(i);
      plans.add(new UserPlan(i, idPrefix + c.idBase(i), clean[i], startOffsetNanos(profile.load(), i), c));
    }
    return plans;
  }

  /** When the injection profile starts user i, relative to user 0: the basis of the start-lag metric. */
  static long startOffsetNanos(LoadSettings load, int i) {
    return switch (load.injection()) {
      case AT_ONCE -> 0L;
      case RAMP -> load.clients() <= 1 ? 0L : (long) ((double) load.rampDuration().toNanos() * i / load.clients());
      case RATE -> (long) (i * 1e9 / load.rate());
    };
  }
}
