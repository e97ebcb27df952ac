package org.mqttchaos.profile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value types of the {@code messages:} keys that are topics and topic filters, with their placeholders, and the
 * topic-filter rules of MQTT section 4.7 they are checked against.
 */
final class MessageTypes {
  /** Placeholders a publish topic may hold. */
  static final List<String> TOPIC_PLACEHOLDERS = List.of("{clientId}", "{publisher}", "{peer}");
  /** Placeholders a topic filter may hold. */
  static final List<String> FILTER_PLACEHOLDERS = List.of("{clientId}");
  /** The most a publisher may be asked to send per second: one connection's loop cannot pace more. */
  static final double MAX_RATE = 10_000;
  /** The prefix of an MQTT 5 shared subscription, {@code $share/<group>/<filter>} (section 4.8.2). */
  static final String SHARE = "$share/";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");
  private static final int MAX_BYTES = 65_535;

  static final String TOPIC_EXPECTED = "a topic name without + or # (placeholders " + String.join(", ",
      TOPIC_PLACEHOLDERS) + ")";
  static final String FILTER_EXPECTED = "a topic filter (placeholder {clientId})";

  /** A publish topic: not empty, no wildcard, no leading $, known placeholders only. */
  static final ValueType<String> TOPIC = ValueType.of(f -> {
    String s = f.text(TOPIC_EXPECTED);
    String problem = topicProblem(s);
    if (problem != null) {
      throw f.error(problem);
    }
    return s;
  }, v -> v);

  /** A topic filter ([MQTT-4.7.1]) or an MQTT 5 shared subscription ([MQTT-4.8.2]), known placeholders only. */
  static final ValueType<String> FILTER = ValueType.of(f -> {
    String s = f.text(FILTER_EXPECTED);
    String problem = filterProblem(s);
    if (problem != null) {
      throw f.error(problem);
    }
    return s;
  }, v -> v);

  private MessageTypes() {}

  /** Why {@code s} is not a publish topic, or null when it is. */
  static String topicProblem(String s) {
    String unknown = unknownPlaceholder(s, TOPIC_PLACEHOLDERS);
    if (unknown != null) {
      return unknown;
    }
    String t = sample(s);
    if (t.isEmpty()) {
      return "a topic name must not be empty [MQTT-4.7.3-1], got ''";
    }
    if (t.contains("+") || t.contains("#")) {
      return "a topic name must not contain the wildcards + or # [MQTT-3.3.2-2], got '" + s + "'";
    }
    if (t.startsWith("$")) {
      return "topics starting with $ are the broker's own (MQTT section 4.7.2), got '" + s + "'";
    }
    return commonProblem(s, t);
  }

  /** Why {@code s} is not a topic filter, or null when it is. */
  static String filterProblem(String s) {
    String unknown = unknownPlaceholder(s, FILTER_PLACEHOLDERS);
    if (unknown != null) {
      return unknown;
    }
    String t = sample(s);
    String plain = t;
    if (t.startsWith(SHARE)) {
      int slash = t.indexOf('/', SHARE.length());
      String group = slash < 0 ? t.substring(SHARE.length()) : t.substring(SHARE.length(), slash);
      if (slash < 0 || group.isEmpty() || group.contains("+") || group.contains("#")) {
        return "a shared subscription is $share/<group>/<filter> with a group name of at least one character and no"
            + " +, # or / [MQTT-4.8.2-1] [MQTT-4.8.2-2], got '" + s + "'";
      }
      plain = t.substring(slash + 1);
    }
    if (plain.isEmpty()) {
      return "a topic filter must not be empty [MQTT-4.7.3-1], got '" + s + "'";
    }
    String[] levels = plain.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
        return "# must be a whole topic level and the last one [MQTT-4.7.1-2], got '" + s + "'";
      }
      if (level.contains("+") && !level.equals("+")) {
        return "+ must be a whole topic level [MQTT-4.7.1-3], got '" + s + "'";
      }
    }
    return commonProblem(s, t);
  }

  /** True when a shared subscription, which MQTT 3.1.1 does not have. */
  static boolean shared(String filter) {
    return filter.startsWith(SHARE);
  }

  /**
   * Whether topic filter {@code filter} (a shared subscription's filter part when shared) matches topic name
   * {@code topic}, by MQTT section 4.7: + one level, # the parent and every level below; a filter starting with a
   * wildcard does not match a topic starting with $ [MQTT-4.7.2-1].
   */
  static boolean matches(String filter, String topic) {
    String f = filter;
    if (f.startsWith(SHARE)) {
      int slash = f.indexOf('/', SHARE.length());
      f = slash < 0 ? "" : f.substring(slash + 1);
    }
    String[] fl = f.split("/", -1);
    String[] tl = topic.split("/", -1);
    if (topic.startsWith("$") && (fl[0].equals("+") || fl[0].equals("#"))) {
      return false;
    }
    for (int i = 0; i < fl.length; i++) {
      if (fl[i].equals("#")) {
        return true;
      }
      if (i >= tl.length || (!fl[i].equals("+") && !fl[i].equals(tl[i]))) {
        return false;
      }
    }
    return fl.length == tl.length;
  }

  /** The template with every placeholder replaced by a client ID-like sample, as a run would fill it. */
  static String sample(String template) {
    return template.replace("{clientId}", "c0").replace("{peer}", "c0").replace("{publisher}", "0");
  }

  private static String unknownPlaceholder(String s, List<String> known) {
    Matcher m = PLACEHOLDER.matcher(s);
    while (m.find()) {
      if (!known.contains(m.group())) {
        return "unknown placeholder " + m.group() + " in '" + s + "'; " + (known.size() == 1 ? "the one known is "
            : "the known ones are ") + String.join(", ", known);
      }
    }
    return null;
  }

  private static String commonProblem(String s, String t) {
    if (t.indexOf('\u0000') >= 0) {
      return "topics must not contain the null character U+0000 [MQTT-4.7.3-2]";
    }
    if (t.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES - 200) {
      return "longer than MQTT allows (65535 bytes, with room for client IDs), got " + s.length() + " characters";
    }
    return null;
  }
}
