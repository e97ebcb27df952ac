package org.mqttchaos.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.mqttchaos.engine.CapacityCheck;
import org.mqttchaos.engine.Shard;
import org.mqttchaos.profile.Profile;
import org.mqttchaos.profile.ProfileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mqtt-chaos validate PROFILE}: checks a profile without running anything. A profile this machine cannot hold
 * in one process (file descriptors, ephemeral ports, heap: what {@code run} refuses) is valid still: validate warns on
 * stderr (one line, before the resolved profile), with the --shard advice, and exits 0. {@code --shard i/n} judges
 * that shard's clients, as {@code run --shard i/n} would; a malformed one, or a shard with no client, exits 2.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a profile (and --set overrides) without running it; print the resolved profile.")
final class ValidateCommand implements Callable<Integer> {
  @Mixin
  ProfileOptions profileOptions;

  @Option(names = "--shard", paramLabel = "i/n",
      description = "Judge what shard i of n would run (as `run --shard i/n`): its clients against this machine's"
          + " capacity (default: the whole run).")
  String shard;

  @Override
  public Integer call() {
    Shard slice = ShardOption.parse(shard);
    if (slice == null) {
      return MqttChaos.EXIT_USAGE;
    }
    try {
      var resolved = profileOptions.load();
      Profile p = resolved.profile();
      int clients = p.load().clients();
      int shardClients = ShardOption.clients(p, slice);
      if (shardClients == 0) {
        return MqttChaos.EXIT_USAGE;
      }
      Optional<String> refusal = CapacityCheck.check(p, slice, shardClients);
      System.out.printf("%s: OK: profile %s, %,d clients%s, %s injection, broker %s, MQTT %s%n",
          profileOptions.file, p.name(), clients,
          slice.whole() ? "" : String.format(" (shard %s: %,d)", slice, shardClients),
          p.load().injection().name().toLowerCase(), p.broker().label(), p.broker().mqttVersion().label());
      System.out.flush();
      // before the resolved profile, where it is seen, not below a screenful of YAML
      refusal.ifPresent(why -> System.err.println("mqtt-chaos: WARNING: run would refuse this "
          + (slice.whole() ? "profile" : "shard") + " in one process on this machine: " + why));
      System.err.flush();
      System.out.print(resolved.resolvedYaml());
      return 0;
    } catch (ProfileException e) {
      System.err.println(e.getMessage());
      return MqttChaos.EXIT_USAGE;
    }
  }
}
