package org.mqttchaos.engine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.Counters;

/**
 * One run of a Gatling simulation written with the DSL ({@code mqtt-chaos simulate CLASS}): the same
 * results folder as a profile run. The simulation's {@code mqtt()} protocol points at the broker given
 * on the command line unless the simulation names one itself.
 */
public final class SimulationRun extends Run {
  /** System properties the DSL's default protocol reads: the broker chosen on the command line. */
  public static final String HOST_PROPERTY = "mqttchaos.broker.host";
  public static final String PORT_PROPERTY = "mqttchaos.broker.port";
  public static final String URL_PROPERTY = "mqttchaos.broker.url";

  private final String simulationClass;
  private final BrokerTarget broker;

  public SimulationRun(String simulationClass, BrokerTarget broker, Path resultsRoot, PrintStream out) {
    super(simpleName(simulationClass), resultsRoot, out, new RunScope());
    this.simulationClass = simulationClass;
    this.broker = broker;
  }

  @Override
  public int execute() {
    System.setProperty(HOST_PROPERTY, broker.host());
    System.setProperty(PORT_PROPERTY, Integer.toString(broker.port()));
    System.setProperty(URL_PROPERTY, broker.url());
    begin(null);
    out.printf("mqtt-chaos: simulation %s against %s%s, results in %s%n", simulationClass, broker.url(),
        broker.embedded() ? " (embedded broker)" : "", dir);
    return GatlingLauncher.run(simulationClass, dir.resolve("gatling"), simpleName(simulationClass), gatlingReport);
  }

  @Override
  protected RunData facts(boolean interrupted, double durationS) {
    String url = context.brokerUrl() != null ? context.brokerUrl() : broker.url();
    return new RunData(simpleName(simulationClass), 0, startedAt.toString(), durationS, url,
        broker.embedded() && url.equals(broker.url()), context.mqttVersion(),
        (int) context.metrics().counter(Counters.USERS_STARTED), interrupted, HarnessVersion.get(),
        context.metrics().counters(), List.of(), 1, 1, context.outages().list(context.startNanos()),
        context.loadStartSeconds());
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
