package org.mqttchaos.cli;

import org.mqttchaos.engine.HarnessVersion;
import org.mqttchaos.engine.OfflinePreferences;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mqtt-chaos} command: one subcommand per verb. */
@Command(
    name = "mqtt-chaos",
    mixinStandardHelpOptions = true,
    versionProvider = MqttChaos.Version.class,
    description = "Load-and-chaos harness for MQTT brokers.",
    subcommands = {RunCommand.class, SimulateCommand.class, ValidateCommand.class, ReportCommand.class, CompareCommand.class,
        MergeCommand.class, K8sCommand.class,
        BrokerCommand.class, CommandLine.HelpCommand.class})
public final class MqttChaos implements Runnable {
  /** Exit code of a run or report with a failed assertion, or a compare that found a regression. */
  public static final int EXIT_FAILED = 1;
  /** Exit code of a user mistake: bad profile, bad option, not enough file descriptors. */
  public static final int EXIT_USAGE = 2;
  /** Exit code of a run in which no client ever connected. */
  public static final int EXIT_NO_CONNECTION = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Our logging configuration; named explicitly because a dependency jar ships a logback.xml of its own. */
  static final String LOGBACK_CONFIG = "org/mqttchaos/logback.xml";

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    // Gatling may leave a non-daemon thread behind: always exit explicitly.
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code; never prints a stack trace for a user mistake. */
  public static int execute(String... args) {
    OfflinePreferences.install(); // before any library touches java.util.prefs: no release check over the network
    CommandLine cli = new CommandLine(new MqttChaos());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("mqtt-chaos: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      if (System.getenv("MQTT_CHAOS_DEBUG") != null) {
        e.printStackTrace(commandLine.getErr());
      }
      return 1;
    });
    return cli.execute(args);
  }

  /** The version in --version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"mqtt-chaos " + HarnessVersion.get()};
    }
  }
}
