package org.mqttchaos.profile;

import java.util.List;
import java.util.Map;

/**
 * Applies --set key=value arguments in order: the value is read as flow YAML (so lists and maps
 * work) and replaces the key's value whole; maps on the way are created when absent.
 */
final class Overrides {

  private Overrides() {}

  static Tree.Mapping apply(Tree.Mapping root, List<String> sets) {
    Tree.Mapping result = root;
    for (String argument : sets) {
      Origin origin = Origin.set(argument);
      int eq = argument.indexOf('=');
      if (eq <= 0) {
        throw origin.error("expected key=value, like --set load.clients=5000");
      }
      String path = argument.substring(0, eq).strip();
      Schema.checkPath(origin, path);
      Tree value = YamlReader.readValue(argument.substring(eq + 1), origin);
      result = put(result, path.split("\\."), 0, value, origin);
    }
    return result;
  }

  private static Tree.Mapping put(Tree.Mapping map, String[] names, int i, Tree value, Origin origin) {
    String name = names[i];
    if (i == names.length - 1) {
      return map.with(name, new Tree.Entry(origin, value));
    }
    Tree.Entry existing = map.entries().get(name);
    Tree.Mapping child = existing != null && existing.value() instanceof Tree.Mapping m
        ? m
        : new Tree.Mapping(Map.of(), origin);
    return map.with(name, new Tree.Entry(existing != null ? existing.keyOrigin() : origin,
        put(child, names, i + 1, value, origin)));
  }
}
