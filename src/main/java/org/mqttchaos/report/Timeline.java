package org.mqttchaos.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The per-second samples of timeline.csv ({@code second,connected,connects,flaps,faults,brokerDown,published,
 * acknowledged,delivered}), as columns. Columns are found by header name, so a file with extra or reordered columns
 * still reads; a missing column reads as zeros (a timeline written before brokerDown existed: the broker never down;
 * before the message columns: no messages).
 */
public record Timeline(long[] second, long[] connected, long[] connects, long[] flaps, long[] faults,
    long[] brokerDown, long[] published, long[] acknowledged, long[] delivered) {

  /** The folder's timeline, or empty when the run wrote none. */
  public static Optional<Timeline> read(Path dir) {
    List<String> lines = ResultsFolder.lines(dir, ResultsFolder.TIMELINE_CSV);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    List<String> header = List.of(lines.get(0).strip().split("\\s*,\\s*"));
    List<long[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split("\\s*,\\s*");
      long[] row = new long[header.size()];
      for (int c = 0; c < row.length && c < cells.length; c++) {
        try {
          row[c] = Math.round(Double.parseDouble(cells[c]));
        } catch (NumberFormatException e) {
          throw new ReportException(dir.resolve(ResultsFolder.TIMELINE_CSV) + " line " + (i + 1) + ": not a number: '" + cells[c] + "'");
        }
      }
      rows.add(row);
    }
    return Optional.of(new Timeline(column(header, rows, "second"), column(header, rows, "connected"),
        column(header, rows, "connects"), column(header, rows, "flaps"), column(header, rows, "faults"),
        column(header, rows, "brokerDown"), column(header, rows, "published"), column(header, rows, "acknowledged"),
        column(header, rows, "delivered")));
  }

  private static long[] column(List<String> header, List<long[]> rows, String name) {
    int index = header.indexOf(name);
    long[] values = new long[rows.size()];
    for (int r = 0; r < values.length; r++) {
      values[r] = index < 0 ? 0 : rows.get(r)[index];
    }
    return values;
  }

  /** True when some second published, acknowledged or delivered a message. */
  public boolean anyMessages() {
    for (int i = 0; i < second.length; i++) {
      if (published[i] + acknowledged[i] + delivered[i] > 0) {
        return true;
      }
    }
    return false;
  }

  public int size() {
    return second.length;
  }
}
