package org.mqttchaos.engine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.mqttchaos.run.RunScope;
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
  private final Shard shard;
  private int clients;

  public ProfileRun(ResolvedProfile resolved, BrokerTarget broker, Path resultsRoot, PrintStream out) {
    this(resolved, broker, Shard.WHOLE, resultsRoot, out);
  }

  /** A run of one shard: its slice of the users, a results folder named "...-shard-i-of-n". */
  public ProfileRun(ResolvedProfile resolved, BrokerTarget broker, Shard shard, Path resultsRoot, PrintStream out) {
    super(resolved.profile().name() + shard.folderSuffix(), resultsRoot, out,
        new RunScope(settings(resolved.profile())));
    this.resolved = resolved;
    this.broker = broker;
    this.shard = shard;
    this.clients = resolved.profile().load().clients();
  }

  /** How many virtual users {@code shard} of {@code profile} runs: what the capacity check must allow. */
  public static int clients(Profile profile, Shard shard) {
    return shard.whole() ? profile.load().clients() : shardClients(profile, shard.count())[shard.index() - 1];
  }

  /** How many virtual users each of {@code count} shards of {@code profile} runs, shard 1 first. */
  public static int[] shardClients(Profile profile, int count) {
    int[] sizes = new int[count];
    for (int owner : Shard.owners(RolePlanner.plan(profile, ""), count)) {
      sizes[owner]++;
    }
    return sizes;
  }

  /** The checkers' tolerances come from the profile; the takeover tolerance is the default. */
  private static RunScope.Settings settings(Profile profile) {
    return new RunScope.Settings(profile.chaos().keepAliveExpiry().tolerance().toNanos(),
        RunScope.Settings.DEFAULT.takeoverToleranceNanos(), profile.reconnect().maxDelay().toNanos());
  }

  @Override
  public int execute() {
    Profile profile = resolved.profile();
    write(dir.resolve("profile.yaml"), resolved.resolvedYaml());
    // A tag unique to the run: sessions an earlier run left on the broker cannot answer this run's CONNECTs.
    String idPrefix = profile.name() + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt())
        + "-";
    // Every shard plans the whole run from the seed, then keeps its slice; the client IDs of the slices are
    // disjoint (each idBase is one user's or one collision group's), whatever prefix each shard draws.
    List<UserPlan> users = shard.slice(RolePlanner.plan(profile, idPrefix));
    clients = users.size();
    PlanWriter.write(dir.resolve(PlanWriter.FILE_NAME), users);
    begin(new SimulationPlan(profile, broker, users, shard));
    out.printf("mqtt-chaos: %s%s, %,d clients against %s%s, results in %s%n", profile.name(),
        shard.whole() ? "" : " shard " + shard + " (of " + profile.load().clients() + " clients)", clients,
        broker.url(), broker.embedded() ? " (embedded broker)" : "", dir);
    return GatlingLauncher.run(ProfileSimulation.class.getName(), dir.resolve("gatling"), profile.name(), gatlingReport);
  }

  @Override
  protected RunData facts(boolean interrupted, double durationS) {
    Profile profile = resolved.profile();
    return new RunData(profile.name(), profile.seed(), startedAt.toString(), durationS, broker.url(),
        broker.embedded(), profile.broker().mqttVersion().label(), clients, interrupted,
        HarnessVersion.get(), context.metrics().counters(), profile.assertions(), shard.index(), shard.count());
  }
}
