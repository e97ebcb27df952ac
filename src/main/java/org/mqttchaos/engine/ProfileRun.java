package org.mqttchaos.engine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.client.tls.ClientTls;
import org.mqttchaos.client.tls.TlsConfigException;
import org.mqttchaos.client.tls.TlsOptions;
import org.mqttchaos.summary.Counters;
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
  private final Planned planned;
  private final int clients;

  /**
   * The run's users, planned from the seed, and their device certificates, made before the run's clock starts.
   *
   * @param idPrefix      unique to the run: sessions an earlier run left on the broker cannot answer its CONNECTs
   * @param devices       device certificates made (minted or loaded) for the users' client IDs; 0 without them
   * @param devicesTook   how long making them took
   * @param devicesReady  System.nanoTime when they were all made
   */
  record Planned(String idPrefix, List<UserPlan> users, int devices, Duration devicesTook, long devicesReady,
      List<UserPlan> backends) {
    Planned(String idPrefix, List<UserPlan> users, int devices, Duration devicesTook, long devicesReady) {
      this(idPrefix, users, devices, devicesTook, devicesReady, List.of());
    }

    Planned withBackends(List<UserPlan> more) {
      return new Planned(idPrefix, users, devices, devicesTook, devicesReady, more);
    }
  }

  public ProfileRun(ResolvedProfile resolved, BrokerTarget broker, Path resultsRoot, PrintStream out) {
    this(resolved, broker, Shard.WHOLE, resultsRoot, out);
  }

  /**
   * A run of one shard: its slice of the users, a results folder named "...-shard-i-of-n".
   *
   * @throws TlsConfigException when a user's device certificate cannot be made (deviceCerts.dir without it)
   */
  public ProfileRun(ResolvedProfile resolved, BrokerTarget broker, Shard shard, Path resultsRoot, PrintStream out) {
    // Planned (and device certificates made) before the run's clock starts with its RunScope: mass drops are
    // timed from that clock, and minting thousands of certificates (~25 ms each) must not shift them.
    this(resolved, broker, shard, resultsRoot, out, plan(resolved.profile(), broker, shard, out));
  }

  /** A whole run whose event stream also feeds {@code extra} (a test's own observer), after the built-in ones. */
  ProfileRun(ResolvedProfile resolved, BrokerTarget broker, Path resultsRoot, PrintStream out,
      List<EventSubscriber> extra) {
    this(resolved, broker, Shard.WHOLE, resultsRoot, out, plan(resolved.profile(), broker, Shard.WHOLE, out), extra);
  }

  private ProfileRun(ResolvedProfile resolved, BrokerTarget broker, Shard shard, Path resultsRoot, PrintStream out,
      Planned planned) {
    this(resolved, broker, shard, resultsRoot, out, planned, List.of());
  }

  private ProfileRun(ResolvedProfile resolved, BrokerTarget broker, Shard shard, Path resultsRoot, PrintStream out,
      Planned planned, List<EventSubscriber> extra) {
    super(resolved.profile().name() + shard.folderSuffix(), resultsRoot, out,
        new RunScope(settings(resolved.profile()), extra));
    this.resolved = resolved;
    this.broker = broker;
    this.shard = shard;
    this.planned = planned;
    this.clients = planned.users().size();
    context.wills().delayTolerance(resolved.profile().will().delayTolerance().toNanos());
    if (planned.devices() > 0) {
      context.metrics().add(Counters.TLS_DEVICE_CERTS, planned.devices());
      context.metrics().add(Counters.TLS_DEVICE_CERTS_MILLIS, planned.devicesTook().toMillis());
    }
  }

  /**
   * The users of {@code shard} and, over TLS with device certificates, their certificates, made now and timed;
   * {@code target} is the broker as started (the embedded one's TLS options carry its own device CA).
   */
  static Planned plan(Profile profile, BrokerTarget target, Shard shard, PrintStream out) {
    String fixed = profile.sessions().clientIdPrefix();
    String idPrefix = fixed != null ? fixed : profile.name() + "-"
        + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt()) + "-";
    // Every shard plans the whole run from the seed, then keeps its slice; the client IDs of the slices are
    // disjoint (each idBase is one user's or one collision group's), whatever prefix each shard draws.
    List<UserPlan> users = shard.slice(RolePlanner.plan(profile, idPrefix));
    // The backend subscribers are one shard's: the first (every shard's devices wait messages.backend.lead for them).
    List<UserPlan> backends = shard.index() == 1
        ? RolePlanner.backends(profile, idPrefix, ProfileSimulation.backendHold(profile).toNanos()) : List.of();
    TlsOptions tls = target.tls() != null ? target.tls() : profile.broker().tls();
    if (!target.broker().tls() || tls == null || !tls.deviceCerts()) {
      return new Planned(idPrefix, users, 0, Duration.ZERO, System.nanoTime(), backends);
    }
    List<String> ids = java.util.stream.Stream.concat(users.stream(), backends.stream()).map(UserPlan::clientId)
        .distinct().toList();
    Duration took = ClientTls.of(tls).prepareDevices(ids);
    long ready = System.nanoTime();
    out.printf(Locale.ROOT, "mqtt-chaos: %s %,d device certificates in %.1f s%n", tls.deviceCaFile() != null
        ? "minted" : "loaded", ids.size(), took.toNanos() / 1e9);
    return new Planned(idPrefix, users, ids.size(), took, ready, backends);
  }

  /** How many virtual users {@code shard} of {@code profile} runs: what the capacity check must allow. */
  public static int clients(Profile profile, Shard shard) {
    int backends = shard.index() == 1 ? profile.messages().backend().subscribers() : 0;
    return backends + (shard.whole() ? profile.load().clients()
        : shardClients(profile, shard.count())[shard.index() - 1]);
  }

  /** How many virtual users each of {@code count} shards of {@code profile} runs, shard 1 first. */
  public static int[] shardClients(Profile profile, int count) {
    int[] sizes = new int[count];
    for (int owner : Shard.owners(RolePlanner.plan(profile, ""), count)) {
      sizes[owner]++;
    }
    return sizes;
  }

  /** The checkers' tolerances and the quiet period come from the profile; the takeover tolerance is the default. */
  private static RunScope.Settings settings(Profile profile) {
    return new RunScope.Settings(profile.chaos().keepAliveExpiry().tolerance().toNanos(),
        RunScope.Settings.DEFAULT.takeoverToleranceNanos(), profile.reconnect().quietPeriod().toNanos(),
        profile.sessions().expiryTolerance().toNanos());
  }

  @Override
  public int execute() {
    Profile profile = resolved.profile();
    write(dir.resolve("profile.yaml"), resolved.resolvedYaml());
    List<UserPlan> users = planned.users();
    PlanWriter.write(dir.resolve(PlanWriter.FILE_NAME), users, planned.backends(), planned.idPrefix());
    begin(new SimulationPlan(profile, broker, users, shard, planned.backends()));
    out.printf("mqtt-chaos: %s%s, %,d clients%s against %s%s, results in %s%n", profile.name(),
        shard.whole() ? "" : " shard " + shard + " (of " + profile.load().clients() + " clients)", clients,
        planned.backends().isEmpty() ? "" : " and " + planned.backends().size() + " backend subscribers",
        broker.url(), broker.embedded() ? " (embedded broker)" : "", dir);
    return GatlingLauncher.run(ProfileSimulation.class.getName(), dir.resolve("gatling"), profile.name(), gatlingReport);
  }

  /** The plan this run was made with, its device certificates and when they were ready. */
  Planned planned() {
    return planned;
  }

  @Override
  protected RunData facts(boolean interrupted, double durationS) {
    Profile profile = resolved.profile();
    return new RunData(profile.name(), profile.seed(), startedAt.toString(), durationS, broker.url(),
        broker.embedded(), profile.broker().mqttVersion().label(), clients, interrupted,
        HarnessVersion.get(), context.metrics().counters(), profile.assertions(), shard.index(), shard.count(),
        context.outages().list(context.startNanos()), context.loadStartSeconds());
  }
}
