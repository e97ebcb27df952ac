package org.mqttchaos.chaos;

import java.util.List;

/**
 * The chaos role of one virtual user, fixed before the run from the profile's seed.
 *
 * <p>Users with the same role and no faults of their own share one instance (the planner interns them), so the
 * user's own index is not in here: {@link #idBase} takes it.
 *
 * @param collisionGroup collision group number, -1 when the ID is the user's own
 * @param will           whether the user sets a will message
 * @param role           label for per-role figures: colliding, silent, dropper or plain
 * @param faults         planned faults in time order ({@link Fault.Kind#MASS_DROP} times are from run start)
 * @param massDrops      for each MASS_DROP fault, the index of the mass drop in the profile
 */
public record UserChaos(int collisionGroup, boolean will, String role, List<Fault> faults,
    List<Integer> massDrops) {

  public UserChaos {
    faults = List.copyOf(faults);
    massDrops = List.copyOf(massDrops);
  }

  /**
   * The part of user {@code userIndex}'s client ID the plan decides ("u17", or "g3" for collision group 3); the
   * run prefixes it with a tag unique to the run.
   */
  public String idBase(int userIndex) {
    return collisionGroup >= 0 ? "g" + collisionGroup : "u" + userIndex;
  }

  public boolean silent() {
    return faults.stream().anyMatch(f -> f.kind() == Fault.Kind.SILENCE);
  }
}
