package org.mqttchaos.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mqttchaos.broker.BrokerStartException;
import org.mqttchaos.engine.CapacityCheck;
import org.mqttchaos.engine.ProfileRun;
import org.mqttchaos.profile.BrokerSettings;
import org.mqttchaos.profile.Profile;
import org.mqttchaos.profile.ProfileException;
import org.mqttchaos.profile.ResolvedProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mqtt-chaos run PROFILE}: validates the profile, starts the embedded broker when the profile
 * names none, runs the load, and writes the results folder, also on Ctrl-C.
 * Exit codes: 0 done, 1 an assertion failed, 2 bad input (nothing ran), 3 no client ever connected.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a profile against a broker (the embedded one when the profile names none).")
final class RunCommand implements Callable<Integer> {
  @Mixin
  ProfileOptions profileOptions;

  @Option(names = "--results-dir", paramLabel = "DIR", defaultValue = "results",
      description = "Where the run's results folder is created (default: ${DEFAULT-VALUE}).")
  Path resultsRoot;

  @Override
  public Integer call() {
    ResolvedProfile resolved;
    try {
      resolved = profileOptions.load();
    } catch (ProfileException e) {
      System.err.println(e.getMessage());
      return MqttChaos.EXIT_USAGE;
    }
    Profile profile = resolved.profile();
    BrokerSettings settings = profile.broker();
    Optional<String> refusal = CapacityCheck.check(profile.load().clients(),
        CapacityCheck.peakConnections(profile), settings.embedded(), settings.sourceAddresses().size());
    if (refusal.isPresent()) {
      System.err.println("mqtt-chaos: " + refusal.get());
      return MqttChaos.EXIT_USAGE;
    }
    try (BrokerChoice broker = settings.embedded() ? BrokerChoice.embedded() : BrokerChoice.of(settings.host(), settings.port())) {
      return RunReporter.runAndReport(new ProfileRun(resolved, broker.target(), resultsRoot, System.out));
    } catch (BrokerStartException e) {
      System.err.println("mqtt-chaos: " + e.getMessage());
      return MqttChaos.EXIT_USAGE;
    }
  }
}
