package org.mqttchaos.cli;

import java.util.ArrayList;
import java.util.List;
import org.mqttchaos.engine.Run;
import org.mqttchaos.metrics.RunData;
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
  private final List<String> unwritten = new ArrayList<>();

  private RunReporter(Run run) {
    this.run = run;
  }

  /**
   * Runs to the end and returns the exit code: 0, 1 (an assertion failed), 3 (no client ever connected), 4 (a file
   * of the results folder could not be written: the console summary is still printed).
   */
  static int runAndReport(Run run) {
    RunReporter reporter = new RunReporter(run);
    // Ctrl-C: whatever was measured until then still becomes a complete results folder.
    Thread onInterrupt = new Thread(() -> reporter.finishAndReport(true), "mqtt-chaos-interrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    run.execute();
    reporter.finishAndReport(false);
    Runtime.getRuntime().removeShutdownHook(onInterrupt);
    Summary summary = reporter.summary;
    if (!reporter.unwritten.isEmpty()) {
      return MqttChaos.EXIT_INCOMPLETE;
    }
    if (summary.connects().succeeded() == 0) {
      return MqttChaos.EXIT_NO_CONNECTION;
    }
    return summary.failedAssertions().isEmpty() ? 0 : MqttChaos.EXIT_FAILED;
  }

  private synchronized void finishAndReport(boolean interrupted) {
    RunData data = run.finish(interrupted);
    if (data == null) {
      return; // already finished
    }
    unwritten.addAll(run.unwritten());
    summary = ReportBuilder.rebuild(run.dir(), data, unwritten);
    if (interrupted) {
      System.out.println("interrupted: results so far are in " + run.dir());
    }
    System.out.print(ConsoleSummary.render(summary, run.dir()));
    if (summary.connects().succeeded() == 0) {
      System.out.println(ConsoleSummary.noConnection(summary));
    }
    if (!unwritten.isEmpty()) {
      // The figures above are whole; the folder is not: say which files are missing and why, in one line.
      System.out.println("mqtt-chaos: the results folder " + run.dir() + " is incomplete, these files could not be"
          + " written and are absent: " + String.join("; ", unwritten)
          + (unwritten.stream().anyMatch(u -> u.contains(".hlog:"))
              ? " (the latencies they hold read as 0 in the summary above)" : "")
          + (unwritten.stream().noneMatch(u -> u.startsWith("run.json")) ? "; free space and run `mqtt-chaos report "
          + run.dir() + "` to write the report again" : ""));
    }
  }
}
