package org.mqttchaos.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads summary.json: pretty-printed, keys in the schema's order, so diffs between runs stay readable. */
public final class SummaryJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  // "\n" everywhere, so the file is byte-identical whichever OS wrote it.
  private static final ObjectWriter WRITER = MAPPER.writer(
      new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private SummaryJson() {}

  public static String toJson(Summary summary) {
    try {
      return WRITER.writeValueAsString(summary) + "\n";
    } catch (IOException e) {
      throw new ReportException("cannot serialize the summary: " + e.getMessage(), e);
    }
  }

  public static void write(Path file, Summary summary) {
    try {
      Files.writeString(file, toJson(summary), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static Summary read(Path file) {
    try {
      return MAPPER.readValue(file.toFile(), Summary.class);
    } catch (IOException e) {
      throw new ReportException("cannot read " + file + ": " + ResultsFolder.firstLine(e.getMessage()), e);
    }
  }
}
