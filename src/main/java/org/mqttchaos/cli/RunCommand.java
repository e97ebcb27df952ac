package org.mqttchaos.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mqttchaos.broker.EmbeddedBroker;
import org.mqttchaos.engine.CapacityCheck;
import org.mqttchaos.engine.ProfileRun;
import org.mqttchaos.engine.ProfileRun.BrokerTarget;
import org.mqttchaos.profile.BrokerSettings;
import org.mqttchaos.profile.Profile;
import org.mqttchaos.profile.ProfileException;
import org.mqttchaos.profile.ResolvedProfile;
import org.mqttchaos.report.ConsoleSummary;
import org.mqttchaos.report.ReportBuilder;
import org.mqttchaos.report.Summary;
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

  private Summary summary;

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
    Optional<String> refusal = CapacityCheck.check(profile.load().clients(), settings.embedded(),
        settings.sourceAddresses().size());
    if (refusal.isPresent()) {
      System.err.println("mqtt-chaos: " + refusal.get());
      return MqttChaos.EXIT_USAGE;
    }
    EmbeddedBroker embedded = null;
    try {
      BrokerTarget target;
      if (settings.embedded()) {
        embedded = EmbeddedBroker.start("127.0.0.1", 0);
        target = new BrokerTarget("127.0.0.1", embedded.port(), true);
      } else {
        target = new BrokerTarget(settings.host(), settings.port(), false);
      }
      return runAndReport(resolved, target);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private int runAndReport(ResolvedProfile resolved, BrokerTarget target) {
    ProfileRun run = new ProfileRun(resolved, target, resultsRoot, System.out);
    // Ctrl-C: whatever was measured until then still becomes a complete results folder.
    Thread onInterrupt = new Thread(() -> finishAndReport(run, true), "mqtt-chaos-interrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    run.execute();
    finishAndReport(run, false);
    Runtime.getRuntime().removeShutdownHook(onInterrupt);
    if (summary != null && summary.connects().succeeded() == 0) {
      return MqttChaos.EXIT_NO_CONNECTION;
    }
    return summary != null && !summary.failedAssertions().isEmpty() ? MqttChaos.EXIT_FAILED : 0;
  }

  private synchronized void finishAndReport(ProfileRun run, boolean interrupted) {
    if (run.finish(interrupted) == null) {
      return; // already finished
    }
    summary = ReportBuilder.rebuild(run.dir());
    if (interrupted) {
      System.out.println("interrupted: results so far are in " + run.dir());
    }
    System.out.print(ConsoleSummary.render(summary, run.dir()));
    if (summary.connects().succeeded() == 0) {
      System.out.println("no client ever connected to " + summary.broker().url() + ": is the broker running and reachable?");
    }
  }
}
