package org.mqttchaos.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile document reduced to maps, lists and scalar text, each value keeping its origin.
 * Values are typed later, per key, so ${VAR} substitution and --set work on text.
 */
sealed interface Tree permits Tree.Scalar, Tree.Mapping, Tree.Sequence {

  Origin origin();

  /** How the value reads after "got" in an error message. */
  String describe();

  /** True for YAML's "nothing": an empty plain value, ~ or null; a key given so is read as empty text. */
  default boolean isNull() {
    return this instanceof Scalar s && s.isNullValue();
  }

  /** Scalar text; {@code isNullValue} marks YAML's null: for a key, empty text; for a section, no keys. */
  record Scalar(String text, boolean isNullValue, Origin origin) implements Tree {
    private static final int SHOWN = 60;

    @Override
    public String describe() {
      if (text.isEmpty()) {
        return "an empty value";
      }
      String shown = text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
      return "'" + shown + "'";
    }
  }

  /** A key of a map with the line the key itself is on. */
  record Entry(Origin keyOrigin, Tree value) {}

  record Mapping(Map<String, Entry> entries, Origin origin) implements Tree {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    Mapping with(String key, Entry entry) {
      Map<String, Entry> copy = new LinkedHashMap<>(entries);
      copy.put(key, entry);
      return new Mapping(copy, origin);
    }

    @Override
    public String describe() {
      return "a map";
    }
  }

  record Sequence(List<Tree> items, Origin origin) implements Tree {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }
}
