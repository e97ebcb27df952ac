package org.mqttchaos.profile;

import java.time.Duration;
import org.mqttchaos.client.MqttVersion;

/** Rules that span keys, checked after each key has its typed value. */
final class Rules {

  private Rules() {}

  static void check(Values v, String source) {
    if (ResolvedWriter.MASK.equals(v.get(Keys.PASSWORD))) {
      // A replayed results/<run>/profile.yaml: sending '***' would only fail every CONNECT.
      throw at(v, source, Keys.PASSWORD, Keys.PASSWORD, "broker.password: the password is masked ('***') in a"
          + " resolved profile; give it with --set broker.password=... or ${VAR}");
    }
    if (ResolvedWriter.MASK.equals(v.get(Keys.TLS_KEY_PASSWORD))) {
      throw at(v, source, Keys.TLS_KEY_PASSWORD, Keys.TLS_KEY_PASSWORD, "broker.tls.keyPassword: the password is"
          + " masked ('***') in a resolved profile; give it with --set broker.tls.keyPassword=... or ${VAR}");
    }
    TlsRules.check(v, source);
    String url = v.get(Keys.URL);
    for (Key<?> limit : java.util.List.of(Keys.EMBEDDED_MAX_KEEP_ALIVE, Keys.EMBEDDED_MAX_SESSION_EXPIRY)) {
      if (v.get(limit) != null && url != null && !BrokerSettings.isEmbedded(url)) {
        throw at(v, source, limit, limit, limit.path() + ": limits the embedded broker only, but broker.url is "
            + url + " (set the limit in that broker's own configuration)");
      }
      if (v.get(limit) != null && v.get(Keys.MQTT_VERSION) != org.mqttchaos.client.MqttVersion.V5) {
        // HiveMQ CE applies its session expiry limit to 3.1.1 sessions too, with no way to tell the client: the
        // session checks would then blame it for what the harness set up
        throw at(v, source, limit, Keys.MQTT_VERSION, limit.path() + ": needs broker.mqttVersion \"5\": only an"
            + " MQTT 5 CONNACK tells the clients the broker's value");
      }
    }
    MessageRules.check(v, source);
    if (v.get(Keys.INJECTION) == Injection.RATE && v.get(Keys.RATE) <= 0) {
      throw at(v, source, Keys.RATE, Keys.INJECTION,
          "load.rate: injection rate needs a rate > 0 clients per second, got " + format(v.get(Keys.RATE)));
    }
    Duration initial = v.get(Keys.INITIAL_DELAY);
    Duration max = v.get(Keys.MAX_DELAY);
    if (max.compareTo(initial) < 0) {
      String message = v.origin(Keys.MAX_DELAY).isPresent()
          ? "reconnect.maxDelay: must be >= reconnect.initialDelay (" + Durations.format(initial) + "), got "
              + Durations.format(max)
          : "reconnect.initialDelay: must be <= reconnect.maxDelay (" + Durations.format(max) + "), got "
              + Durations.format(initial);
      throw at(v, source, Keys.MAX_DELAY, Keys.INITIAL_DELAY, message);
    }
    Duration longest = ReconnectSettings.longestDelay(max, v.get(Keys.JITTER));
    if (v.get(Keys.RECONNECT) && v.get(Keys.QUIET_PERIOD).compareTo(longest) < 0) {
      // Only a given quiet period can be short: the default is twice maxDelay.
      throw at(v, source, Keys.QUIET_PERIOD, Keys.MAX_DELAY, "reconnect.quietPeriod: must be >="
          + " reconnect.maxDelay x (1 + reconnect.jitter) (" + Durations.format(longest) + "), the longest"
          + " reconnect delay, or a client ID still flapping would pass for calm, got "
          + Durations.format(v.get(Keys.QUIET_PERIOD)));
    }
    if (v.get(Keys.SILENT_RATIO) > 0 && v.get(Keys.KEEP_ALIVE).isZero()) {
      throw at(v, source, Keys.SILENT_RATIO, Keys.KEEP_ALIVE,
          "chaos.keepAliveExpiry.ratio: silent clients need load.keepAlive > 0s, or the broker never cuts them");
    }
    if (v.get(Keys.SILENT_RATIO) > 0 && v.get(Keys.SILENT_AFTER).compareTo(v.get(Keys.HOLD)) >= 0) {
      throw at(v, source, Keys.SILENT_AFTER, Keys.HOLD, "chaos.keepAliveExpiry.after: clients go silent during"
          + " their hold, so it must be < load.hold (" + Durations.format(v.get(Keys.HOLD)) + "), got "
          + Durations.format(v.get(Keys.SILENT_AFTER)));
    }
    if (v.get(Keys.MQTT_VERSION) != MqttVersion.V5 && !v.get(Keys.WILL_DELAY).isZero()) {
      throw at(v, source, Keys.WILL_DELAY, Keys.MQTT_VERSION, "will.delay: the Will Delay Interval is MQTT 5 only;"
          + " set broker.mqttVersion: \"5\" or leave will.delay out (got " + Durations.format(v.get(Keys.WILL_DELAY))
          + " with MQTT " + v.get(Keys.MQTT_VERSION).label() + ")");
    }
    if (v.get(Keys.MQTT_VERSION) != MqttVersion.V5 && v.get(Keys.LEAVE) == Leave.GRACEFUL_WITH_WILL) {
      throw at(v, source, Keys.LEAVE, Keys.MQTT_VERSION, "load.leave: graceful-with-will sends DISCONNECT with"
          + " reason 0x04, which is MQTT 5 only; set broker.mqttVersion: \"5\" or use graceful or abrupt");
    }
    if (v.get(Keys.LEAVE) == Leave.GRACEFUL_WITH_WILL && v.get(Keys.WILL_RATIO) == 0) {
      // a key that can have no effect is refused, as the embedded broker's limits are with another broker
      throw at(v, source, Keys.LEAVE, Keys.WILL_RATIO, "load.leave: graceful-with-will asks the broker to publish"
          + " each client's will, but will.ratio is 0: no client has one, so it would leave as graceful does; set"
          + " will.ratio > 0 or use graceful");
    }
    if (v.get(Keys.WILL_RATIO) == 0 && !v.get(Keys.WILL_DELAY).isZero()) {
      throw at(v, source, Keys.WILL_DELAY, Keys.WILL_RATIO, "will.delay: a Will Delay Interval of "
          + Durations.format(v.get(Keys.WILL_DELAY)) + " is for the clients' wills, but will.ratio is 0: no client"
          + " has one, so it would have no effect; set will.ratio > 0 or leave will.delay out");
    }
    String willTopic = v.get(Keys.WILL_TOPIC);
    if (v.get(Keys.WILL_RATIO) > 0 && willTopic.contains("{clientId}")) {
      for (String level : willTopic.split("/", -1)) {
        if (level.contains("{clientId}") && !level.equals("{clientId}")) {
          throw at(v, source, Keys.WILL_TOPIC, Keys.WILL_RATIO, "will.topic: {clientId} must be a whole topic level"
              + " (e.g. chaos/will/{clientId}) so the observer can subscribe with +, got '" + willTopic + "'");
        }
      }
    }
  }

  /** Reports at the first of the two keys that was given; one of them always was, as the defaults pass. */
  static ProfileException at(Values v, String source, Key<?> first, Key<?> second, String message) {
    Origin origin = v.origin(first).or(() -> v.origin(second)).orElse(new Origin(source, 0));
    return origin.error(message);
  }

  private static String format(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
