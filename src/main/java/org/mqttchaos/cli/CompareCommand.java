package org.mqttchaos.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mqttchaos.report.Compare;
import org.mqttchaos.report.CompareHtml;
import org.mqttchaos.report.CompareText;
import org.mqttchaos.report.ReportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mqtt-chaos compare A B}: two results folders side by side, A the baseline, B the candidate.
 * Exit codes: 0 B holds up, 1 B regresses beyond a threshold, 2 a folder is not a results folder.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compare two results folders (A the baseline, B the candidate): print a side-by-side table, "
        + "write compare.html, exit 1 when B regresses beyond a threshold.")
final class CompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "A", description = "Baseline results folder")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Candidate results folder")
  Path b;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write the HTML comparison (default: compare-<A>-vs-<B>.html in the current directory,"
          + " named after the two folders).")
  Path out;

  @Option(names = "--max-p99-regression", paramLabel = "PCT", defaultValue = "10",
      description = "Largest growth of connect p99 from A to B, in percent, and of delivery p99 when A delivered"
          + " messages (default: ${DEFAULT-VALUE}).")
  double maxP99RegressionPct;

  @Option(names = "--max-flap-regression", paramLabel = "PCT", defaultValue = "10",
      description = "Largest growth of flaps per client-minute from A to B, in percent; flaps where A had none"
          + " always count (default: ${DEFAULT-VALUE}).")
  double maxFlapRegressionPct;

  @Option(names = "--fail-on-new-findings", negatable = true, defaultValue = "true", fallbackValue = "true",
      arity = "0..1", description = "B may not have more findings than A (default: ${DEFAULT-VALUE}; "
          + "--no-fail-on-new-findings to allow).")
  boolean failOnNewFindings;

  @Override
  public Integer call() {
    if (maxP99RegressionPct < 0 || maxFlapRegressionPct < 0) {
      System.err.println("mqtt-chaos compare: --max-p99-regression and --max-flap-regression take a percentage"
          + " >= 0");
      return MqttChaos.EXIT_USAGE;
    }
    try {
      Compare c = Compare.of(a, b, new Compare.Thresholds(maxP99RegressionPct, maxFlapRegressionPct,
          failOnNewFindings));
      System.out.print(CompareText.render(c));
      Path file = out != null ? out
          : Path.of("compare-" + CompareHtml.name(a) + "-vs-" + CompareHtml.name(b) + ".html");
      CompareHtml.write(file, c);
      System.out.println("wrote " + file);
      return c.regressions().isEmpty() ? 0 : MqttChaos.EXIT_FAILED;
    } catch (ReportException e) {
      System.err.println("mqtt-chaos compare: " + e.getMessage());
      return MqttChaos.EXIT_USAGE;
    }
  }
}
