package org.mqttchaos.engine;

import com.typesafe.config.ConfigFactory;
import io.gatling.app.Gatling$;
import java.nio.file.Path;

/**
 * Runs a Gatling simulation in this JVM and returns Gatling's status code. Uses
 * {@code Gatling.fromArgs}, not {@code Gatling.main}, which would exit the JVM. Gatling's usage
 * analytics are off in our gatling.conf and its release check is kept from the network by
 * {@link OfflinePreferences}.
 */
public final class GatlingLauncher {
  private GatlingLauncher() {}

  /**
   * @param simulationClass the simulation to run
   * @param gatlingDir      where Gatling writes its own report (a sub-folder per run)
   * @param description     run description shown in Gatling's report
   * @param gatlingReport   also write Gatling's simulation.log and HTML report (off in gatling.conf)
   */
  public static int run(String simulationClass, Path gatlingDir, String description, boolean gatlingReport) {
    OfflinePreferences.install();
    String[] args = {
      "-s", simulationClass,
      "-rf", gatlingDir.toAbsolutePath().toString(),
      "-rd", description,
    };
    if (gatlingReport) {
      // system properties come first in Gatling's configuration chain; numbered keys read as a list
      System.setProperty(FILE_WRITER_PROPERTY, "file");
      ConfigFactory.invalidateCaches();
    }
    try {
      return Gatling$.MODULE$.fromArgs(args);
    } catch (RuntimeException | AssertionError e) {
      // e.g. Gatling's report step on a run in which no user started: what we measured is still written
      System.err.println("mqtt-chaos: Gatling stopped: " + e.getMessage());
      return 1;
    } finally {
      if (gatlingReport) {
        System.clearProperty(FILE_WRITER_PROPERTY);
        ConfigFactory.invalidateCaches();
      }
    }
  }

  private static final String FILE_WRITER_PROPERTY = "gatling.data.writers.0";
}
