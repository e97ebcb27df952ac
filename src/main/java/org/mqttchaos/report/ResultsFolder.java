package org.mqttchaos.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.AtomicFile;
import org.mqttchaos.summary.Summary;
import org.mqttchaos.summary.SummaryJson;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The files of one results folder, by name, and the small readers for run.json and profile.yaml. Everything the
 * report shows comes through here or {@link HlogTotals}, never from live objects.
 */
public final class ResultsFolder {
  public static final String SUMMARY_JSON = "summary.json";
  public static final String REPORT_HTML = "report.html";
  public static final String TIMELINE_CSV = "timeline.csv";
  public static final String FINDINGS_JSON = "findings.json";
  public static final String PROFILE_YAML = "profile.yaml";
  public static final String TOP_FLAPPING_JSON = "top-flapping.json";
  public static final String PLAN_CSV = "plan.csv";

  // Unknown fields are tolerated so that an older report can still read a newer run.json.
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ResultsFolder() {}

  /** Reads run.json; a folder without it is not a results folder. */
  public static RunData runData(Path dir) {
    Path file = dir.resolve(RunData.FILE_NAME);
    if (!Files.isDirectory(dir)) {
      throw new ReportException("not a results folder: " + dir + " is not a directory");
    }
    if (!Files.isRegularFile(file)) {
      throw new ReportException("not a results folder: " + RunData.FILE_NAME + " missing in " + dir);
    }
    try {
      return MAPPER.readValue(file.toFile(), RunData.class);
    } catch (IOException e) {
      throw new ReportException("cannot read " + file + ": " + firstLine(e.getMessage()), e);
    }
  }

  /** Reads the folder's summary.json. */
  static Summary readSummary(Path dir) {
    Path file = dir.resolve(SUMMARY_JSON);
    try {
      return SummaryJson.read(file);
    } catch (IOException e) {
      throw new ReportException("cannot read " + file + ": " + firstLine(e.getMessage()), e);
    }
  }

  /** Writes the folder's summary.json. */
  static void writeSummary(Path dir, Summary summary) {
    Path file = dir.resolve(SUMMARY_JSON);
    try {
      SummaryJson.write(file, summary);
    } catch (IOException e) {
      throw new ReportException(SUMMARY_JSON + ": " + AtomicFile.reason(e), e);
    }
  }

  /** A JSON array file of the folder as records of {@code type}; an absent file is an empty list. */
  static <T> List<T> jsonList(Path dir, String name, Class<T> type) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return List.copyOf(MAPPER.readerForListOf(type).<List<T>>readValue(file.toFile()));
    } catch (IOException e) {
      throw new ReportException("cannot read " + file + ": " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * The profile's description from profile.yaml, if the folder has one. A missing or unparsable profile.yaml
   * only loses the description, the report is still built.
   */
  public static Optional<String> description(Path dir) {
    Path file = dir.resolve(PROFILE_YAML);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      Object doc = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
      if (doc instanceof Map<?, ?> map && map.get("description") != null) {
        String text = map.get("description").toString().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The lines of a text file of the folder; empty when the run wrote none. */
  static List<String> lines(Path dir, String name) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new ReportException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
