package org.mqttchaos.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mqttchaos.report.ConsoleSummary;
import org.mqttchaos.report.ReportBuilder;
import org.mqttchaos.report.ReportException;
import org.mqttchaos.summary.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mqtt-chaos report DIR}: rebuilds summary.json and report.html from a results folder's files and
 * re-evaluates the profile's assertions. Exit codes: 0 done, 1 an assertion failed, 2 not a results folder.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Rebuild summary.json and report.html from a results folder's files alone "
        + "(e.g. results copied from another machine).")
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "A results folder, e.g. results/20260101-120000-quickstart")
  Path dir;

  @Override
  public Integer call() {
    try {
      Summary summary = ReportBuilder.rebuild(dir);
      System.out.print(ConsoleSummary.render(summary, dir));
      System.out.println("wrote " + dir.resolve("summary.json") + " and " + dir.resolve("report.html"));
      return summary.failedAssertions().isEmpty() ? 0 : MqttChaos.EXIT_FAILED;
    } catch (ReportException e) {
      System.err.println("mqtt-chaos report: " + e.getMessage());
      return MqttChaos.EXIT_USAGE;
    }
  }
}
