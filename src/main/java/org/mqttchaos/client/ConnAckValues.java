package org.mqttchaos.client;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import java.util.ArrayList;
import java.util.List;

/**
 * What an accepting CONNACK put in force for one connect attempt (MQTT 5 section 3.2.2.3): the broker's values where
 * it sent them, else what the CONNECT asked for or the spec's default. Every check judges against these, never
 * against the CONNECT alone. For MQTT 3.1.1 (no properties) they are the CONNECT's values and the defaults.
 *
 * @param keepAliveSeconds      keep-alive in force: Server Keep Alive if sent ([MQTT-3.2.2-21]: the client uses it),
 *                              else the CONNECT's; 0 means none
 * @param sessionExpirySeconds  session expiry in force: the CONNACK's Session Expiry Interval if sent, else the
 *                              CONNECT's (0 for 3.1.1; 4294967295 is "never")
 * @param assignedClientId      the Assigned Client Identifier, null when the broker sent none; the connection's client
 *                              ID for the rest of the session when present
 * @param receiveMaximum        how many QoS 1/2 publishes the broker accepts unacknowledged, 1 to 65535 (default
 *                              65535)
 * @param maximumPacketSize     the largest packet the broker accepts, in bytes; {@link #UNLIMITED} when not sent
 * @param maximumQos            highest PUBLISH QoS the broker accepts, 0 to 2 (default 2)
 * @param retainAvailable       false when the broker does not accept retained publishes (default true)
 * @param topicAliasMaximum     how many topic aliases the broker accepts from the client (default 0); the client
 *                              sends none whatever it says
 * @param wildcardSubscriptions false when the broker does not accept subscriptions with + or # (default true)
 * @param sharedSubscriptions   false when the broker does not accept $share/ subscriptions (default true)
 */
public record ConnAckValues(
    int keepAliveSeconds,
    long sessionExpirySeconds,
    String assignedClientId,
    int receiveMaximum,
    long maximumPacketSize,
    int maximumQos,
    boolean retainAvailable,
    int topicAliasMaximum,
    boolean wildcardSubscriptions,
    boolean sharedSubscriptions) {

  /** {@link #maximumPacketSize} when the broker set no limit. */
  public static final long UNLIMITED = Long.MAX_VALUE;
  /** The spec's Receive Maximum when CONNACK has none (section 3.2.2.3.3). */
  public static final int DEFAULT_RECEIVE_MAXIMUM = 65535;

  /**
   * One property the broker set to something other than what the client asked for (or, for the broker's own limits,
   * other than the spec's default that applies when CONNACK is silent).
   *
   * @param property the summary's name: serverKeepAlive, sessionExpiryInterval, assignedClientIdentifier,
   *                 receiveMaximum, maximumPacketSize, maximumQos, retainAvailable, topicAliasMaximum,
   *                 wildcardSubscriptionAvailable, sharedSubscriptionAvailable
   * @param asked    the CONNECT's value, or the default; never contains a dot
   * @param set      the CONNACK's value; never contains a dot
   */
  public record Override(String property, String asked, String set) {
    /** {@code property.asked.set}, as run.json's counter names it. */
    public String key() {
      return property + "." + asked + "." + set;
    }
  }

  /** The values a CONNECT asked for, with every default: what is in force when CONNACK says nothing. */
  public static ConnAckValues asked(ConnectOptions options) {
    return new ConnAckValues(options.keepAliveSeconds(), options.sessionExpirySeconds(), null,
        DEFAULT_RECEIVE_MAXIMUM, UNLIMITED, 2, true, 0, true, true);
  }

  /** What CONNACK {@code properties} (empty for 3.1.1) put in force over what {@code options} asked for. */
  public static ConnAckValues of(ConnectOptions options, MqttVersion version, MqttProperties properties) {
    ConnAckValues asked = asked(options);
    if (version != MqttVersion.V5 || properties == null || properties.isEmpty()) {
      return asked;
    }
    return new ConnAckValues(
        (int) number(properties, MqttPropertyType.SERVER_KEEP_ALIVE, asked.keepAliveSeconds),
        number(properties, MqttPropertyType.SESSION_EXPIRY_INTERVAL, asked.sessionExpirySeconds),
        text(properties, MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER),
        (int) number(properties, MqttPropertyType.RECEIVE_MAXIMUM, DEFAULT_RECEIVE_MAXIMUM),
        number(properties, MqttPropertyType.MAXIMUM_PACKET_SIZE, UNLIMITED),
        (int) number(properties, MqttPropertyType.MAXIMUM_QOS, 2),
        number(properties, MqttPropertyType.RETAIN_AVAILABLE, 1) != 0,
        (int) number(properties, MqttPropertyType.TOPIC_ALIAS_MAXIMUM, 0),
        number(properties, MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE, 1) != 0,
        number(properties, MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE, 1) != 0);
  }

  /** What the broker changed against {@code asked} (from {@link #asked}), in the order of this record's fields. */
  public List<Override> overrides(ConnAckValues asked) {
    List<Override> changed = new ArrayList<>(2);
    add(changed, "serverKeepAlive", asked.keepAliveSeconds, keepAliveSeconds);
    add(changed, "sessionExpiryInterval", asked.sessionExpirySeconds, sessionExpirySeconds);
    if (assignedClientId != null) {
      changed.add(new Override("assignedClientIdentifier", "none", "assigned"));
    }
    add(changed, "receiveMaximum", asked.receiveMaximum, receiveMaximum);
    if (maximumPacketSize != asked.maximumPacketSize) {
      changed.add(new Override("maximumPacketSize", size(asked.maximumPacketSize), size(maximumPacketSize)));
    }
    add(changed, "maximumQos", asked.maximumQos, maximumQos);
    add(changed, "retainAvailable", asked.retainAvailable, retainAvailable);
    add(changed, "topicAliasMaximum", asked.topicAliasMaximum, topicAliasMaximum);
    add(changed, "wildcardSubscriptionAvailable", asked.wildcardSubscriptions, wildcardSubscriptions);
    add(changed, "sharedSubscriptionAvailable", asked.sharedSubscriptions, sharedSubscriptions);
    return changed;
  }

  /**
   * Why a PUBLISH must not be sent under these values, or null when it may: QoS above Maximum QoS
   * ([MQTT-3.2.2-11]), retain when Retain Available is 0 ([MQTT-3.2.2-14]), or a packet larger than Maximum Packet
   * Size ([MQTT-3.1.2-24]).
   *
   * @param packetBytes the whole PUBLISH packet's size on the wire, in bytes
   */
  public Refusal refusePublish(int qos, boolean retain, long packetBytes) {
    if (qos > maximumQos) {
      return new Refusal("maximumQos", "PUBLISH QoS " + qos + " is above the broker's Maximum QoS " + maximumQos
          + " (CONNACK) [MQTT-3.2.2-11]");
    }
    if (retain && !retainAvailable) {
      return new Refusal("retainAvailable", "retained PUBLISH but the broker said Retain Available 0 (CONNACK)"
          + " [MQTT-3.2.2-14]");
    }
    if (packetBytes > maximumPacketSize) {
      return new Refusal("maximumPacketSize", "PUBLISH of " + packetBytes + " bytes is larger than the broker's"
          + " Maximum Packet Size " + maximumPacketSize + " bytes (CONNACK) [MQTT-3.1.2-24]");
    }
    return null;
  }

  /**
   * Why a SUBSCRIBE to {@code topicFilter} must not be sent under these values, or null when it may: a wildcard when
   * Wildcard Subscription Available is 0, a {@code $share/} filter when Shared Subscription Available is 0
   * (sections 3.2.2.3.12 and 3.2.2.3.14).
   */
  public Refusal refuseSubscribe(String topicFilter) {
    if (!sharedSubscriptions && topicFilter.startsWith("$share/")) {
      return new Refusal("sharedSubscriptionAvailable", "SUBSCRIBE to shared " + topicFilter + " but the broker said"
          + " Shared Subscription Available 0 (CONNACK)");
    }
    if (!wildcardSubscriptions && (topicFilter.contains("+") || topicFilter.contains("#"))) {
      return new Refusal("wildcardSubscriptionAvailable", "SUBSCRIBE to wildcard " + topicFilter + " but the broker"
          + " said Wildcard Subscription Available 0 (CONNACK)");
    }
    return null;
  }

  /**
   * A packet the client refused to send because the broker's CONNACK rules it out.
   *
   * @param limit  the CONNACK property that rules it out, as {@link Override#property} names it
   * @param reason in words, with the values and the spec rule
   */
  public record Refusal(String limit, String reason) {}

  private static void add(List<Override> changed, String property, Object asked, Object set) {
    if (!asked.equals(set)) {
      changed.add(new Override(property, String.valueOf(asked), String.valueOf(set)));
    }
  }

  private static String size(long bytes) {
    return bytes == UNLIMITED ? "unlimited" : Long.toString(bytes);
  }

  private static long number(MqttProperties properties, MqttPropertyType type, long absent) {
    MqttProperties.MqttProperty<?> p = properties.getProperty(type.value());
    if (p == null || !(p.value() instanceof Integer value)) {
      return absent;
    }
    return Integer.toUnsignedLong(value); // four-byte integers are unsigned on the wire
  }

  private static String text(MqttProperties properties, MqttPropertyType type) {
    MqttProperties.MqttProperty<?> p = properties.getProperty(type.value());
    return p != null && p.value() instanceof String s && !s.isEmpty() ? s : null;
  }
}
