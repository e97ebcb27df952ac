package org.mqttchaos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mqttchaos.engine.Run;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.report.ConsoleSummary;
import org.mqttchaos.report.ReportBuilder;
import org.mqttchaos.run.RunPhase;
import org.mqttchaos.summary.Summary;

/**
 * Runs a {@link Run} and turns its results folder into summary.json, report.html and the console
 * summary, at its end or on Ctrl-C, whichever comes first. Shared by {@code run} and {@code simulate}.
 *
 * <p>Ctrl-C (SIGINT) and SIGTERM, from {@link #install} on, by the phase they come in ({@link RunPhase}); the
 * process then exits with the signal's code (130, 143), with one line saying so and no stack trace:
 * <ul>
 *   <li>before the run began (the start, the warm-up): nothing was measured, nothing is written, no results
 *       folder is left;</li>
 *   <li>during the run: whatever was measured until then becomes a complete results folder;</li>
 *   <li>during the report: the report is finished first (at most {@link #REPORT_GRACE} for Gatling's own), so
 *       every file of the folder is whole.</li>
 * </ul>
 */
final class RunReporter implements AutoCloseable {
  /** How long a signal during the report waits for Gatling's own report before the folder is finished without it. */
  static final Duration REPORT_GRACE = Duration.ofSeconds(15);

  private final Thread onSignal = new Thread(this::onSignal, "mqtt-chaos-interrupt");
  private final CountDownLatch reported = new CountDownLatch(1);
  private volatile Run run;
  private Summary summary;
  private final List<String> unwritten = new ArrayList<>();

  private RunReporter() {}

  /** Handles Ctrl-C and SIGTERM from now until {@link #close}: call it before anything of the run starts. */
  static RunReporter install() {
    RunReporter reporter = new RunReporter();
    RunPhase.enter(RunPhase.Phase.START);
    Runtime.getRuntime().addShutdownHook(reporter.onSignal);
    StartSignal.disarm(); // this handler names the phase from now on
    return reporter;
  }

  /** No more signal handling of ours (the JVM's default: exit at once). */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(onSignal);
    } catch (IllegalStateException e) {
      // a signal came at the very end: its handler finishes, and the process exits with the signal's code
    }
  }

  /**
   * Runs to the end and returns the exit code: 0, 1 (an assertion failed), 3 (no client ever connected), 4 (a file
   * of the results folder could not be written: the console summary is still printed).
   */
  int runAndReport(Run run) {
    this.run = run;
    run.execute();
    RunPhase.enter(RunPhase.Phase.REPORT);
    finishAndReport(false);
    Summary summary;
    synchronized (this) {
      summary = this.summary;
    }
    if (!unwritten.isEmpty()) {
      return MqttChaos.EXIT_INCOMPLETE;
    }
    if (summary.connects().succeeded() == 0) {
      return MqttChaos.EXIT_NO_CONNECTION;
    }
    return summary.failedAssertions().isEmpty() ? 0 : MqttChaos.EXIT_FAILED;
  }

  /** The shutdown hook: what a signal does depends on the phase it came in. */
  private void onSignal() {
    RunPhase.Phase phase = RunPhase.signal();
    Run current = run;
    if (!phase.runBegun()) {
      if (current != null) {
        removeFolder(current.dir()); // made a moment before the run would have begun: nothing in it was measured
      }
      System.err.println("mqtt-chaos: interrupted during " + phase.label() + ", before the run began: nothing ran");
      return;
    }
    if (phase == RunPhase.Phase.RUN) {
      finishAndReport(true);
      return;
    }
    // the report: let it finish, so that no file of the folder is cut short
    boolean finished;
    try {
      finished = reported.await(REPORT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = false;
    }
    if (finished) {
      System.out.println("mqtt-chaos: interrupted during the report, after the run had ended: the report was"
          + " finished first, results are complete in " + current.dir());
    } else {
      finishAndReport(true);
      System.out.println("mqtt-chaos: interrupted during the report: Gatling's own report under "
          + current.dir().resolve("gatling") + " did not finish in " + REPORT_GRACE.toSeconds() + " s and may be"
          + " incomplete; every other file is whole");
    }
  }

  private synchronized void finishAndReport(boolean interrupted) {
    try {
      RunData data = run.finish(interrupted);
      if (data == null) {
        return; // already finished
      }
      unwritten.addAll(run.unwritten());
      summary = ReportBuilder.rebuild(run.dir(), data, unwritten);
      if (interrupted) {
        System.out.println("mqtt-chaos: interrupted during " + RunPhase.signal().label()
            + ": results so far are in " + run.dir());
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
    } finally {
      reported.countDown();
    }
  }

  /** Removes a results folder in which nothing was measured (its plan and profile copy at most). */
  private static void removeFolder(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      System.err.println("mqtt-chaos: could not remove the results folder " + dir + " of the run that did not begin: "
          + e.getMessage());
    }
  }
}
