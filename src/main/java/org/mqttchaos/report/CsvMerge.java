package org.mqttchaos.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CSV files of several shards as one: timeline.csv summed per second (column by column, found by header name,
 * so columns added later are summed too), plan.csv concatenated in user order, which is the whole run's plan.
 */
final class CsvMerge {

  private CsvMerge() {}

  /** Sums every column but {@code second} over the rows with the same second; absent cells count as 0. */
  static void timeline(List<Path> dirs, Path out) {
    LinkedHashSet<String> columns = new LinkedHashSet<>(List.of("second"));
    Map<Long, Map<String, Double>> rows = new TreeMap<>();
    boolean any = false;
    for (Path dir : dirs) {
      Path file = dir.resolve(ResultsFolder.TIMELINE_CSV);
      List<String> lines = lines(file);
      if (lines.isEmpty()) {
        continue;
      }
      any = true;
      String[] header = lines.get(0).strip().split("\\s*,\\s*");
      columns.addAll(List.of(header));
      int secondAt = List.of(header).indexOf("second");
      for (int i = 1; i < lines.size(); i++) {
        String[] cells = lines.get(i).strip().split("\\s*,\\s*");
        if (cells.length < 2 || secondAt < 0) {
          continue;
        }
        Map<String, Double> row = rows.computeIfAbsent(number(cells[secondAt], file, i).longValue(), s -> new TreeMap<>());
        for (int c = 0; c < header.length && c < cells.length; c++) {
          if (c != secondAt) {
            row.merge(header[c], number(cells[c], file, i), Double::sum);
          }
        }
      }
    }
    if (!any) {
      return;
    }
    List<String> text = new ArrayList<>(List.of(String.join(",", columns)));
    rows.forEach((second, row) -> {
      StringBuilder line = new StringBuilder(Long.toString(second));
      columns.stream().skip(1).forEach(c -> line.append(',').append(format(row.getOrDefault(c, 0.0))));
      text.add(line.toString());
    });
    write(out.resolve(ResultsFolder.TIMELINE_CSV), text);
  }

  /** One header, then every folder's rows ordered by the user number in the first column. */
  static void plan(List<Path> dirs, Path out) {
    String header = null;
    TreeMap<Long, String> rows = new TreeMap<>();
    for (Path dir : dirs) {
      Path file = dir.resolve(ResultsFolder.PLAN_CSV);
      List<String> lines = lines(file);
      if (lines.isEmpty()) {
        continue;
      }
      header = header == null ? lines.get(0) : header;
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.isBlank()) {
          rows.put(number(line.substring(0, Math.max(0, line.indexOf(','))), file, i).longValue(), line);
        }
      }
    }
    if (header != null) {
      List<String> text = new ArrayList<>(List.of(header));
      text.addAll(rows.values());
      write(out.resolve(ResultsFolder.PLAN_CSV), text);
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static Double number(String cell, Path file, int line) {
    try {
      return Double.parseDouble(cell.strip());
    } catch (NumberFormatException e) {
      throw new ReportException(file + " line " + (line + 1) + ": not a number: '" + cell + "'");
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new ReportException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, List<String> lines) {
    try {
      Files.writeString(file, String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
