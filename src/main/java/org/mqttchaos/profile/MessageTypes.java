package org.mqttchaos.profile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mqttchaos.client.TopicFilter;

/**
 * The value types of the {@code messages:} keys that are topics and topic filters, with their placeholders; topic
 * filters are checked by client.TopicFilter, the harness's one implementation of MQTT section 4.7.
 */
final class MessageTypes {
  /** Placeholders a publish topic may hold. */
  static final List<String> TOPIC_PLACEHOLDERS = List.of("{clientId}", "{publisher}", "{peer}");
  /** Placeholders a topic filter may hold. */
  static final List<String> FILTER_PLACEHOLDERS = List.of("{clientId}");
  /** The most a publisher may be asked to send per second: one connection's loop cannot pace more. */
  static final double MAX_RATE = 10_000;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");
  private static final int MAX_BYTES = 65_535;

  static final String TOPIC_EXPECTED = "a topic name without + or # (placeholders " + String.join(", ",
      TOPIC_PLACEHOLDERS) + ")";
  static final String FILTER_EXPECTED = "a topic filter (placeholder {clientId})";

  /** A publish topic: not empty, no wildcard, no leading $, known placeholders only. */
  static final ValueType<String> TOPIC = checked(TOPIC_EXPECTED, MessageTypes::topicProblem);

  /** A topic filter ([MQTT-4.7.1]) or an MQTT 5 shared subscription ([MQTT-4.8.2]), known placeholders only. */
  static final ValueType<String> FILTER = checked(FILTER_EXPECTED, MessageTypes::filterProblem);

  private MessageTypes() {}

  /** Text ({@code expected} says what), refused with the message {@code problem} gives it unless that is null. */
  private static ValueType<String> checked(String expected, UnaryOperator<String> problem) {
    return ValueType.of(f -> {
      String s = f.text(expected);
      String why = problem.apply(s);
      if (why != null) {
        throw f.error(why);
      }
      return s;
    }, v -> v);
  }

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

  /** Why {@code s} is not a topic filter, or null when it is (the rules are client.TopicFilter's). */
  static String filterProblem(String s) {
    String unknown = unknownPlaceholder(s, FILTER_PLACEHOLDERS);
    if (unknown != null) {
      return unknown;
    }
    String t = sample(s);
    String problem = TopicFilter.problem(t);
    if (problem != null) {
      // `filter: #` and `--set messages.filter=#` read as empty: YAML takes an unquoted # for a comment
      return problem + ", got '" + s + "'" + (s.isEmpty() ? " (a # not in quotes starts a YAML comment: write a"
          + " filter that begins with # in quotes, e.g. \"#\", and with --set quote it for the shell too, e.g."
          + " --set 'messages.filter=\"#\"')" : "");
    }
    return commonProblem(s, t);
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
