package org.mqttchaos.broker;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fences HiveMQ's start-up, which writes JVM-wide state: it reads its home folder from the
 * system property {@code hivemq.home} (pointed at the broker's own folder, else it makes an
 * undeletable temp dir and warns), sets {@code hivemq.log.folder}, and installs a default
 * uncaught-exception handler that calls System.exit. Starts run one at a time and every
 * global is put back on {@link #close()}, so the harness keeps its own handler and properties.
 */
final class JvmGlobals implements AutoCloseable {

  private static final String HOME = "hivemq.home";
  private static final String LOG_FOLDER = "hivemq.log.folder";
  private static final ReentrantLock LOCK = new ReentrantLock();

  private final String oldHome;
  private final String oldLogFolder;
  private final Thread.UncaughtExceptionHandler oldHandler;

  private JvmGlobals() {
    oldHome = System.getProperty(HOME);
    oldLogFolder = System.getProperty(LOG_FOLDER);
    oldHandler = Thread.getDefaultUncaughtExceptionHandler();
  }

  /** Takes the start lock and points HiveMQ at {@code home} until {@link #close()}. */
  static JvmGlobals fence(Path home) {
    LOCK.lock();
    JvmGlobals saved = new JvmGlobals();
    System.setProperty(HOME, home.toString());
    return saved;
  }

  @Override
  public void close() {
    try {
      restore(HOME, oldHome);
      restore(LOG_FOLDER, oldLogFolder);
      Thread.setDefaultUncaughtExceptionHandler(oldHandler);
    } finally {
      LOCK.unlock();
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
