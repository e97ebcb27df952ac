package org.mqttchaos.report;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.Summary;

/**
 * Builds every report file of a results folder from the folder's own files: summary.json, the .hgrm
 * distributions and report.html. Called at the end of a run and by {@code mqtt-chaos report DIR}; running it
 * again on the same folder rewrites the same bytes.
 */
public final class ReportBuilder {
  private ReportBuilder() {}

  /**
   * @throws ReportException with a message for the user when the folder is not a results folder (no run.json)
   *     or a file cannot be read or written
   */
  public static Summary rebuild(Path dir) {
    List<String> unwritten = new ArrayList<>();
    Summary summary = rebuild(dir, null, unwritten);
    if (!unwritten.isEmpty()) {
      throw new ReportException("cannot write in " + dir + ": " + String.join("; ", unwritten));
    }
    return summary;
  }

  /**
   * As {@link #rebuild(Path)} at the end of a run: {@code run} is the run's data when run.json may not have been
   * written (null: read run.json), and a report file that cannot be written is added to {@code unwritten}
   * ("report.html: No space left on device") instead of ending the rebuild, so the summary is still returned.
   */
  public static Summary rebuild(Path dir, RunData run, List<String> unwritten) {
    PlanCsv plan = PlanCsv.read(dir);
    Summary summary = run == null ? SummaryBuilder.build(dir, plan) : SummaryBuilder.build(dir, run, plan);
    attempt(unwritten, () -> ResultsFolder.writeSummary(dir, summary));
    attempt(unwritten, () -> HgrmWriter.write(dir));
    attempt(unwritten, () -> HtmlReport.write(dir, summary, plan));
    return summary;
  }

  private static void attempt(List<String> unwritten, Runnable write) {
    try {
      write.run();
    } catch (ReportException | UncheckedIOException e) {
      unwritten.add(e.getMessage());
    }
  }
}
