package org.mqttchaos.profile;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The shape of a profile derived from {@link Keys}: which maps exist and which keys each accepts. */
final class Schema {
  /** Map path ("" for the top level) to the names it accepts, in order. */
  private static final Map<String, Set<String>> CHILDREN = new LinkedHashMap<>();
  private static final Map<String, Key<?>> LEAVES = new LinkedHashMap<>();

  static {
    for (Key<?> key : Keys.ALL) {
      LEAVES.put(key.path(), key);
      String parent = "";
      for (String name : key.path().split("\\.")) {
        CHILDREN.computeIfAbsent(parent, p -> new LinkedHashSet<>()).add(name);
        parent = parent.isEmpty() ? name : parent + "." + name;
      }
    }
  }

  private Schema() {}

  /** Rejects unknown keys and sections that are not maps, anywhere in the document. */
  static void check(Tree.Mapping root) {
    checkMap(root, "");
  }

  private static void checkMap(Tree.Mapping map, String path) {
    map.entries().forEach((name, entry) -> {
      String child = path.isEmpty() ? name : path + "." + name;
      if (LEAVES.containsKey(child)) {
        return;
      }
      if (!CHILDREN.containsKey(child)) {
        throw KeyNames.unknown(entry.keyOrigin(), path, name, CHILDREN.get(path));
      }
      if (entry.value() instanceof Tree.Mapping section) {
        checkMap(section, child);
      } else if (!entry.value().isNull()) {
        throw new Field(child, entry.value()).fail("a map with keys " + String.join(", ", CHILDREN.get(child)));
      }
    });
  }

  /** Rejects a --set path that names no key or map of the schema. */
  static void checkPath(Origin origin, String path) {
    String parent = "";
    for (String name : path.split("\\.", -1)) {
      if (LEAVES.containsKey(parent)) {
        throw origin.error("unknown key '" + path + "' (" + parent + " takes a value, not keys)");
      }
      if (!CHILDREN.get(parent).contains(name)) {
        throw KeyNames.unknown(origin, parent, name, CHILDREN.get(parent));
      }
      parent = parent.isEmpty() ? name : parent + "." + name;
    }
  }

  /** The entry at a dotted path, or null when absent; call after {@link #check}. */
  static Tree.Entry find(Tree.Mapping root, String path) {
    Tree.Entry entry = new Tree.Entry(root.origin(), root);
    for (String name : path.split("\\.")) {
      if (!(entry.value() instanceof Tree.Mapping map) || !map.entries().containsKey(name)) {
        return null;
      }
      entry = map.entries().get(name);
    }
    return entry;
  }
}
