package org.mqttchaos.engine;

import java.util.List;
import org.mqttchaos.profile.Profile;

/**
 * What {@link ProfileSimulation} builds its scenario from. Gatling creates the simulation by reflection
 * with no arguments, so the engine hands the plan over through {@link org.mqttchaos.run.RunHandOff}.
 *
 * @param profile    the resolved profile
 * @param brokerHost broker host (the embedded broker's when the profile names none)
 * @param brokerPort broker port
 * @param users      every virtual user's role, in injection order (this shard's users only)
 * @param shard      which shard of the run this process runs; {@link Shard#WHOLE} when not split
 */
public record SimulationPlan(Profile profile, String brokerHost, int brokerPort, List<UserPlan> users, Shard shard) {
}
