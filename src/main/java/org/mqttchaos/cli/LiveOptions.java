package org.mqttchaos.cli;

import org.mqttchaos.engine.Run;
import picocli.CommandLine.Option;

/** Options for watching a run while it goes and for what it leaves besides our files, shared by run and simulate. */
final class LiveOptions {
  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Serve the live figures (connected, connects, failures, connect p99, flaps, findings) "
          + "for Prometheus at http://BIND:PORT/metrics while the run goes; 0 picks a free port.")
  Integer metricsPort;

  @Option(names = "--metrics-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address the metrics endpoint listens on (default: ${DEFAULT-VALUE}); 0.0.0.0 to be "
          + "scraped from other hosts.")
  String metricsBind;

  @Option(names = "--gatling-report", negatable = true,
      description = "Also write Gatling's simulation.log and its HTML report under the results folder's gatling/. "
          + "Off for `run` (mqtt-chaos measures every figure itself, and Gatling's log costs CPU per request); "
          + "on for `simulate`, where a simulation's Gatling assertions need it.")
  Boolean gatlingReport;

  /** Applies the options to a run before it starts; {@code gatlingReportByDefault} is the command's default. */
  <R extends Run> R applyTo(R run, boolean gatlingReportByDefault) {
    run.writeGatlingReport(gatlingReport != null ? gatlingReport : gatlingReportByDefault);
    if (metricsPort != null) {
      run.serveMetrics(metricsBind, metricsPort);
    }
    return run;
  }
}
