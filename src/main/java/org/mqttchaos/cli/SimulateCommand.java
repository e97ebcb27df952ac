package org.mqttchaos.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mqttchaos.broker.BrokerStartException;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.engine.SimulationRun;
import org.mqttchaos.profile.BrokerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mqtt-chaos simulate CLASS}: runs a Gatling simulation written with the DSL (from simulations/,
 * compiled into the build) and writes the same results folder as {@code run}.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run a Gatling simulation written with the DSL (e.g. one in simulations/) and write a results folder.")
final class SimulateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CLASS", description = "Simulation class, e.g. TakeoverChaosSimulation")
  String simulationClass;

  @Option(names = "--broker", paramLabel = "URL", defaultValue = "embedded",
      description = "Broker for simulations that do not name one: embedded, or a URL: tcp:// or mqtt:// (port 1883), "
          + "ssl://, tls:// or mqtts:// (8883), ws:// (80) or wss:// (443, path /mqtt) (default: ${DEFAULT-VALUE}).")
  String broker;

  @Mixin
  RunOptions options;

  @Option(names = "--results-dir", paramLabel = "DIR", defaultValue = "results",
      description = "Where the run's results folder is created (default: ${DEFAULT-VALUE}).")
  Path resultsRoot;

  @Override
  public Integer call() {
    try {
      Class.forName(simulationClass, false, getClass().getClassLoader());
    } catch (ClassNotFoundException e) {
      System.err.println("mqtt-chaos simulate: no class " + simulationClass
          + " on the classpath (simulations/ is compiled into the build; give the full class name)");
      return MqttChaos.EXIT_USAGE;
    }
    BrokerUrl url = null;
    if (!broker.equals("embedded") && BrokerSettings.isEmbedded(broker)) {
      System.err.println("mqtt-chaos simulate: --broker " + broker + ": simulate starts the embedded broker over plain"
          + " TCP only (embedded); for its TLS or WebSocket listener, run `mqtt-chaos broker --transport ...` and point"
          + " the simulation at it (--broker URL, and mqtt().tls(...) trusting the CA it prints)");
      return MqttChaos.EXIT_USAGE;
    }
    if (!broker.equals("embedded")) {
      try {
        url = BrokerUrl.parse(broker);
      } catch (IllegalArgumentException e) {
        System.err.println("mqtt-chaos simulate: --broker '" + broker + "': " + e.getMessage()
            + " (expected embedded or a URL like tcp://127.0.0.1:1883)");
        return MqttChaos.EXIT_USAGE;
      }
    }
    Optional<String> misuse = options.misuse(resultsRoot);
    if (misuse.isPresent()) {
      System.err.println("mqtt-chaos: " + misuse.get());
      return MqttChaos.EXIT_USAGE;
    }
    // the simulation picks its MQTT version itself; 3.1.1 warms the path every version shares
    try (RunReporter reporter = RunReporter.install()) {
      if (!options.warmUp(MqttVersion.V3_1_1)) {
        return MqttChaos.EXIT_USAGE;
      }
      try (BrokerChoice choice = url == null ? BrokerChoice.embedded() : BrokerChoice.of(url)) {
        return reporter.runAndReport(
            options.applyTo(new SimulationRun(simulationClass, choice.target(), resultsRoot, System.out), true));
      }
    } catch (BrokerStartException e) {
      System.err.println("mqtt-chaos: " + e.getMessage());
      return MqttChaos.EXIT_USAGE;
    }
  }
}
