package org.mqttchaos.report;

import java.nio.file.Path;

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
    Summary summary = SummaryBuilder.build(dir);
    SummaryJson.write(dir.resolve(ResultsFolder.SUMMARY_JSON), summary);
    HgrmWriter.write(dir);
    HtmlReport.write(dir, summary);
    return summary;
  }
}
