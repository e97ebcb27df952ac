package org.mqttchaos.profile;

import java.util.ArrayList;
import java.util.List;

/** List-valued keys: plain text lists (assertions) and the element walk other list types share. */
final class ListTypes {

  static final ValueType<List<String>> TEXT_LIST = ValueType.of(
      f -> elements(f).stream().map(e -> e.text("text")).toList(), v -> v);

  private ListTypes() {}

  /** Each element as a field named key[i]; a single scalar counts as a one-element list. */
  static List<Field> elements(Field field) {
    if (field.node() instanceof Tree.Scalar) {
      return List.of(new Field(field.key() + "[0]", field.node()));
    }
    if (!(field.node() instanceof Tree.Sequence seq)) {
      throw field.fail("a list");
    }
    List<Field> elements = new ArrayList<>();
    for (Tree item : seq.items()) {
      elements.add(new Field(field.key() + "[" + elements.size() + "]", item));
    }
    return elements;
  }
}
