package org.mqttchaos.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces ${VAR} and ${VAR:-default} in scalar values with the environment's values, before any
 * value is typed, so {@code clients: ${N:-100}} reads as a number. Replaced text is not scanned again;
 * $${ is a literal ${ (the resolved profile writes text that way so it reads back unchanged).
 */
final class EnvSubstitution {
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvSubstitution() {}

  /** Text that substitution turns back into {@code text}. */
  static String escape(String text) {
    return text.replace("${", "$${");
  }

  static Tree apply(Tree node, String path, Map<String, String> env) {
    if (node instanceof Tree.Mapping map) {
      Map<String, Tree.Entry> entries = new LinkedHashMap<>();
      map.entries().forEach((name, entry) -> {
        String child = path.isEmpty() ? name : path + "." + name;
        entries.put(name, new Tree.Entry(entry.keyOrigin(), apply(entry.value(), child, env)));
      });
      return new Tree.Mapping(entries, map.origin());
    }
    if (node instanceof Tree.Sequence seq) {
      List<Tree> items = new ArrayList<>();
      for (Tree item : seq.items()) {
        items.add(apply(item, path + "[" + items.size() + "]", env));
      }
      return new Tree.Sequence(items, seq.origin());
    }
    Tree.Scalar scalar = (Tree.Scalar) node;
    if (!scalar.text().contains("${")) {
      return scalar;
    }
    return new Tree.Scalar(substitute(new Field(path, scalar), scalar.text(), env), false, scalar.origin());
  }

  private static String substitute(Field field, String text, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int start = text.indexOf("${"); start >= 0; start = text.indexOf("${", from)) {
      if (start > from && text.charAt(start - 1) == '$') {
        out.append(text, from, start - 1).append("${");
        from = start + 2;
        continue;
      }
      int end = text.indexOf('}', start);
      if (end < 0) {
        throw field.error("unclosed '${' (expected ${VAR} or ${VAR:-default})");
      }
      String inside = text.substring(start + 2, end);
      int sep = inside.indexOf(":-");
      String name = sep < 0 ? inside : inside.substring(0, sep);
      if (!VARIABLE.matcher(name).matches()) {
        throw field.error("bad variable '${" + inside + "}' (expected ${VAR} or ${VAR:-default})");
      }
      String value = env.get(name);
      if (value == null && sep < 0) {
        throw field.error("environment variable " + name + " is not set (write ${" + name
            + ":-default} to give a default)");
      }
      out.append(text, from, start).append(value != null ? value : inside.substring(sep + 2));
      from = end + 1;
    }
    return out.append(text.substring(from)).toString();
  }
}
