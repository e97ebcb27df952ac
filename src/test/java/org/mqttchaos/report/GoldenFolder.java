package org.mqttchaos.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.FailedBy;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.SummaryJson;

/**
 * The golden results folder in src/test/resources/golden: known values, so tests can assert exact figures.
 * {@link #main} wrote the checked-in files once ({@code TZ=UTC}), summary.json included as the expected
 * summary; tests copy them into a temporary folder.
 *
 * <p>Every latency below 2048 µs, where HdrHistogram at 3 significant digits stores values exactly.
 */
final class GoldenFolder {
  static final Path SOURCE = Paths.get("src/test/resources/golden");
  static final long START_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  static final int INTERVALS = 3;

  /** value µs -> count, per metric; flap-interval, keepalive-detection and will-delay deliberately absent. */
  static final Map<String, long[][]> VALUES = new LinkedHashMap<>();

  static {
    VALUES.put(MetricNames.CONNECT, new long[][] {{1000, 50}, {1500, 40}, {2000, 10}});
    VALUES.put(MetricNames.CONNECT_FIRST, new long[][] {{1000, 50}, {1500, 30}});
    VALUES.put(MetricNames.CONNECT_RECONNECT, new long[][] {{1500, 10}, {2000, 10}});
    VALUES.put(MetricNames.CONNECT_CLEAN, new long[][] {{1000, 50}, {1500, 20}});
    VALUES.put(MetricNames.CONNECT_PERSISTENT, new long[][] {{1500, 20}, {2000, 10}});
    VALUES.put(MetricNames.TCP_CONNECT, new long[][] {{100, 60}, {200, 40}});
    VALUES.put(MetricNames.START_LAG, new long[][] {{500, 99}, {1200, 1}});
  }

  static final Map<String, Long> COUNTERS = new LinkedHashMap<>();

  static {
    COUNTERS.put("connects.attempted", 110L);
    COUNTERS.put("connects.succeeded", 100L);
    COUNTERS.put("connects.failed", 10L);
    COUNTERS.put("connects.byCode.0", 100L);
    COUNTERS.put("connects.byCode.5", 4L);
    COUNTERS.put("connects.noConnack", 6L);
    COUNTERS.put("sessionPresent.checked", 30L);
    COUNTERS.put("sessionPresent.mismatches", 1L);
    COUNTERS.put("flaps.total", 45L);
    COUNTERS.put("flaps.takeovers", 40L);
    COUNTERS.put("flaps.flappingIds", 4L);
    COUNTERS.put("flaps.connectedClientMillis", 1_800_000L); // 30 client-minutes -> 1.5 flaps per client-minute
    COUNTERS.put("findings", 1L);
  }

  static RunData runData(String profile, String brokerUrl) {
    return new RunData(profile, 42, "2026-01-01T00:00:00Z", 3.0, brokerUrl, false, "3.1.1", 100, false,
        "0.1.0-SNAPSHOT", COUNTERS, List.of("connect.p99 < 50ms", "findings == 0"), 1, 1, List.of(), 0.25);
  }

  /**
   * The golden folder as a TLS run writes it: its 10 failed connects under their reasons (the 4 CONNACKs refused
   * with code 5, the 6 without CONNACK as an untrusted broker certificate), in {@code target}.
   */
  static Path copyWithFailureReasons(Path target) throws IOException {
    copyTo(target);
    Map<String, Long> counters = new LinkedHashMap<>(COUNTERS);
    counters.put(Counters.failedBy(FailedBy.CONNACK_REFUSED.key()), 4L);
    counters.put(Counters.failedBy(FailedBy.TLS_UNTRUSTED.key()), 6L);
    writeRunData(target, new RunData("golden", 42, "2026-01-01T00:00:00Z", 3.0, "mqtts://127.0.0.1:8883", false,
        "3.1.1", 100, false, "0.1.0-SNAPSHOT", counters, List.of()));
    return target;
  }

  /** Copies the checked-in golden folder into {@code target} (which must exist) and returns it. */
  static Path copyTo(Path target) throws IOException {
    return copy(SOURCE, target);
  }

  /** Copies every file of a checked-in folder into {@code target}. */
  static Path copy(Path source, Path target) throws IOException {
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    return target;
  }

  static void writeRunData(Path dir, RunData run) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve(RunData.FILE_NAME).toFile(), run);
  }

  /** Writes {@code <metric>.hlog} with the given value/count pairs spread round-robin over one-second intervals. */
  static void writeHlog(Path dir, String metric, long[][] valueCounts) throws IOException {
    Histogram[] intervals = new Histogram[INTERVALS];
    for (int i = 0; i < INTERVALS; i++) {
      intervals[i] = interval(i);
    }
    int next = 0;
    for (long[] vc : valueCounts) {
      for (long n = 0; n < vc[1]; n++) {
        intervals[next++ % INTERVALS].recordValue(vc[0]);
      }
    }
    writeHlogFile(dir, metric, intervals);
  }

  /** Writes {@code <metric>.hlog} with one interval a second: interval i holds perInterval[i]'s {value, count}s. */
  static void writeHlogIntervals(Path dir, String metric, long[][][] perInterval) throws IOException {
    Histogram[] intervals = new Histogram[perInterval.length];
    for (int i = 0; i < perInterval.length; i++) {
      intervals[i] = interval(i);
      for (long[] vc : perInterval[i]) {
        intervals[i].recordValueWithCount(vc[0], vc[1]);
      }
    }
    writeHlogFile(dir, metric, intervals);
  }

  /** An empty histogram for second {@code i} of the run: from START_MILLIS + i s to one second later. */
  private static Histogram interval(int i) {
    Histogram h = new Histogram(3);
    h.setStartTimeStamp(START_MILLIS + i * 1000L);
    h.setEndTimeStamp(START_MILLIS + (i + 1) * 1000L);
    return h;
  }

  /** {@code <metric>.hlog} in {@code dir}: the log's header (base time START_MILLIS), then {@code intervals}. */
  private static void writeHlogFile(Path dir, String metric, Histogram[] intervals) throws IOException {
    try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(metric + ".hlog")))) {
      HistogramLogWriter writer = new HistogramLogWriter(out);
      writer.outputLogFormatVersion();
      writer.outputStartTime(START_MILLIS);
      writer.setBaseTime(START_MILLIS);
      writer.outputLegend();
      for (Histogram h : intervals) {
        writer.outputIntervalHistogram(h);
      }
    }
  }

  /** Regenerates the checked-in folder: run from the module root. */
  public static void main(String[] args) throws IOException {
    Files.createDirectories(SOURCE);
    writeRunData(SOURCE, runData("golden", "tcp://127.0.0.1:1883"));
    for (Map.Entry<String, long[][]> e : VALUES.entrySet()) {
      writeHlog(SOURCE, e.getKey(), e.getValue());
    }
    Files.writeString(SOURCE.resolve(ResultsFolder.PROFILE_YAML),
        "name: golden\ndescription: Known values for the report tests.\nseed: 42\nload:\n  clients: 100\n");
    Files.writeString(SOURCE.resolve(ResultsFolder.TIMELINE_CSV),
        "second,connected,connects,flaps,faults\n0,0,0,0,0\n1,40,45,10,1\n2,70,35,20,0\n3,60,20,15,2\n");
    // The expected summary, reviewed by hand once; SummaryJsonTest compares new builds with it byte for byte.
    SummaryJson.write(SOURCE.resolve(ResultsFolder.SUMMARY_JSON), SummaryBuilder.build(SOURCE));
  }
}
