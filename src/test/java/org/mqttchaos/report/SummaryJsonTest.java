package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonTest {
  @TempDir Path dir;

  @Test
  void keysAreInTheSchemaOrder() throws IOException {
    Path file = dir.resolve("summary.json");
    SummaryJson.write(file, SummaryBuilder.build(GoldenFolder.copyTo(dir)));
    JsonNode root = new ObjectMapper().readTree(file.toFile());

    assertEquals(List.of("profile", "seed", "startedAt", "durationS", "broker", "clients", "connects", "latency",
        "sessionPresent", "flaps", "drops", "keepAlive", "wills", "findings", "assertions", "harness",
        "interrupted", "harnessVersion"), keys(root));
    assertEquals(List.of("url", "embedded", "mqttVersion"), keys(root.get("broker")));
    assertEquals(List.of("attempted", "succeeded", "failed", "byCode", "noConnack"), keys(root.get("connects")));
    assertEquals(List.of("0", "5"), keys(root.get("connects").get("byCode")));
    assertEquals(List.of("connect", "connectFirst", "connectReconnect", "tcpConnect", "startLag", "connectClean",
        "connectPersistent"), keys(root.get("latency")));
    List<String> histogram = List.of("count", "min", "p50", "p90", "p99", "p999", "max", "mean");
    assertEquals(histogram, keys(root.get("latency").get("connect")));
    assertEquals(histogram, keys(root.get("wills").get("delay")), "empty histograms keep every key");
    assertEquals(List.of("checked", "mismatches"), keys(root.get("sessionPresent")));
    assertEquals(List.of("total", "takeovers", "perClientMinute", "flappingIds", "interval"), keys(root.get("flaps")));
    assertEquals(List.of("abrupt", "graceful", "massDrops"), keys(root.get("drops")));
    assertEquals(List.of("silentClients", "closedByBroker", "early", "late", "detection"),
        keys(root.get("keepAlive")));
    assertEquals(List.of("expected", "received", "missing", "unexpected", "duplicates", "delay"),
        keys(root.get("wills")));
    assertEquals(List.of("saturated", "startLagP99"), keys(root.get("harness")));
    assertEquals(1.5, root.get("flaps").get("perClientMinute").asDouble());
    assertEquals(2000, root.get("latency").get("connect").get("p99").asLong());
  }

  @Test
  void readGivesBackWhatWasWritten() throws IOException {
    Summary built = SummaryBuilder.build(GoldenFolder.copyTo(dir));
    Path file = dir.resolve("copy.json");
    SummaryJson.write(file, built);
    assertEquals(built, SummaryJson.read(file));
  }

  /** Regression guard: the golden folder's summary.json was reviewed by hand; any drift in the schema shows here. */
  @Test
  void goldenFolderBuildsTheCheckedInSummaryByteForByte() throws IOException {
    String expected = Files.readString(GoldenFolder.SOURCE.resolve(ResultsFolder.SUMMARY_JSON));
    assertEquals(expected, SummaryJson.toJson(SummaryBuilder.build(GoldenFolder.copyTo(dir))));
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
