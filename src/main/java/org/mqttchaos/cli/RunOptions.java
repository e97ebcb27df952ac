package org.mqttchaos.cli;

import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.tls.TlsOptions;
import org.mqttchaos.engine.Run;
import org.mqttchaos.gatling.HarnessWarmUp;
import picocli.CommandLine.Option;

/**
 * Options of a run shared by run and simulate: live metrics while it goes, Gatling's own report besides ours, and
 * the harness warm-up before it.
 */
final class RunOptions {
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

  @Option(names = "--warm-up", paramLabel = "CYCLES", defaultValue = "" + HarnessWarmUp.DEFAULT_CYCLES,
      description = "Connect-then-DISCONNECT cycles run against a stub broker inside mqtt-chaos before the run, so "
          + "the JIT compiler has the connect path ready and the first seconds do not start users late; the "
          + "broker under test sees none of them. 0 skips it (default: ${DEFAULT-VALUE}).")
  int warmUpCycles;

  /** Runs the harness warm-up, before the run and its clock start; false, message printed, on a negative count. */
  boolean warmUp(MqttVersion version) {
    return warmUp(version, null);
  }

  /** As {@link #warmUp(MqttVersion)}, over TLS too with the run's {@code tls} options when not null. */
  boolean warmUp(MqttVersion version, TlsOptions tls) {
    if (warmUpCycles < 0) {
      System.err.println("mqtt-chaos: --warm-up " + warmUpCycles + ": expected 0 or more cycles");
      return false;
    }
    HarnessWarmUp.run(warmUpCycles, version, tls);
    return true;
  }

  /** Applies the options to a run before it starts; {@code gatlingReportByDefault} is the command's default. */
  <R extends Run> R applyTo(R run, boolean gatlingReportByDefault) {
    run.writeGatlingReport(gatlingReport != null ? gatlingReport : gatlingReportByDefault);
    if (metricsPort != null) {
      run.serveMetrics(metricsBind, metricsPort);
    }
    return run;
  }
}
