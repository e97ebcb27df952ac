package org.mqttchaos.profile;

import java.util.Objects;
import java.util.Set;

/**
 * Keys whose feature this version does not implement yet. A profile may state their defaults but
 * nothing else, so no setting is ever silently ignored. When a feature lands, remove its entry here:
 * nothing else changes. An entry is a key path, or a map path ending in ".*" for every key under it.
 */
public final class Support {

  public static final Set<String> NOT_YET_SUPPORTED = Set.of();

  private Support() {}

  /** True when {@code path} is listed in {@code unsupported} or lies under a listed "map.*". */
  static boolean covers(Set<String> unsupported, String path) {
    for (String entry : unsupported) {
      boolean under = entry.endsWith(".*") && path.startsWith(entry.substring(0, entry.length() - 1));
      if (under || entry.equals(path)) {
        return true;
      }
    }
    return false;
  }

  /** Rejects the first unsupported key given a value other than its default. */
  static void check(Values values, Set<String> unsupported) {
    for (Key<?> key : Keys.ALL) {
      if (covers(unsupported, key.path()) && !Objects.equals(values.get(key), key.defaultValue())) {
        Origin origin = values.origin(key).orElseThrow();
        throw origin.error(key.path() + ": not supported yet by this version of mqtt-chaos");
      }
    }
  }
}
