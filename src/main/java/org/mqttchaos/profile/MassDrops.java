package org.mqttchaos.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mqttchaos.client.AbruptMode;

/** chaos.massDrop: a list of {at, fraction, mode}; at and fraction are required, mode is rst by default. */
final class MassDrops {
  static final List<String> KEYS = List.of("at", "fraction", "mode");
  static final String EXPECTED = "a list like [{at: 40s, fraction: 0.5, mode: fin}]";

  private static final ValueType<Duration> AT =
      Types.duration(Duration.ZERO, Duration.ofDays(36500), false, "a duration >= 0");
  private static final ValueType<Double> FRACTION = Types.number("a number > 0 and <= 1", x -> x > 0 && x <= 1);

  static final ValueType<List<MassDrop>> TYPE = ValueType.of(MassDrops::read, MassDrops::write);

  private MassDrops() {}

  private static List<MassDrop> read(Field field) {
    if (!(field.node() instanceof Tree.Sequence)) {
      throw field.fail(EXPECTED);
    }
    List<MassDrop> drops = new ArrayList<>();
    for (Field element : ListTypes.elements(field)) {
      drops.add(readOne(element));
    }
    return List.copyOf(drops);
  }

  private static MassDrop readOne(Field element) {
    if (!(element.node() instanceof Tree.Mapping map)) {
      throw element.fail("a map like {at: 40s, fraction: 0.5, mode: fin}");
    }
    map.entries().forEach((key, entry) -> {
      if (!KEYS.contains(key)) {
        throw KeyNames.unknown(entry.keyOrigin(), element.key(), key, KEYS);
      }
    });
    Duration at = AT.read(required(element, map, "at"));
    double fraction = FRACTION.read(required(element, map, "fraction"));
    Tree.Entry mode = map.entries().get("mode");
    AbruptMode abrupt = mode == null ? AbruptMode.RST : Types.ABRUPT_MODE.read(new Field(element.key() + ".mode",
        mode.value().isNull() ? new Tree.Scalar("", false, mode.value().origin()) : mode.value()));
    return new MassDrop(at, fraction, abrupt);
  }

  private static Field required(Field element, Tree.Mapping map, String key) {
    Tree.Entry entry = map.entries().get(key);
    if (entry == null || entry.value().isNull()) {
      throw element.error("'" + key + "' is missing; each mass drop needs at and fraction");
    }
    return new Field(element.key() + "." + key, entry.value());
  }

  private static Object write(List<MassDrop> drops) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (MassDrop d : drops) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", Durations.format(d.at()));
      m.put("fraction", d.fraction());
      m.put("mode", Types.ABRUPT_MODE.write(d.mode()));
      out.add(m);
    }
    return out;
  }
}
