package org.mqttchaos.client;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.charset.StandardCharsets;

/** Builds the packets a client sends, as Netty MQTT messages; the encoder turns them into bytes. */
final class MqttPackets {
  private MqttPackets() {}

  static MqttConnectMessage connect(MqttVersion version, ConnectOptions options) {
    MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect()
        .protocolVersion(version == MqttVersion.V5
            ? io.netty.handler.codec.mqtt.MqttVersion.MQTT_5
            : io.netty.handler.codec.mqtt.MqttVersion.MQTT_3_1_1)
        .clientId(options.clientId())
        .cleanSession(options.cleanSession())
        .keepAlive(options.keepAliveSeconds())
        .hasUser(options.username() != null)
        .username(options.username())
        .hasPassword(options.password() != null)
        .password(options.password() == null ? null : options.password().getBytes(StandardCharsets.UTF_8));
    Will will = options.will();
    if (will != null) {
      b.willFlag(true)
          .willTopic(will.topic())
          .willMessage(will.payload() == null ? new byte[0] : will.payload())
          .willQoS(qos(will.qos()))
          .willRetain(will.retain());
      if (version == MqttVersion.V5 && will.delaySeconds() > 0) {
        MqttProperties willProps = new MqttProperties();
        int id = MqttProperties.MqttPropertyType.WILL_DELAY_INTERVAL.value();
        willProps.add(new MqttProperties.IntegerProperty(id, (int) will.delaySeconds())); // four-byte unsigned
        b.willProperties(willProps);
      }
    }
    if (version == MqttVersion.V5 && options.sessionExpirySeconds() > 0) {
      MqttProperties props = new MqttProperties();
      // Four-byte unsigned on the wire: the int cast keeps the bits of values up to 2^32-1.
      long expiry = Math.min(options.sessionExpirySeconds(), 0xFFFF_FFFFL);
      int id = MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value();
      props.add(new MqttProperties.IntegerProperty(id, (int) expiry));
      b.properties(props);
    }
    return b.build();
  }

  static MqttMessage subscribe(int packetId, String topicFilter, int qos) {
    return MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(qos(qos), topicFilter).build();
  }

  /** PUBLISH; {@code dup} sets DUP, for a QoS 1/2 message sent again ([MQTT-3.3.1-1]). */
  static MqttMessage publish(String topic, byte[] payload, int qos, boolean retain, int packetId, boolean dup) {
    return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, qos(qos), retain, 0),
        new MqttPublishVariableHeader(topic, packetId), Unpooled.wrappedBuffer(payload));
  }

  static MqttMessage unsubscribe(int packetId, String topicFilter) {
    return MqttMessageBuilders.unsubscribe().messageId(packetId).addTopicFilter(topicFilter).build();
  }

  /**
   * The size on the wire of the PUBLISH {@link #publish} makes, in bytes: fixed header, topic, packet identifier
   * (QoS 1, 2), MQTT 5's empty property length, payload (MQTT 5 section 3.3, the size Maximum Packet Size limits).
   */
  static long publishSize(MqttVersion version, String topic, int payloadBytes, int qos) {
    long remaining = 2L + topic.getBytes(StandardCharsets.UTF_8).length + (qos > 0 ? 2 : 0)
        + (version == MqttVersion.V5 ? 1 : 0) + payloadBytes;
    int lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
    return 1 + lengthBytes + remaining;
  }

  static MqttMessage pubAck(int packetId) {
    return idOnly(PUBACK, packetId);
  }

  static MqttMessage pubRec(int packetId) {
    return idOnly(PUBREC, packetId);
  }

  /** PUBREL's fixed header flags must be 0010, which the encoder writes from QoS 1. */
  static MqttMessage pubRel(int packetId) {
    return idOnly(PUBREL, packetId);
  }

  static MqttMessage pubComp(int packetId) {
    return idOnly(PUBCOMP, packetId);
  }

  static MqttMessage pingReq() {
    return MqttMessage.PINGREQ;
  }

  static MqttMessage disconnect() {
    // Normal disconnection (reason 0) needs no variable header in either version.
    return MqttMessage.DISCONNECT;
  }

  /** MQTT 5 DISCONNECT with a reason code (0x04: Disconnect with Will Message), no properties. */
  static MqttMessage disconnect(int reasonCode) {
    return reasonCode == 0 ? disconnect() : MqttMessageBuilders.disconnect().reasonCode((byte) reasonCode).build();
  }

  static MqttQoS qos(int qos) {
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("QoS must be 0, 1 or 2, was " + qos);
    }
    return MqttQoS.valueOf(qos);
  }

  // The fixed headers of the packets that carry only a packet identifier: immutable, so one each for every packet
  // (a subscriber writes a PUBACK per QoS 1 delivery).
  private static final MqttFixedHeader PUBACK = idOnlyHeader(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE);
  private static final MqttFixedHeader PUBREC = idOnlyHeader(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE);
  private static final MqttFixedHeader PUBREL = idOnlyHeader(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE);
  private static final MqttFixedHeader PUBCOMP = idOnlyHeader(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE);

  private static MqttFixedHeader idOnlyHeader(MqttMessageType type, MqttQoS qos) {
    return new MqttFixedHeader(type, false, qos, false, 2);
  }

  private static MqttMessage idOnly(MqttFixedHeader header, int packetId) {
    return new MqttMessage(header, MqttMessageIdVariableHeader.from(packetId));
  }
}
