package org.mqttchaos.profile;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Every key's typed value, given or default, and where the given ones came from. */
final class Values {
  private final Map<String, Object> values = new HashMap<>();
  private final Map<String, Origin> origins = new HashMap<>();

  private Values() {}

  /**
   * Types every key of a checked tree; an absent key takes the default. A key given with nothing (an empty value,
   * {@code ~} or {@code null}) is read as empty text, which only the keys whose empty means "not set" accept
   * (username, password...); any other fails as its bad values do ("expected ..., got an empty value"), rather than
   * take the default silently.
   */
  static Values read(Tree.Mapping root, String defaultName) {
    Schema.check(root);
    Values v = new Values();
    for (Key<?> key : Keys.ALL) {
      Tree.Entry entry = Schema.find(root, key.path());
      if (entry != null && entry.value().isNull()) {
        entry = new Tree.Entry(entry.keyOrigin(), new Tree.Scalar("", false, entry.value().origin()));
      }
      if (entry == null) {
        v.values.put(key.path(), key == Keys.NAME ? defaultName
            : key == Keys.QUIET_PERIOD ? ReconnectSettings.defaultQuietPeriod(v.get(Keys.MAX_DELAY))
            : key.defaultValue());
      } else {
        v.values.put(key.path(), key.type().read(new Field(key.path(), entry.value())));
        // The key's line, not the value's: a block list starts on the line below its key.
        v.origins.put(key.path(), entry.keyOrigin());
      }
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  <T> T get(Key<T> key) {
    return (T) values.get(key.path());
  }

  /** Where the value was given; empty when it is the default. */
  Optional<Origin> origin(Key<?> key) {
    return Optional.ofNullable(origins.get(key.path()));
  }
}
