package org.mqttchaos.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes and reads summary.json: pretty-printed, keys in the schema's order, so diffs between runs stay readable.
 * File errors are left to the caller, which knows how to tell the user (the report names the results folder).
 */
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
    } catch (JsonProcessingException e) {
      // records of strings, numbers, lists and maps: only a bug in the schema gets here
      throw new UncheckedIOException("cannot serialize the summary: " + e.getMessage(), e);
    }
  }

  /** Writes summary.json whole or not at all ({@link AtomicFile}). */
  public static void write(Path file, Summary summary) throws IOException {
    try {
      AtomicFile.writeString(file, toJson(summary));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  public static Summary read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), Summary.class);
  }
}
