package org.mqttchaos.profile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.mqttchaos.client.AbruptMode;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.MqttVersion;

/** The scalar value types profile keys use, each with its "expected ..." wording. */
final class Types {
  private static final Pattern WHOLE = Pattern.compile("[-+]?\\d{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern NAME_CHARS = Pattern.compile("[A-Za-z0-9._-]+");

  static final ValueType<String> TEXT = ValueType.of(f -> f.text("text"), v -> v);
  /** Empty text means "not set": null. */
  static final ValueType<String> OPTIONAL_TEXT =
      ValueType.of(f -> emptyToNull(f.text("text")), v -> v == null ? "" : v);
  static final String NAME_EXPECTED = "a name of letters, digits, '.', '_' or '-'";
  static final ValueType<String> NAME = ValueType.of(f -> {
    String s = f.text(NAME_EXPECTED);
    if (!NAME_CHARS.matcher(s).matches()) {
      throw f.fail(NAME_EXPECTED);
    }
    return s;
  }, v -> v);
  /** A name as {@link #NAME}, or empty for "not set": null. */
  static final ValueType<String> OPTIONAL_NAME = ValueType.of(f -> {
    String s = emptyToNull(f.text(NAME_EXPECTED));
    if (s != null && !NAME_CHARS.matcher(s).matches()) {
      throw f.fail(NAME_EXPECTED + ", or empty");
    }
    return s;
  }, v -> v == null ? "" : v);
  static final ValueType<Boolean> BOOLEAN = ValueType.of(f -> {
    String s = f.text("true or false").strip().toLowerCase(Locale.ROOT);
    if (!s.equals("true") && !s.equals("false")) {
      throw f.fail("true or false");
    }
    return s.equals("true");
  }, v -> v);
  static final ValueType<Long> SEED = ValueType.of(f -> whole(f, "a whole number"), v -> v);
  static final ValueType<MqttVersion> MQTT_VERSION = choice(
      Map.of("3.1.1", MqttVersion.V3_1_1, "5", MqttVersion.V5, "5.0", MqttVersion.V5),
      List.of("3.1.1", "5"), MqttVersion::label);
  static final ValueType<AbruptMode> ABRUPT_MODE =
      labelled(AbruptMode.values(), m -> m.name().toLowerCase(Locale.ROOT));
  static final ValueType<Injection> INJECTION = labelled(Injection.values(), Injection::label);
  static final ValueType<Leave> LEAVE = labelled(Leave.values(), Leave::label);
  static final String URL_EXPECTED =
      "embedded, embedded+tls, embedded+ws, embedded+wss or a URL like tcp://127.0.0.1:1883";
  /** "embedded" is null, "embedded+tls" and the like are kept (lower case), the URL otherwise. */
  static final ValueType<String> BROKER_URL = ValueType.of(f -> {
    String s = f.text(URL_EXPECTED).strip();
    if (BrokerSettings.isEmbedded(s)) {
      String form = s.toLowerCase(Locale.ROOT);
      return form.equals(BrokerSettings.EMBEDDED) ? null : form;
    }
    if (s.toLowerCase(Locale.ROOT).startsWith(BrokerSettings.EMBEDDED)) {
      throw f.fail(URL_EXPECTED);
    }
    try {
      BrokerUrl.parse(s);
      return s;
    } catch (IllegalArgumentException e) {
      throw f.error("expected " + URL_EXPECTED + ", got " + f.node().describe() + " (" + e.getMessage() + ")");
    }
  }, v -> v == null ? "embedded" : v);
  static final String TOPIC_EXPECTED = "a topic name without + or # (may contain {clientId})";
  static final ValueType<String> TOPIC = ValueType.of(f -> {
    String s = f.text(TOPIC_EXPECTED);
    if (s.isEmpty() || s.contains("+") || s.contains("#")) {
      throw f.fail(TOPIC_EXPECTED);
    }
    return s;
  }, v -> v);

  private Types() {}

  static ValueType<Integer> wholeNumber(int min, int max) {
    return wholeNumber(min, max, "a whole number " + range(min, max));
  }

  /** A whole number from {@code min} to {@code max}, with {@code expected} saying what it is. */
  static ValueType<Integer> wholeNumber(int min, int max, String expected) {
    return ValueType.of(f -> {
      long v = whole(f, expected);
      if (v < min || v > max) {
        throw f.fail(expected);
      }
      return (int) v;
    }, v -> v);
  }

  /** A number checked by {@code ok}, with {@code expected} like "a number from 0 to 1". */
  static ValueType<Double> number(String expected, DoublePredicate ok) {
    return ValueType.of(f -> {
      String s = f.text(expected).strip();
      double d = DECIMAL.matcher(s).matches() ? Double.parseDouble(s) : Double.NaN;
      if (!Double.isFinite(d) || !ok.test(d)) {
        throw f.fail(expected);
      }
      return d;
    }, v -> v);
  }

  /** A duration from {@code min} up, with {@code expected} naming the range when it is not plain ">= 0". */
  static ValueType<Duration> duration(Duration min, Duration max, boolean wholeSeconds, String expected) {
    return ValueType.of(f -> {
      Duration d = Durations.parse(f.text(Durations.EXPECTED));
      if (d == null) {
        throw f.fail(Durations.EXPECTED);
      }
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0 || (wholeSeconds && d.toMillis() % 1000 != 0)) {
        throw f.fail(expected);
      }
      return d;
    }, Durations::format);
  }

  static <E extends Enum<E>> ValueType<E> labelled(E[] values, Function<E, String> label) {
    Map<String, E> byLabel = new LinkedHashMap<>();
    for (E e : values) {
      byLabel.put(label.apply(e), e);
    }
    return choice(byLabel, List.copyOf(byLabel.keySet()), label);
  }

  /** One of the accepted labels (case ignored); the message lists {@code shown}. */
  static <E> ValueType<E> choice(Map<String, E> accepted, List<String> shown, Function<E, String> label) {
    String expected = "one of " + String.join(", ", shown);
    return ValueType.of(f -> {
      String s = f.text(expected).strip();
      return accepted.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(s))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElseThrow(() -> f.fail(expected));
    }, label::apply);
  }

  private static long whole(Field f, String expected) {
    String s = f.text(expected).strip();
    if (!WHOLE.matcher(s).matches()) {
      throw f.fail(expected);
    }
    return Long.parseLong(s);
  }

  private static String range(long min, long max) {
    return max == Integer.MAX_VALUE ? ">= " + min : "from " + min + " to " + max;
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
