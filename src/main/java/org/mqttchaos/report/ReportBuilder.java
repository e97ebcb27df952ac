package org.mqttchaos.report;

import java.nio.file.Path;
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
    PlanCsv plan = PlanCsv.read(dir); // a 100,000-user plan is megabytes: read once for the summary and the page
    Summary summary = SummaryBuilder.build(dir, plan);
    ResultsFolder.writeSummary(dir, summary);
    HgrmWriter.write(dir);
    HtmlReport.write(dir, summary, plan);
    return summary;
  }
}
