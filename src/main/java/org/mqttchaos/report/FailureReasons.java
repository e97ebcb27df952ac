package org.mqttchaos.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mqttchaos.summary.FailedBy;

/** The reasons of summary.json's connects.failedBy in words, for the console summary, report.html and compare. */
final class FailureReasons {
  private FailureReasons() {}

  /** What happened and what to change, for a failedBy key; a key this version does not know is named as such. */
  static String advice(String key) {
    return FailedBy.ofKey(key).map(FailedBy::advice).orElse("a reason this version of mqtt-chaos does not know");
  }

  /** The reasons with a count, most frequent first, ties in summary.json's order (stage by stage). */
  static List<Map.Entry<String, Long>> mostFrequentFirst(Map<String, Long> failedBy) {
    List<Map.Entry<String, Long>> seen = new ArrayList<>(failedBy.entrySet().stream()
        .filter(e -> e.getValue() != null && e.getValue() > 0).toList());
    seen.sort(Map.Entry.<String, Long>comparingByValue().reversed()); // stable: ties keep their order
    return seen;
  }

  /** The keys either map holds, in FailedBy's order, unknown ones after them in their own order. */
  static List<String> union(Map<String, Long> a, Map<String, Long> b) {
    List<String> keys = new ArrayList<>();
    for (FailedBy f : FailedBy.values()) {
      if (a.containsKey(f.key()) || b.containsKey(f.key())) {
        keys.add(f.key());
      }
    }
    for (Map<String, Long> m : List.of(a, b)) {
      m.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
    }
    return keys;
  }
}
