package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.Summary;

/** Merging shards' results folders, on copies of the golden folder made into shards 1/2 and 2/2. */
class ShardMergeTest {
  @TempDir
  Path tmp;

  private Path shard(String name, int shard, int shards, long seed, String startedAt) throws IOException {
    Path dir = GoldenFolder.copyTo(Files.createDirectory(tmp.resolve(name)));
    RunData g = ResultsFolder.runData(dir);
    GoldenFolder.writeRunData(dir, new RunData(g.profile(), seed, startedAt, shard + 1.5, g.brokerUrl(), false,
        g.mqttVersion(), g.clients(), shard == 2, g.harnessVersion(), g.counters(), g.assertions(), shard, shards));
    Files.writeString(dir.resolve("top-flapping.json"),
        "[{\"clientId\":\"s" + shard + "-g1\",\"flaps\":" + (3 * shard) + "},{\"clientId\":\"s" + shard
            + "-g2\",\"flaps\":1}]");
    Files.writeString(dir.resolve("findings.json"), "[{\"shard\":" + shard + "}]");
    Files.writeString(dir.resolve("plan.csv"), "user,client_id\n" + (shard == 1 ? "0,u0\n2,u2\n" : "1,u1\n3,u3\n"));
    return dir;
  }

  @Test
  void addsCountsAndHistogramsSecondBySecondAndConcatenatesTheLists() throws IOException {
    Path a = shard("a", 1, 2, 42, "2026-01-01T00:00:00Z");
    Path b = shard("b", 2, 2, 42, "2026-01-01T00:00:02Z");
    ShardMerge.Result merged = ShardMerge.merge(List.of(b, a), tmp.resolve("merged"));

    assertEquals(List.of(), merged.notes());
    RunData run = ResultsFolder.runData(merged.dir());
    assertEquals(List.of(200, 1, 1), List.of(run.clients(), run.shard(), run.shards()));
    assertEquals("2026-01-01T00:00:00Z", run.startedAt());
    assertEquals(3.5, run.durationS());
    assertTrue(run.interrupted());
    assertEquals(220, run.counter("connects.attempted"));
    Summary s = merged.summary();
    assertEquals(200, s.latency().connect().count());
    assertEquals(200, s.latency().startLag().count());
    assertEquals(8L, s.connects().byCode().get("5"));
    // the two shards started 2 s apart; interval k of each is added into interval k: 3 intervals, not 6
    List<Histogram> intervals = intervals(merged.dir().resolve(MetricNames.CONNECT + ".hlog"));
    assertEquals(3, intervals.size());
    assertEquals(List.of(68L, 66L, 66L), intervals.stream().map(Histogram::getTotalCount).toList());
    assertEquals("second,connected,connects,flaps,faults\n0,0,0,0,0\n1,80,90,20,2\n2,140,70,40,0\n3,120,40,30,4\n",
        Files.readString(merged.dir().resolve("timeline.csv")));
    assertEquals("[{\"clientId\":\"s2-g1\",\"flaps\":6},{\"clientId\":\"s1-g1\",\"flaps\":3}]",
        Files.readString(merged.dir().resolve("top-flapping.json")).replaceAll("\\s", ""));
    assertEquals("[{\"shard\":2},{\"shard\":1}]",
        Files.readString(merged.dir().resolve("findings.json")).replaceAll("\\s", ""));
    assertEquals("user,client_id\n0,u0\n1,u1\n2,u2\n3,u3\n", Files.readString(merged.dir().resolve("plan.csv")));
    assertTrue(Files.readString(merged.dir().resolve("profile.yaml")).startsWith("# merged from 2 results folders"));
    assertTrue(Files.isRegularFile(merged.dir().resolve("report.html")));
  }

  @Test
  void failedConnectsByReasonAreAddedUp() throws IOException {
    List<Path> shards = new java.util.ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      Path dir = GoldenFolder.copyWithFailureReasons(Files.createDirectory(tmp.resolve("s" + i)));
      RunData g = ResultsFolder.runData(dir);
      GoldenFolder.writeRunData(dir, new RunData(g.profile(), g.seed(), g.startedAt(), 3.0, g.brokerUrl(), false,
          g.mqttVersion(), g.clients(), false, g.harnessVersion(), g.counters(), g.assertions(), i, 2));
      shards.add(dir);
    }
    Summary s = ShardMerge.merge(shards, tmp.resolve("merged")).summary();
    assertEquals(java.util.Map.of("tls-untrusted", 12L, "connack-refused", 8L), s.connects().failedBy());
    assertEquals(s.connects().failed(), 20);
  }

  @Test
  void anotherSeedIsNotAShardOfTheSameRun() throws IOException {
    Path a = shard("a", 1, 2, 42, "2026-01-01T00:00:00Z");
    Path b = shard("b", 2, 2, 43, "2026-01-01T00:00:00Z");
    ReportException e = assertThrows(ReportException.class, () -> ShardMerge.merge(List.of(a, b), tmp.resolve("m")));
    assertEquals("seed differs: " + a + " has 42, " + b + " has 43: these folders are not the shards of one run",
        e.getMessage());
  }

  @Test
  void theSameShardTwiceIsRefused() throws IOException {
    Path a = shard("a", 1, 2, 42, "2026-01-01T00:00:00Z");
    Path b = shard("b", 1, 2, 42, "2026-01-01T00:00:00Z");
    ReportException e = assertThrows(ReportException.class, () -> ShardMerge.merge(List.of(a, b), tmp.resolve("m")));
    assertEquals("shard 1/2 appears twice (" + b + "): these folders are not the shards of one run", e.getMessage());
  }

  @Test
  void aMissingShardIsMergedWithANote() throws IOException {
    Path a = shard("a", 1, 3, 42, "2026-01-01T00:00:00Z");
    Path c = shard("c", 3, 3, 42, "2026-01-01T00:00:00Z");
    ShardMerge.Result merged = ShardMerge.merge(List.of(a, c), tmp.resolve("m"));
    assertEquals(List.of("only 2 of 3 shards (missing [2]): the merged figures cover those shards' clients only"),
        merged.notes());
  }

  @Test
  void aRunJsonWrittenBeforeShardsReadsAsShardOneOfOne() {
    RunData old = ResultsFolder.runData(GoldenFolder.SOURCE);
    assertEquals(List.of(1, 1), List.of(old.shard(), old.shards()));
  }

  private static List<Histogram> intervals(Path hlog) throws IOException {
    try (InputStream in = Files.newInputStream(hlog)) {
      HistogramLogReader reader = new HistogramLogReader(in);
      List<Histogram> all = new java.util.ArrayList<>();
      for (var h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
        all.add((Histogram) h);
      }
      return all;
    }
  }
}
