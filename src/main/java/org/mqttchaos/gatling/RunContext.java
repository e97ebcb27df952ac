package org.mqttchaos.gatling;

import org.mqttchaos.check.Findings;
import org.mqttchaos.check.SessionModel;
import org.mqttchaos.metrics.RecoveryTracker;
import org.mqttchaos.metrics.RunMetrics;

/**
 * The run-wide objects every MQTT action reports to: metrics, the session model and findings.
 *
 * <p>Gatling instantiates simulations by reflection, so the engine publishes the current run here
 * before it launches Gatling ({@link #install}); a simulation run by plain Gatling gets a fresh one
 * whose figures are only in Gatling's own report.
 */
public record RunContext(RunMetrics metrics, SessionModel sessions, Findings findings, RecoveryTracker recovery,
    long startNanos) {
  private static volatile RunContext current;

  public static RunContext create() {
    RunMetrics metrics = new RunMetrics();
    return new RunContext(metrics, new SessionModel(), new Findings(), new RecoveryTracker(metrics), System.nanoTime());
  }

  public static void install(RunContext context) {
    current = context;
  }

  /** The installed context, or a fresh one installed now. */
  public static synchronized RunContext current() {
    if (current == null) {
      current = create();
    }
    return current;
  }

  public static void clear() {
    current = null;
  }

  /** Milliseconds since the run started, for findings and timelines. */
  public long sinceStartMillis(long nanoTime) {
    return (nanoTime - startNanos) / 1_000_000;
  }
}
