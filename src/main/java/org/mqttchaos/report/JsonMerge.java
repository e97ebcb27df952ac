package org.mqttchaos.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON lists of several shards' results folders as one: findings concatenated, top flapping IDs re-ranked. */
final class JsonMerge {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonMerge() {}

  static ArrayNode concatenated(List<Path> dirs, String file) {
    ArrayNode all = JSON.createArrayNode();
    for (Path dir : dirs) {
      readArray(dir.resolve(file)).forEach(all::add);
    }
    return all;
  }

  /** Client IDs of different shards never meet, so each shard's top list holds its part of the merged one. */
  static ArrayNode topFlapping(List<Path> dirs) {
    Map<String, Long> flaps = new TreeMap<>();
    int size = 0;
    for (Path dir : dirs) {
      JsonNode list = readArray(dir.resolve(ResultsFolder.TOP_FLAPPING_JSON));
      size = Math.max(size, list.size());
      list.forEach(row -> flaps.merge(row.path("clientId").asText(), row.path("flaps").asLong(), Long::sum));
    }
    ArrayNode top = JSON.createArrayNode();
    flaps.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(size)
        .forEach(e -> top.addObject().put("clientId", e.getKey()).put("flaps", e.getValue()));
    return top;
  }

  private static JsonNode readArray(Path file) {
    if (!Files.isRegularFile(file)) {
      return JSON.createArrayNode();
    }
    try {
      JsonNode node = JSON.readTree(file.toFile());
      if (node == null || !node.isArray()) {
        throw new ReportException("cannot read " + file + ": expected a JSON list");
      }
      return node;
    } catch (IOException e) {
      throw new ReportException("cannot read " + file + ": " + ResultsFolder.firstLine(e.getMessage()), e);
    }
  }

}
