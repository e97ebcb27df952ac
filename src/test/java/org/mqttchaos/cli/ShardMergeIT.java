package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.testsupport.MosquittoBroker;

/**
 * The requirement: a profile run as two shards and merged gives the same counts as one run of the whole
 * profile, against one mosquitto. The profile's counts are deterministic: collision pairs overlap for sure (ramp 1 s,
 * hold 3 s) and never reconnect, so each pair's second CONNECT takes the first over exactly once.
 */
class ShardMergeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROFILE = """
      name: shards
      seed: 11
      load: {clients: 40, injection: ramp, rampDuration: 1s, hold: 3s, leave: abrupt}
      sessions: {cleanRatio: 0.8, reconnectPersistent: true}
      collisions: {ratio: 0.2, groupSize: 2}
      reconnect: {enabled: false}
      will: {ratio: 0.5}
      """;

  /** summary.json figures that must be equal; every one is a count. */
  private static final List<String> SUMMARY = List.of("/clients", "/connects/attempted", "/connects/succeeded",
      "/connects/failed", "/connects/byCode/0", "/sessionPresent/checked", "/sessionPresent/mismatches",
      "/latency/connect/count", "/latency/connectFirst/count", "/latency/connectReconnect/count",
      "/latency/connectClean/count", "/latency/connectPersistent/count", "/latency/tcpConnect/count",
      "/latency/startLag/count", "/flaps/total", "/flaps/takeovers", "/flaps/flappingIds", "/drops/abrupt",
      "/drops/graceful", "/wills/expected", "/wills/received", "/wills/missing", "/wills/unexpected",
      "/wills/duplicates", "/wills/delay/count", "/findings");

  @TempDir
  Path tmp;

  @Test
  void twoShardsMergedCountWhatOneWholeRunCounts() throws IOException {
    Path profile = Files.writeString(tmp.resolve("shards.yaml"), PROFILE);
    Path whole = tmp.resolve("whole");
    Path parts = tmp.resolve("parts");
    Path merged = tmp.resolve("merged");
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      String url = "broker.url=tcp://127.0.0.1:" + broker.port();
      assertEquals(0, MqttChaos.execute("run", profile.toString(), "--set", url, "--results-dir", whole.toString()));
      for (String shard : new String[] {"1/2", "2/2"}) {
        assertEquals(0, MqttChaos.execute("run", profile.toString(), "--set", url, "--shard", shard,
            "--results-dir", parts.toString()));
      }
    }
    List<Path> shards = folders(parts);
    assertEquals(List.of("shard-1-of-2", "shard-2-of-2"),
        shards.stream().map(p -> p.getFileName().toString().replaceFirst(".*-(shard-)", "$1")).toList());
    assertEquals(0, MqttChaos.execute("merge", shards.get(0).toString(), shards.get(1).toString(),
        "--out", merged.toString()));

    JsonNode a = JSON.readTree(only(whole).resolve("summary.json").toFile());
    JsonNode b = JSON.readTree(merged.resolve("summary.json").toFile());
    for (String figure : SUMMARY) {
      assertEquals(a.at(figure).asLong(), b.at(figure).asLong(), figure);
    }
    assertEquals(40, b.at("/clients").asLong());
    assertEquals(4 + pairsWhoseFirstIsPersistent(merged), b.at("/flaps/takeovers").asLong(),
        "each pair's second CONNECT takes the first over; a persistent first member's reconnect takes the second over");
    assertTrue(b.at("/wills/expected").asLong() > 0, "the profile's wills were exercised");
    assertEquals(b.at("/wills/expected").asLong(), b.at("/wills/received").asLong());
    assertEquals(Files.readString(only(whole).resolve("plan.csv")), Files.readString(merged.resolve("plan.csv")));

    JsonNode one = JSON.readTree(shards.get(0).resolve("run.json").toFile());
    JsonNode two = JSON.readTree(shards.get(1).resolve("run.json").toFile());
    assertEquals(List.of(1, 2, 2, 2), List.of(one.get("shard").asInt(), one.get("shards").asInt(),
        two.get("shard").asInt(), two.get("shards").asInt()));
    assertEquals(40, one.get("clients").asInt() + two.get("clients").asInt());
    Set<String> idsOfOne = new HashSet<>(planIds(shards.get(0)));
    assertTrue(planIds(shards.get(1)).stream().noneMatch(idsOfOne::contains), "no client ID in both shards");
  }

  /** Collision pairs (client ID g...) whose earlier member reconnects to check session present. */
  private static long pairsWhoseFirstIsPersistent(Path dir) throws IOException {
    Map<String, String> firstSession = new TreeMap<>();
    Files.readAllLines(dir.resolve("plan.csv")).stream().skip(1).map(l -> l.split(","))
        .filter(row -> row[3].startsWith("g")).forEach(row -> firstSession.putIfAbsent(row[3], row[2]));
    assertEquals(4, firstSession.size(), "20% of 40 clients in pairs");
    return firstSession.values().stream().filter("persistent"::equals).count();
  }

  private static List<String> planIds(Path dir) throws IOException {
    return Files.readAllLines(dir.resolve("plan.csv")).stream().skip(1).map(l -> l.split(",")[3]).toList();
  }

  private static Path only(Path root) throws IOException {
    List<Path> all = folders(root);
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }

  private static List<Path> folders(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.sorted().toList();
    }
  }
}
