package org.mqttchaos.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The phase this process's run is in, for what Ctrl-C and SIGTERM do: before the run began nothing was measured
 * and nothing is written; during the run the results so far are written; during the report it is finished first.
 * One per process (a command line runs one run), moved forward by the command (start, warm-up), the engine (the
 * run, once the run's clock and its results folder exist) and the profile simulation (the report, as soon as the
 * last user ended).
 *
 * <p>Test hook: with the system property {@value #PAUSE_PROPERTY} set to a phase's {@link Phase#key() key}
 * ({@code warm-up}, {@code report}), the process prints {@value #PAUSED} and the key on stderr when it reaches that
 * phase's pause point and waits there (at most {@link #PAUSE_BOUND_SECONDS} s) until a signal arrives, so a test
 * can send one while the phase is surely under way.
 */
public final class RunPhase {
  /** A run's phases, in order. */
  public enum Phase {
    /** Options checked, the embedded broker started, users planned, device certificates made. */
    START("start", "the start"),
    /** The harness's own connect cycles against a stub broker in this process (gatling/HarnessWarmUp). */
    WARM_UP("warm-up", "the warm-up"),
    /** From the run's clock start to the last user's end: what is measured. */
    RUN("run", "the run"),
    /** The simulation ended: Gatling's report, the checks settled, the results folder and the console summary. */
    REPORT("report", "the report");

    private final String key;
    private final String label;

    Phase(String key, String label) {
      this.key = key;
      this.label = label;
    }

    /** The phase's name in {@value RunPhase#PAUSE_PROPERTY}: "warm-up". */
    public String key() {
      return key;
    }

    /** The phase as a sentence names it: "the warm-up". */
    public String label() {
      return label;
    }

    /** Whether the run's measurement has begun in this phase (its results folder is then worth keeping). */
    public boolean runBegun() {
      return this == RUN || this == REPORT;
    }
  }

  /** System property naming the phase to pause in (test hook). */
  public static final String PAUSE_PROPERTY = "mqttchaos.test.pauseIn";
  /** What a paused process prints on stderr, followed by the phase's key. */
  public static final String PAUSED = "mqtt-chaos: test hook: paused in ";
  /** How long a pause lasts at most when no signal comes. */
  static final long PAUSE_BOUND_SECONDS = 60;

  private static volatile Phase current = Phase.START;
  private static final CountDownLatch SIGNALLED = new CountDownLatch(1);

  private RunPhase() {}

  /** The phase now. */
  public static Phase current() {
    return current;
  }

  /**
   * Moves to {@code phase}. After a signal no new phase begins: the calling thread waits here until the process
   * exits (the signal's handler finishes what the phase it came in needs).
   */
  public static void enter(Phase phase) {
    if (signalled() && phase != current) {
      awaitExit();
    }
    current = phase;
  }

  /**
   * Called by the signal's handler as it starts: returns the phase the signal came in and releases a test pause.
   * Later calls return the same phase.
   */
  public static synchronized Phase signal() {
    if (!signalled()) {
      signalledIn = current;
      SIGNALLED.countDown();
    }
    return signalledIn;
  }

  private static volatile Phase signalledIn;

  /** Whether a signal arrived. */
  public static boolean signalled() {
    return SIGNALLED.getCount() == 0;
  }

  /**
   * The test hook's pause point of {@code phase}: returns at once unless {@value #PAUSE_PROPERTY} names it; then
   * says so on stderr and waits for a signal (bounded), after which the phase goes on.
   */
  public static void pausePoint(Phase phase) {
    if (!phase.key().equals(System.getProperty(PAUSE_PROPERTY))) {
      return;
    }
    System.err.println(PAUSED + phase.key());
    System.err.flush();
    try {
      SIGNALLED.await(PAUSE_BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitExit() {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // the process is exiting: stay out of the way until it has
      }
    }
  }
}
