package org.mqttchaos.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import org.mqttchaos.run.RunPhase;

/**
 * Ctrl-C (SIGINT) and SIGTERM between the JVM's start and {@link RunReporter#install}: the JVM exits with the
 * signal's code (130, 143) as it would anyway, and this shutdown hook says so in one line on stderr
 * ({@value #LINE}). Armed first thing in {@code main} for {@code run} and {@code simulate}; disarmed when the run's
 * own handling takes over ({@link RunReporter#install}) and before a normal {@code System.exit}, so it speaks only
 * of a signal.
 */
final class StartSignal {
  /** The line a signal in this phase prints. */
  static final String LINE = "mqtt-chaos: interrupted while starting, before the run began: nothing ran";

  private static final AtomicBoolean ARMED = new AtomicBoolean();

  private StartSignal() {}

  /**
   * Prints {@link #LINE} on a signal from now until {@link #disarm}; once per process. Test hook
   * ({@link #pausePoint}): with {@value RunPhase#PAUSE_PROPERTY}={@value #PAUSE_KEY} the process prints
   * {@link RunPhase#PAUSED} and the key on stderr and waits there (at most 60 s) for the signal.
   */
  static void arm() {
    if (ARMED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        if (ARMED.compareAndSet(true, false)) {
          System.err.println(LINE);
        }
      }, "mqtt-chaos-start-signal"));
    }
  }

  /** The test hook's pause point of the JVM's start (see {@link #arm}); returns at once unless asked. */
  static void pausePoint() {
    if (PAUSE_KEY.equals(System.getProperty(RunPhase.PAUSE_PROPERTY))) {
      System.err.println(RunPhase.PAUSED + PAUSE_KEY);
      System.err.flush();
      try {
        Thread.sleep(60_000); // the signal ends the process meanwhile
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** System property: a file the launcher names, made once this process speaks for itself on a signal. */
  static final String STARTED_PROPERTY = "mqttchaos.launcher.started";

  /**
   * Tells the launcher (the {@code mqtt-chaos} script, this process's parent) that from now on this process says
   * itself what a signal did: makes the file {@value #STARTED_PROPERTY} names, if any. Until then the launcher
   * prints the line for a signal itself. A file that cannot be made leaves that to the launcher: nothing is thrown.
   */
  static void started() {
    String file = System.getProperty(STARTED_PROPERTY);
    if (file != null && !file.isEmpty()) {
      try {
        java.nio.file.Files.createFile(java.nio.file.Path.of(file));
      } catch (java.io.IOException | RuntimeException e) {
        // the launcher prints its own line on a signal: at worst a second one
      }
    }
  }

  /** The test hook's key for the JVM's start, before the run's own handling. */
  static final String PAUSE_KEY = "launch";

  /** No line from here on: another handler speaks for the phase, or the process exits of its own accord. */
  static void disarm() {
    ARMED.set(false);
  }
}
