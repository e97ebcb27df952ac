package org.mqttchaos.engine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.mqttchaos.gatling.RunContext;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.profile.Profile;
import org.mqttchaos.profile.ResolvedProfile;

/**
 * One run of a profile: writes the resolved profile and the seeded plan, launches Gatling with
 * {@link ProfileSimulation}, and records the profile's facts in run.json.
 */
public final class ProfileRun extends Run {
  private final ResolvedProfile resolved;
  private final BrokerTarget broker;

  public ProfileRun(ResolvedProfile resolved, BrokerTarget broker, Path resultsRoot, PrintStream out) {
    super(resolved.profile().name(), resultsRoot, out, RunContext.create(settings(resolved.profile())));
    this.resolved = resolved;
    this.broker = broker;
  }

  /** The checkers' tolerances come from the profile; the takeover tolerance is the default. */
  private static RunContext.Settings settings(Profile profile) {
    return new RunContext.Settings(profile.chaos().keepAliveExpiry().tolerance().toNanos(),
        RunContext.Settings.DEFAULT.takeoverToleranceNanos(), profile.reconnect().maxDelay().toNanos());
  }

  @Override
  public int execute() {
    Profile profile = resolved.profile();
    write(dir.resolve("profile.yaml"), resolved.resolvedYaml());
    // A tag unique to the run: sessions an earlier run left on the broker cannot answer this run's CONNECTs.
    String idPrefix = profile.name() + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt())
        + "-";
    List<UserPlan> users = RolePlanner.plan(profile, idPrefix);
    PlanWriter.write(dir.resolve(PlanWriter.FILE_NAME), users);
    SimulationPlan.install(new SimulationPlan(profile, broker.host(), broker.port(), users));
    begin();
    out.printf("mqtt-chaos: %s, %,d clients against %s%s, results in %s%n", profile.name(),
        profile.load().clients(), broker.url(), broker.embedded() ? " (embedded broker)" : "", dir);
    return GatlingLauncher.run(ProfileSimulation.class.getName(), dir.resolve("gatling"), profile.name());
  }

  @Override
  protected RunData facts(boolean interrupted, double durationS) {
    Profile profile = resolved.profile();
    return new RunData(profile.name(), profile.seed(), startedAt.toString(), durationS, broker.url(),
        broker.embedded(), profile.broker().mqttVersion().label(), profile.load().clients(), interrupted,
        HarnessVersion.get(), context.metrics().counters(), profile.assertions());
  }
}
