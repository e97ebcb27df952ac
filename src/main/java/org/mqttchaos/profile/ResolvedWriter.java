package org.mqttchaos.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** Writes every key's value, defaults included, as a profile that loads again to the same Profile. */
final class ResolvedWriter {
  static final String MASK = "***";
  private static final String HEADER = """
      # Resolved profile: every key with the value this run used, defaults filled in.
      # Load it again to replay the run. Passwords are masked: give them with --set broker.password=...
      # (and broker.tls.keyPassword=...) or ${VAR}
      """;

  private ResolvedWriter() {}

  static String write(Values values) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (Key<?> key : Keys.ALL) {
      put(root, key.path().split("\\."), written(values, key));
    }
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(1000)
        .setDereferenceAliases(true).build();
    return HEADER + new Dump(settings).dumpToString(root);
  }

  private static <T> Object written(Values values, Key<T> key) {
    T value = values.get(key);
    if ((key == Keys.PASSWORD || key == Keys.TLS_KEY_PASSWORD) && value != null) {
      return MASK;
    }
    return escaped(key.type().write(value));
  }

  private static Object escaped(Object written) {
    if (written instanceof String s) {
      return EnvSubstitution.escape(s);
    }
    if (written instanceof List<?> list) {
      return list.stream().map(ResolvedWriter::escaped).toList();
    }
    return written;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, String[] names, Object value) {
    Map<String, Object> map = root;
    for (int i = 0; i < names.length - 1; i++) {
      map = (Map<String, Object>) map.computeIfAbsent(names[i], n -> new LinkedHashMap<String, Object>());
    }
    map.put(names[names.length - 1], value);
  }
}
