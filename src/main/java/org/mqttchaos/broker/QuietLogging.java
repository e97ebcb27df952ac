package org.mqttchaos.broker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps HiveMQ's start-up and per-connection INFO chatter off the console of a load run,
 * whatever logback configuration won: its loggers are capped at WARN unless a user's own
 * configuration already set a level for them (so they can still turn on DEBUG).
 */
final class QuietLogging {

  private static final List<String> NOISY = List.of("com.hivemq", "jetbrains.exodus", "oshi");

  /** Logs only that a bind failed, which {@link StartFailure} reports in one line instead. */
  private static final String LISTENER_VERIFIER = "com.hivemq.bootstrap.StartupListenerVerifier";

  private QuietLogging() {}

  static void apply() {
    for (String name : NOISY) {
      cap(name, Level.WARN);
    }
    cap(LISTENER_VERIFIER, Level.OFF);
  }

  private static void cap(String name, Level level) {
    // Another SLF4J binding means logback is not in charge; leave it alone.
    if (LoggerFactory.getLogger(name) instanceof Logger logger && logger.getLevel() == null) {
      logger.setLevel(level);
    }
  }
}
