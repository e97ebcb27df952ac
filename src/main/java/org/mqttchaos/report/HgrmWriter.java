package org.mqttchaos.report;

import java.io.UncheckedIOException;
import org.mqttchaos.summary.AtomicFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.mqttchaos.summary.MetricNames;

/**
 * Writes {@code <metric>.hgrm} percentile distributions (HdrHistogram's own text format, in milliseconds) for
 * every non-empty metric, so the run's totals open in HdrHistogram's plotter and compare with other tools' output.
 */
public final class HgrmWriter {
  /** The histograms are in microseconds; the .hgrm files are in milliseconds. */
  static final double MICROS_PER_MS = 1000.0;
  private static final int TICKS_PER_HALF_DISTANCE = 5;

  private HgrmWriter() {}

  /** Writes the files and returns the paths written; a stale .hgrm of a now-empty metric is removed. */
  public static List<Path> write(Path resultsDir) {
    List<Path> written = new ArrayList<>();
    for (String metric : MetricNames.ALL) {
      Histogram total = HlogTotals.read(resultsDir, metric);
      Path file = resultsDir.resolve(metric + ".hgrm");
      try {
        if (total.getTotalCount() == 0) {
          Files.deleteIfExists(file);
          continue;
        }
        AtomicFile.write(file, stream -> {
          PrintStream out = new PrintStream(stream, false, "UTF-8");
          total.outputPercentileDistribution(out, TICKS_PER_HALF_DISTANCE, MICROS_PER_MS);
          out.flush();
        });
        written.add(file);
      } catch (IOException e) {
        throw new ReportException(file.getFileName() + ": " + AtomicFile.reason(e), e);
      } catch (UncheckedIOException e) {
        throw new ReportException(e.getMessage(), e); // "connect.hgrm: the OS's reason"
      }
    }
    return written;
  }
}
