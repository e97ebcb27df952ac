package org.mqttchaos.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mqttchaos.broker.BrokerStartException;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.engine.SimulationRun;
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
      description = "Broker for simulations that do not name one: tcp://host:port or embedded (default: ${DEFAULT-VALUE}).")
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
    URI uri = null;
    if (!broker.equals("embedded")) {
      uri = brokerUri(broker);
      if (uri == null) {
        System.err.println("mqtt-chaos simulate: --broker: expected tcp://host:port or embedded, got '" + broker + "'");
        return MqttChaos.EXIT_USAGE;
      }
    }
    // the simulation picks its MQTT version itself; 3.1.1 warms the path every version shares
    if (!options.warmUp(MqttVersion.V3_1_1)) {
      return MqttChaos.EXIT_USAGE;
    }
    try (BrokerChoice choice = uri == null ? BrokerChoice.embedded()
        : BrokerChoice.of(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort())) {
      return RunReporter.runAndReport(
          options.applyTo(new SimulationRun(simulationClass, choice.target(), resultsRoot, System.out), true));
    } catch (BrokerStartException e) {
      System.err.println("mqtt-chaos: " + e.getMessage());
      return MqttChaos.EXIT_USAGE;
    }
  }

  /** tcp://host:port or mqtt://host:port, else null. */
  private static URI brokerUri(String url) {
    try {
      URI uri = new URI(url);
      boolean scheme = "tcp".equals(uri.getScheme()) || "mqtt".equals(uri.getScheme());
      return scheme && uri.getHost() != null ? uri : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }
}
