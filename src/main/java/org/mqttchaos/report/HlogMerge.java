package org.mqttchaos.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Adds the {@code <metric>.hlog} interval logs of several shards into one log per metric: the intervals of
 * second k after each shard's own start are added into interval k of the merged log. Shards on several
 * machines start seconds apart, and everything a profile schedules (ramp, mass drops) counts from the run's
 * start, so aligning on each shard's start gives the curve of one whole run; the merged log keeps one interval
 * a second like any run's, so the report and HdrHistogram's tools read it as they read one run's. Totals are
 * the same as adding every interval as it is: histograms are added, never averaged.
 */
final class HlogMerge {
  private HlogMerge() {}

  /** Every metric that has a log in any of the folders. */
  static TreeSet<String> metrics(List<Path> dirs) {
    TreeSet<String> names = new TreeSet<>();
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.list(dir)) {
        files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".hlog"))
            .forEach(f -> names.add(f.substring(0, f.length() - ".hlog".length())));
      } catch (IOException e) {
        throw new ReportException("cannot list " + dir + ": " + e.getMessage(), e);
      }
    }
    return names;
  }

  /** Writes {@code out/<metric>.hlog}, its intervals stamped from {@code startMillis}, the merged run's start. */
  static void merge(String metric, List<Path> dirs, Path out, long startMillis) {
    TreeMap<Long, Histogram> bySecond = new TreeMap<>();
    TreeMap<Long, Long> endMillis = new TreeMap<>();
    for (Path dir : dirs) {
      read(dir.resolve(metric + ".hlog"), bySecond, endMillis);
    }
    Path file = out.resolve(metric + ".hlog");
    try (PrintStream stream = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
      HistogramLogWriter writer = new HistogramLogWriter(stream);
      writer.outputComment("mqtt-chaos " + metric + ", values in microseconds, merged from " + dirs.size()
          + " results folders (interval k = second k after each folder's start)");
      writer.outputLogFormatVersion();
      writer.outputStartTime(startMillis);
      writer.setBaseTime(startMillis);
      writer.outputLegend();
      bySecond.forEach((second, h) -> {
        h.setStartTimeStamp(startMillis + second * 1000);
        h.setEndTimeStamp(startMillis + endMillis.get(second));
        writer.outputIntervalHistogram(h);
      });
    } catch (IOException e) {
      throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void read(Path file, TreeMap<Long, Histogram> bySecond, TreeMap<Long, Long> endMillis) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (InputStream in = Files.newInputStream(file)) {
      HistogramLogReader reader = new HistogramLogReader(in);
      EncodableHistogram interval;
      while ((interval = reader.nextIntervalHistogram()) != null) {
        if (!(interval instanceof Histogram h)) {
          throw new ReportException("cannot read " + file + ": expected integer microsecond histograms");
        }
        long logStart = Math.round(reader.getStartTimeSec() * 1000);
        long second = Math.max(0, Math.round((h.getStartTimeStamp() - logStart) / 1000.0));
        bySecond.computeIfAbsent(second, s -> new Histogram(HlogTotals.SIGNIFICANT_DIGITS)).add(h);
        endMillis.merge(second, Math.max(second * 1000, h.getEndTimeStamp() - logStart), Math::max);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ReportException re) {
        throw re;
      }
      throw new ReportException("cannot read " + file + ": " + ResultsFolder.firstLine(e.getMessage()), e);
    }
  }
}
