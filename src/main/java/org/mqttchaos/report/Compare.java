package org.mqttchaos.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.HistogramSummary;
import org.mqttchaos.summary.Summary;

/**
 * Two runs side by side, A the baseline and B the candidate, read from their results folders' files alone, and
 * the regressions of B against the thresholds, and any increase of messages lost, duplicated or out of order (the
 * delivery checker's). Used by {@code mqtt-chaos compare A B}.
 *
 * @param regressions one line per threshold B broke, empty when B holds up
 */
public record Compare(Path dirA, Path dirB, Summary a, Summary b, List<CompareRow> rows, List<String> regressions) {

  /**
   * When B counts as worse than A.
   *
   * @param maxP99RegressionPct  connect p99, and delivery p99 when A measured deliveries, may grow by at most this
   *                             many percent
   * @param maxFlapRegressionPct flaps per client-minute may grow by at most this many percent (any flap where A
   *                             had none is a regression)
   * @param failOnNewFindings    B may not have more findings than A
   */
  public record Thresholds(double maxP99RegressionPct, double maxFlapRegressionPct, boolean failOnNewFindings) {}

  /** @throws ReportException naming the folder when one is not a results folder */
  public static Compare of(Path dirA, Path dirB, Thresholds thresholds) {
    Summary a = summary(dirA);
    Summary b = summary(dirB);
    return new Compare(dirA, dirB, a, b, CompareRow.of(a, b), regressions(a, b, thresholds));
  }

  /**
   * The folder's summary, rebuilt from run.json and the .hlog files when they are there (so it has today's
   * schema), else read from summary.json. Nothing is written into the folder.
   */
  static Summary summary(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ReportException("not a results folder: " + dir + " is not a directory");
    }
    if (Files.isRegularFile(dir.resolve(RunData.FILE_NAME))) {
      return SummaryBuilder.build(dir);
    }
    if (Files.isRegularFile(dir.resolve(ResultsFolder.SUMMARY_JSON))) {
      return ResultsFolder.readSummary(dir);
    }
    throw new ReportException("not a results folder: neither " + RunData.FILE_NAME + " nor "
        + ResultsFolder.SUMMARY_JSON + " in " + dir);
  }

  static List<String> regressions(Summary a, Summary b, Thresholds t) {
    List<String> found = new ArrayList<>();
    p99Regression("connect", "CONNACKs", a.latency().connect(), b.latency().connect(), t, found);
    p99Regression("delivery", "deliveries", a.messages().delivery(), b.messages().delivery(), t, found);
    messageRegressions(a.messages(), b.messages(), found);
    double fa = a.flaps().perClientMinute();
    double fb = b.flaps().perClientMinute();
    if (fb > 0 && fb > fa * (1 + t.maxFlapRegressionPct() / 100)) {
      found.add("flaps per client-minute " + Format.decimal(fa, 3) + " -> " + Format.decimal(fb, 3) + " ("
          + (fa == 0 ? "none in A" : percent(fa, fb) + ", limit +" + Format.decimal(t.maxFlapRegressionPct(), 1)
              + " %") + ")");
    }
    if (t.failOnNewFindings() && b.findings() > a.findings()) {
      found.add("findings " + a.findings() + " -> " + b.findings());
    }
    return List.copyOf(found);
  }

  /**
   * A latency {@code name} that A measured (counting {@code what}) is a regression in B when B measured none, or when
   * B's p99 exceeds A's by more than {@link Thresholds#maxP99RegressionPct()} percent.
   */
  private static void p99Regression(String name, String what, HistogramSummary a, HistogramSummary b, Thresholds t,
      List<String> found) {
    if (a.count() > 0 && b.count() == 0) {
      found.add(name + ": A measured " + a.count() + " " + what + ", B none");
    } else if (a.count() > 0 && b.p99() > a.p99() * (1 + t.maxP99RegressionPct() / 100)) {
      found.add(name + " p99 " + Format.ms(a.p99()) + " ms -> " + Format.ms(b.p99()) + " ms ("
          + percent(a.p99(), b.p99()) + ", limit +" + Format.decimal(t.maxP99RegressionPct(), 1) + " %)");
    }
  }

  /**
   * The delivery checker's broken promises: any increase of lost, duplicated or out-of-order messages from A to B is
   * a regression (no threshold: on a correct broker each is 0).
   */
  private static void messageRegressions(Summary.Messages a, Summary.Messages b, List<String> found) {
    String[] names = {"lost", "duplicated", "out of order"};
    long[] was = {a.lost(), a.duplicated(), a.outOfOrder()};
    long[] now = {b.lost(), b.duplicated(), b.outOfOrder()};
    for (int i = 0; i < names.length; i++) {
      if (now[i] > was[i]) {
        found.add("messages " + names[i] + " " + was[i] + " -> " + now[i]);
      }
    }
  }

  private static String percent(double a, double b) {
    return String.format(Locale.ROOT, "%+.1f %%", 100.0 * (b - a) / a);
  }
}
