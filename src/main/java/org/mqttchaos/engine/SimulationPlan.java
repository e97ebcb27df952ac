package org.mqttchaos.engine;

import java.util.List;
import org.mqttchaos.profile.Profile;

/**
 * What {@link ProfileSimulation} builds its scenario from. Gatling creates the simulation by reflection
 * with no arguments, so the engine hands the plan over through {@link org.mqttchaos.run.RunHandOff}.
 *
 * @param profile the resolved profile
 * @param broker  where the clients connect: the profile's broker, or the embedded one as it started (its URL
 *                and the TLS settings that trust it)
 * @param users   every virtual user's role, in injection order (this shard's users only)
 * @param shard   which shard of the run this process runs; {@link Shard#WHOLE} when not split
 * @param backends the backend subscribers this process runs (messages.backend; shard 1 runs them all)
 */
public record SimulationPlan(Profile profile, BrokerTarget broker, List<UserPlan> users, Shard shard,
    List<UserPlan> backends) {

  /** A plan without backend subscribers. */
  public SimulationPlan(Profile profile, BrokerTarget broker, List<UserPlan> users, Shard shard) {
    this(profile, broker, users, shard, List.of());
  }
}
