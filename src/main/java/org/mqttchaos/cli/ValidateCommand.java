package org.mqttchaos.cli;

import java.util.concurrent.Callable;
import org.mqttchaos.engine.CapacityCheck;
import org.mqttchaos.engine.ClientFootprint;
import org.mqttchaos.engine.Shard;
import org.mqttchaos.profile.BrokerSettings;
import org.mqttchaos.profile.Profile;
import org.mqttchaos.profile.ProfileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code mqtt-chaos validate PROFILE}: checks a profile without running anything. A profile this machine cannot hold
 * in one process (file descriptors, ephemeral ports, heap: what {@code run} refuses) is valid still: validate warns on
 * stderr, with the --shard advice, and exits 0.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a profile (and --set overrides) without running it; print the resolved profile.")
final class ValidateCommand implements Callable<Integer> {
  @Mixin
  ProfileOptions profileOptions;

  @Override
  public Integer call() {
    try {
      var resolved = profileOptions.load();
      Profile p = resolved.profile();
      System.out.printf("%s: OK: profile %s, %,d clients, %s injection, broker %s, MQTT %s%n",
          profileOptions.file, p.name(), p.load().clients(), p.load().injection().name().toLowerCase(),
          p.broker().label(), p.broker().mqttVersion().label());
      System.out.print(resolved.resolvedYaml());
      BrokerSettings broker = p.broker();
      int clients = p.load().clients();
      CapacityCheck.check(clients, Shard.WHOLE, clients, CapacityCheck.peakConnections(p), broker.embedded(),
              broker.sourceAddresses().size(), ClientFootprint.transport(broker).name(), ClientFootprint.of(broker))
          .ifPresent(why -> System.err.println("mqtt-chaos: WARNING: run would refuse this profile in one process"
              + " on this machine: " + why));
      return 0;
    } catch (ProfileException e) {
      System.err.println(e.getMessage());
      return MqttChaos.EXIT_USAGE;
    }
  }
}
