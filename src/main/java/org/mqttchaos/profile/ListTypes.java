package org.mqttchaos.profile;

import java.util.ArrayList;
import java.util.List;

/** List-valued keys: assertions and the element walk other list types share. */
final class ListTypes {

  /** Assertion texts, each parsed so a malformed one fails here, at its file, line and assertions[i]. */
  static final ValueType<List<String>> ASSERTION_LIST = ValueType.of(
      f -> elements(f).stream().map(ListTypes::assertion).toList(), v -> v);

  /** Names such as TLS protocols or cipher suites; an empty list is the empty list. */
  static final ValueType<List<String>> NAME_LIST = ValueType.of(
      f -> elements(f).stream().map(e -> e.text("a name").strip()).filter(t -> !t.isEmpty()).toList(), v -> v);

  private ListTypes() {}

  private static String assertion(Field element) {
    String text = element.text("an assertion like 'connect.p99 < 50ms'");
    try {
      return Assertion.parse(text).text();
    } catch (IllegalArgumentException e) {
      throw element.error(e.getMessage());
    }
  }

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
