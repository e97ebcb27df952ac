package org.mqttchaos.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of findings.json as the report reads it (the report reads files, not the checker's objects). Every
 * string in it comes from the broker's behaviour or the profile, so it is escaped wherever it is shown.
 */
@JsonPropertyOrder({"kind", "rule", "clientId", "atMillis", "expected", "observed"})
record FindingRecord(String kind, String rule, String clientId, long atMillis, String expected, String observed) {

  /** The folder's findings, in the order the run found them; none when findings.json is absent. */
  static List<FindingRecord> read(Path dir) {
    return ResultsFolder.jsonList(dir, ResultsFolder.FINDINGS_JSON, FindingRecord.class);
  }

  /** Count per kind, kinds in alphabetical order so summary.json diffs stay quiet between runs. */
  static Map<String, Long> byKind(List<FindingRecord> findings) {
    Map<String, Long> counts = new TreeMap<>();
    for (FindingRecord f : findings) {
      counts.merge(f.kind() == null ? "unknown" : f.kind(), 1L, Long::sum);
    }
    return counts;
  }

  /**
   * "; findings.json holds the first 10000" when it holds fewer than the run found ({@code kept} of {@code all}),
   * else empty. A summary written before findingsKept was counted reads 0 kept: nothing is said then.
   */
  static String keptNote(long all, long kept) {
    return kept > 0 && kept < all ? "; findings.json holds the first " + kept : "";
  }

  /** "2 x will-missing, 1 x keepalive-late, +3 more kinds": the {@code n} most frequent kinds, most first. */
  static String mostFrequent(Map<String, Long> byKind, int n) {
    List<Map.Entry<String, Long>> kinds = byKind.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .toList();
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Long> e : kinds.subList(0, Math.min(n, kinds.size()))) {
      out.append(out.isEmpty() ? "" : ", ").append(e.getValue()).append(" x ").append(e.getKey());
    }
    if (kinds.size() > n) {
      out.append(", +").append(kinds.size() - n).append(" more kinds");
    }
    return out.toString();
  }
}
