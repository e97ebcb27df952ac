package org.mqttchaos.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mqttchaos.report.ReportBuilder;
import org.mqttchaos.report.ReportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mqtt-chaos report DIR}: rebuilds summary.json and report.html from a results folder's files. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Rebuild summary.json and report.html from a results folder's files alone "
        + "(e.g. results copied from another machine).")
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "A results folder, e.g. results/20260101-120000-quickstart")
  Path dir;

  @Override
  public Integer call() {
    try {
      ReportBuilder.rebuild(dir);
      System.out.println("wrote " + dir.resolve("summary.json") + " and " + dir.resolve("report.html"));
      return 0;
    } catch (ReportException e) {
      System.err.println("mqtt-chaos report: " + e.getMessage());
      return MqttChaos.EXIT_USAGE;
    }
  }
}
