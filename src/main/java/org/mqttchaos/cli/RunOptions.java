package org.mqttchaos.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.tls.TlsOptions;
import org.mqttchaos.engine.Run;
import org.mqttchaos.gatling.HarnessWarmUp;
import org.mqttchaos.run.RunPhase;
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

  /**
   * What would make the run fail after it began, found before anything runs: the metrics port in use or its
   * address unknown, a results directory that cannot hold a results folder. Empty when none; otherwise one line
   * with the OS's reason, for exit 2.
   */
  Optional<String> misuse(Path resultsRoot) {
    if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
      return Optional.of("--metrics-port " + metricsPort + ": expected a port from 0 to 65535");
    }
    if (metricsPort != null && metricsPort != 0) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress(InetAddress.getByName(metricsBind), metricsPort));
      } catch (IOException e) {
        return Optional.of("--metrics-port " + metricsPort + ": cannot listen on " + metricsBind + ":" + metricsPort
            + " (" + e.getMessage() + "): choose another port, or 0 for any free one");
      }
    }
    return ResultsRoot.problem(resultsRoot).map(why -> "--results-dir " + resultsRoot + ": " + why);
  }

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
    RunPhase.enter(RunPhase.Phase.WARM_UP);
    HarnessWarmUp.run(warmUpCycles, version, tls);
    RunPhase.enter(RunPhase.Phase.START); // the broker, the plan: still before the run
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
