package org.mqttchaos.profile;

import java.util.Collection;
import java.util.Locale;

/** Words the unknown-key error: the closest known key by edit distance, or the keys that exist there. */
final class KeyNames {

  private KeyNames() {}

  /**
   * @param parent the path of the map the key is in ("" at the top level)
   * @param name the unknown key as written
   * @param known the keys that map accepts, in schema order
   */
  static ProfileException unknown(Origin origin, String parent, String name, Collection<String> known) {
    String prefix = parent.isEmpty() ? "" : parent + ".";
    String message = "unknown key '" + prefix + name + "'";
    String closest = closest(name, known);
    if (closest != null) {
      return origin.error(message + " (did you mean '" + prefix + closest + "'?)");
    }
    String where = parent.isEmpty() ? "top-level keys" : "keys under " + parent;
    return origin.error(message + "; " + where + ": " + String.join(", ", known));
  }

  /** The known name nearest to {@code name}, if near enough to be a typo; first in order on ties. */
  static String closest(String name, Collection<String> known) {
    String best = null;
    int bestDistance = Math.max(1, name.length() / 3) + 1;
    for (String candidate : known) {
      int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance, two rows. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
