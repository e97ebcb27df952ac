package org.mqttchaos.profile;

import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.TopicFilter;

/** Rules of the {@code messages:} section that span keys, checked after each key has its typed value. */
final class MessageRules {

  private MessageRules() {}

  static void check(Values v, String source) {
    if (v.get(Keys.MQTT_VERSION) != MqttVersion.V5) {
      shared(v, source, Keys.MSG_FILTER);
      shared(v, source, Keys.MSG_BACKEND_FILTER);
    }
    if (v.get(Keys.MSG_TOPIC).contains("{peer}") && v.get(Keys.MSG_PUBLISHERS) > 0
        && v.get(Keys.MSG_SUBSCRIBERS) == 0) {
      throw Rules.at(v, source, Keys.MSG_TOPIC, Keys.MSG_SUBSCRIBERS, "messages.topic: {peer} is the client ID of"
          + " another subscribing client, so it needs messages.subscribers > 0, got '" + v.get(Keys.MSG_TOPIC) + "'");
    }
    int dropped = v.get(Keys.MSG_BACKEND_DROP_SUBSCRIBERS);
    if (dropped > v.get(Keys.MSG_BACKEND_SUBSCRIBERS)) {
      throw Rules.at(v, source, Keys.MSG_BACKEND_DROP_SUBSCRIBERS, Keys.MSG_BACKEND_SUBSCRIBERS,
          "messages.backend.abruptDrop.subscribers: at most messages.backend.subscribers ("
              + v.get(Keys.MSG_BACKEND_SUBSCRIBERS) + "), the backend subscribers it picks, got '" + dropped + "'");
    }
  }

  private static void shared(Values v, String source, Key<String> filter) {
    if (TopicFilter.isShared(v.get(filter))) {
      throw Rules.at(v, source, filter, Keys.MQTT_VERSION, filter.path() + ": shared subscriptions ($share/...) are"
          + " MQTT 5 (section 4.8.2); set broker.mqttVersion: \"5\" or subscribe without $share, got '"
          + v.get(filter) + "'");
    }
  }
}
