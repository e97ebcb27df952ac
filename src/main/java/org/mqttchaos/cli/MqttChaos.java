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
  /** A file of the results folder could not be written (a full disk): the console summary was still printed. */
  public static final int EXIT_INCOMPLETE = 4;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Our logging configuration; named explicitly because a dependency jar ships a logback.xml of its own. */
  static final String LOGBACK_CONFIG = "org/mqttchaos/logback.xml";

  /** Netty's property for the size of an event loop group created without one: Gatling's is. */
  static final String EVENT_LOOPS_PROPERTY = "io.netty.eventLoopThreads";
  static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("run") || args[0].equals("simulate"))) {
      StartSignal.arm(); // a signal before the run's own handling still gets its line
    }
    StartSignal.started(); // the launcher leaves the line to this process from now on
    StartSignal.pausePoint();
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    applyRuntimeDefaults();
    // Gatling may leave a non-daemon thread behind: always exit explicitly.
    int code = execute(args);
    StartSignal.disarm();
    System.exit(code);
  }

  /** Netty settings of the CLI process, each kept when the user set it (launcher or -D). */
  static void applyRuntimeDefaults() {
    // One event loop per two cores, not Netty's two per core: measured with bench/run's churn on two cores
    // (harness and broker), 100,000 connects took ~25 CPU s on four loops, ~23 on two and ~19 on one; each
    // extra loop adds wake-ups and context switches, and the kernel's TCP work needs cores of its own.
    // Set before any Netty class reads it; MQTT_CHAOS_EVENT_LOOPS (launcher) or -Dio.netty.eventLoopThreads
    // choose another count.
    if (System.getProperty(EVENT_LOOPS_PROPERTY) == null) {
      int loops = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
      System.setProperty(EVENT_LOOPS_PROPERTY, Integer.toString(loops));
    }
    // A load generator's buffers live microseconds; Netty's sampled leak tracking cost ~0.6% of a churn run's
    // event-loop time. The test suite keeps it on.
    if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
      System.setProperty(LEAK_DETECTION_PROPERTY, "disabled");
    }
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
