package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.Summary;
import org.mqttchaos.summary.SummaryJson;

class ReportBuilderTest {
  @TempDir Path dir;

  @Test
  void writesSummaryHgrmAndHtmlAndReturnsTheSummaryWritten() throws IOException {
    GoldenFolder.copyTo(dir);
    Files.delete(dir.resolve(ResultsFolder.SUMMARY_JSON));
    Summary summary = ReportBuilder.rebuild(dir);
    assertEquals(summary, SummaryJson.read(dir.resolve(ResultsFolder.SUMMARY_JSON)));
    assertTrue(Files.exists(dir.resolve(ResultsFolder.REPORT_HTML)));
    assertTrue(Files.exists(dir.resolve("connect.hgrm")));
  }

  @Test
  void rebuildIsIdempotent() throws IOException {
    GoldenFolder.copyTo(dir);
    assertRebuildIsIdempotent();
  }

  @Test
  void rebuildOfAChaosRunIsIdempotent() throws IOException {
    GoldenChaosFolder.copyTo(dir);
    assertRebuildIsIdempotent();
    assertTrue(Files.exists(dir.resolve("recovery.hgrm")) && Files.exists(dir.resolve("time-to-calm.hgrm")));
  }

  private void assertRebuildIsIdempotent() throws IOException {
    ReportBuilder.rebuild(dir);
    Map<String, byte[]> first = contents(dir);
    ReportBuilder.rebuild(dir);
    Map<String, byte[]> second = contents(dir);
    assertEquals(first.keySet(), second.keySet());
    first.forEach((name, bytes) -> assertArrayEquals(bytes, second.get(name), name + " changed on rebuild"));
  }

  @Test
  void aFolderWithOnlyRunJsonStillGetsAReport() throws IOException {
    GoldenFolder.writeRunData(dir, new RunData("bare", 7, "2026-01-01T00:00:00Z", 1.0, "tcp://127.0.0.1:1883",
        false, "5", 10, false, "0.1.0", Map.of(), java.util.List.of()));
    Summary s = ReportBuilder.rebuild(dir);
    assertEquals(0, s.connects().attempted());
    assertTrue(Files.readString(dir.resolve(ResultsFolder.REPORT_HTML)).contains("<h1>bare</h1>"));
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.anyMatch(f -> f.toString().endsWith(".hgrm")), "no histograms, no .hgrm");
    }
  }

  @Test
  void aFolderWithoutRunJsonIsRejectedWithAClearMessage() {
    ReportException e = assertThrows(ReportException.class, () -> ReportBuilder.rebuild(dir));
    assertEquals("not a results folder: run.json missing in " + dir, e.getMessage());
    assertFalse(Files.exists(dir.resolve(ResultsFolder.REPORT_HTML)), "nothing written");
  }

  private static Map<String, byte[]> contents(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : (Iterable<Path>) list::iterator) {
        files.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return files;
  }
}
