package org.mqttchaos.cli;

import org.mqttchaos.engine.Run;
import org.mqttchaos.report.ConsoleSummary;
import org.mqttchaos.report.ReportBuilder;
import org.mqttchaos.summary.Summary;

/**
 * Runs a {@link Run} and turns its results folder into summary.json, report.html and the console
 * summary, at its end or on Ctrl-C, whichever comes first. Shared by {@code run} and {@code simulate}.
 */
final class RunReporter {
  private final Run run;
  private Summary summary;

  private RunReporter(Run run) {
    this.run = run;
  }

  /** Runs to the end and returns the exit code: 0, 1 (an assertion failed), 3 (no client ever connected). */
  static int runAndReport(Run run) {
    RunReporter reporter = new RunReporter(run);
    // Ctrl-C: whatever was measured until then still becomes a complete results folder.
    Thread onInterrupt = new Thread(() -> reporter.finishAndReport(true), "mqtt-chaos-interrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    run.execute();
    reporter.finishAndReport(false);
    Runtime.getRuntime().removeShutdownHook(onInterrupt);
    Summary summary = reporter.summary;
    if (summary.connects().succeeded() == 0) {
      return MqttChaos.EXIT_NO_CONNECTION;
    }
    return summary.failedAssertions().isEmpty() ? 0 : MqttChaos.EXIT_FAILED;
  }

  private synchronized void finishAndReport(boolean interrupted) {
    if (run.finish(interrupted) == null) {
      return; // already finished
    }
    summary = ReportBuilder.rebuild(run.dir());
    if (interrupted) {
      System.out.println("interrupted: results so far are in " + run.dir());
    }
    System.out.print(ConsoleSummary.render(summary, run.dir()));
    if (summary.connects().succeeded() == 0) {
      System.out.println("no client ever connected to " + summary.broker().url() + ": "
          + (summary.connects().failedBy().isEmpty() ? "is the broker running and reachable?"
              : "see 'failed by' above for what to change"));
    }
  }
}
