package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqttchaos.client.EmbeddedConnection.bytes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.PingReqSent;
import org.mqttchaos.client.ConnectionEvent.PublishSent;
import org.mqttchaos.client.ConnectionEvent.RefusedLocally;
import org.mqttchaos.client.ConnectionEvent.SubscribeSent;

/**
 * The client honours what an MQTT 5 broker says in its CONNACK (section 3.2.2.3): each property, one CONNACK carrying
 * it, and what the connection then does or refuses to do.
 */
class ConnAckPropertiesTest {
  private static final byte[] PINGREQ = bytes(0xC0, 0x00);
  private static final byte[] NOTHING = new byte[0];

  /** [MQTT-3.2.2-21]: Server Keep Alive 10 to a CONNECT asking 16: PINGREQ after 10 s, and every 10 s. */
  @Test
  void serverKeepAliveIsThePingInterval() {
    EmbeddedConnection ec = connected("c1", 16, 0x13, 0x00, 0x0A);
    assertEquals(10, ec.connection.attempt().keepAliveSeconds());
    assertEquals(16, ec.connection.attempt().options().keepAliveSeconds(), "what CONNECT asked stays on record");
    ec.advanceSeconds(9);
    assertArrayEquals(NOTHING, ec.outbound());
    ec.advanceSeconds(1);
    assertArrayEquals(PINGREQ, ec.outbound());
    ec.inbound(0xD0, 0x00);
    ec.advanceSeconds(10);
    assertArrayEquals(PINGREQ, ec.outbound());
    assertEquals(2, ec.events.ofType(PingReqSent.class).size());
  }

  /** A broker may raise it too (HiveMQ does for keep-alive 0 when it allows no unlimited one). */
  @Test
  void serverKeepAliveAboveTheAskedOneIsUsedToo() {
    EmbeddedConnection ec = connected("c1", 5, 0x13, 0x00, 0x3C); // 60 s
    ec.advanceSeconds(59);
    assertArrayEquals(NOTHING, ec.outbound());
    ec.advanceSeconds(1);
    assertArrayEquals(PINGREQ, ec.outbound());
  }

  @Test
  void withoutServerKeepAliveTheAskedOneHolds() {
    EmbeddedConnection ec = connected("c1", 16);
    assertEquals(16, ec.connection.attempt().keepAliveSeconds());
    ec.advanceSeconds(15);
    assertArrayEquals(NOTHING, ec.outbound());
    ec.advanceSeconds(1);
    assertArrayEquals(PINGREQ, ec.outbound());
    assertEquals(List.of(), ec.connection.connAck().overrides(ConnAckValues.asked(ec.connection.attempt().options())));
  }

  /** An empty client ID: the broker's Assigned Client Identifier is the connection's from the CONNACK on. */
  @Test
  void assignedClientIdentifierIsTheClientIdFromTheConnAckOn() {
    byte[] id = "auto-7f3a".getBytes(StandardCharsets.UTF_8);
    int[] property = new int[3 + id.length];
    property[0] = 0x12;
    property[1] = 0;
    property[2] = id.length;
    for (int i = 0; i < id.length; i++) {
      property[3 + i] = id[i];
    }
    EmbeddedConnection ec = connected("", 30, property);
    assertEquals("auto-7f3a", ec.connection.attempt().clientId());
    assertEquals("auto-7f3a", ec.events.ofType(ConnAckReceived.class).get(0).clientId(), "checks key on it");
    ec.connection.publish("t", new byte[] {1}, 0, false);
    ec.outbound();
    assertEquals("auto-7f3a", ec.events.ofType(PublishSent.class).get(0).clientId());
    assertEquals("", ec.connection.attempt().options().clientId(), "the CONNECT as sent");
  }

  /** Receive Maximum is recorded and exposed on the connection, for the publishers' in-flight window. */
  @Test
  void receiveMaximumIsExposedOnTheConnection() {
    EmbeddedConnection ec = connected("c1", 30, 0x21, 0x00, 0x14);
    assertEquals(20, ec.connection.connAck().receiveMaximum());
    assertEquals(List.of(new ConnAckValues.Override("receiveMaximum", "65535", "20")),
        ec.connection.connAck().overrides(ConnAckValues.asked(ec.connection.attempt().options())));
    assertEquals(ConnAckValues.DEFAULT_RECEIVE_MAXIMUM, connected("c2", 30).connection.connAck().receiveMaximum());
  }

  /** [MQTT-3.1.2-24]: a PUBLISH larger than Maximum Packet Size is refused, with the sizes, and never written. */
  @Test
  void aPublishLargerThanMaximumPacketSizeIsNotSent() {
    EmbeddedConnection ec = connected("c1", 30, 0x27, 0x00, 0x00, 0x00, 0x20); // 32 bytes
    // 1 + 1 + (2 + 1 topic + 1 property length + 26 payload) = 32: fits exactly
    CompletableFuture<Void> fits = ec.connection.publish("t", new byte[26], 0, false);
    assertEquals(32, ec.outbound().length);
    assertTrue(fits.isDone() && !fits.isCompletedExceptionally());
    CompletableFuture<Void> tooBig = ec.connection.publish("t", new byte[27], 0, false);
    assertArrayEquals(NOTHING, ec.outbound());
    assertEquals("not sent: PUBLISH of 33 bytes is larger than the broker's Maximum Packet Size 32 bytes (CONNACK)"
        + " [MQTT-3.1.2-24]", failure(tooBig));
    RefusedLocally refused = ec.events.ofType(RefusedLocally.class).get(0);
    assertEquals("PUBLISH", refused.packet());
    assertEquals("maximumPacketSize", refused.limit());
    assertEquals(1, ec.events.ofType(PublishSent.class).size());
  }

  /** [MQTT-3.2.2-11]: Maximum QoS 0 refuses QoS 1 and 2 publishes; QoS 0 goes. */
  @Test
  void aPublishAboveMaximumQosIsNotSent() {
    EmbeddedConnection ec = connected("c1", 30, 0x24, 0x00);
    assertEquals(0, ec.connection.connAck().maximumQos());
    CompletableFuture<Void> qos1 = ec.connection.publish("t", new byte[] {1}, 1, false);
    CompletableFuture<Void> qos2 = ec.connection.publish("t", new byte[] {1}, 2, false);
    assertArrayEquals(NOTHING, ec.outbound());
    assertEquals("not sent: PUBLISH QoS 1 is above the broker's Maximum QoS 0 (CONNACK) [MQTT-3.2.2-11]",
        failure(qos1));
    assertEquals("not sent: PUBLISH QoS 2 is above the broker's Maximum QoS 0 (CONNACK) [MQTT-3.2.2-11]",
        failure(qos2));
    ec.connection.publish("t", new byte[] {1}, 0, false);
    assertTrue(ec.outbound().length > 0);
    assertEquals(List.of("maximumQos", "maximumQos"),
        ec.events.ofType(RefusedLocally.class).stream().map(RefusedLocally::limit).toList());
  }

  /** [MQTT-3.2.2-14]: Retain Available 0 refuses a retained publish; the same without retain goes. */
  @Test
  void aRetainedPublishIsNotSentWhenRetainIsUnavailable() {
    EmbeddedConnection ec = connected("c1", 30, 0x25, 0x00);
    CompletableFuture<Void> retained = ec.connection.publish("t", new byte[] {1}, 0, true);
    assertArrayEquals(NOTHING, ec.outbound());
    assertEquals("not sent: retained PUBLISH but the broker said Retain Available 0 (CONNACK) [MQTT-3.2.2-14]",
        failure(retained));
    ec.connection.publish("t", new byte[] {1}, 0, false);
    assertTrue(ec.outbound().length > 0);
  }

  /** Topic Alias Maximum is recorded; the client still sends the topic name and no alias. */
  @Test
  void topicAliasMaximumIsRecordedAndNoAliasIsSent() {
    EmbeddedConnection ec = connected("c1", 30, 0x22, 0x00, 0x05);
    assertEquals(5, ec.connection.connAck().topicAliasMaximum());
    ec.connection.publish("t", new byte[] {9}, 0, false);
    // PUBLISH QoS 0, remaining length 5: topic "t", property length 0 (no Topic Alias), payload 9
    assertArrayEquals(bytes(0x30, 0x05, 0x00, 0x01, 't', 0x00, 0x09), ec.outbound());
  }

  /** The broker's Session Expiry Interval replaces the asked one (section 3.2.2.3.2). */
  @Test
  void sessionExpiryIntervalInForceIsTheBrokers() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    ec.connection.connect(new ConnectOptions("c1", false, 30, null, null, null, 300));
    ec.outbound();
    ec.inbound(connack(0x11, 0x00, 0x00, 0x00, 0x05));
    assertEquals(5, ec.connection.attempt().sessionExpirySeconds());
    assertEquals(300, ec.connection.attempt().options().sessionExpirySeconds());
    assertEquals(List.of(new ConnAckValues.Override("sessionExpiryInterval", "300", "5")),
        ec.connection.connAck().overrides(ConnAckValues.asked(ec.connection.attempt().options())));
  }

  /** Wildcard and Shared Subscription Available 0: such subscribes are refused; a plain one goes. */
  @Test
  void subscribesTheBrokerDoesNotSupportAreNotSent() {
    EmbeddedConnection ec = connected("c1", 30, 0x28, 0x00, 0x2A, 0x00);
    CompletableFuture<Integer> wildcard = ec.connection.subscribe("a/+", 1);
    CompletableFuture<Integer> multi = ec.connection.subscribe("a/#", 1);
    CompletableFuture<Integer> shared = ec.connection.subscribe("$share/g/a", 1);
    assertArrayEquals(NOTHING, ec.outbound());
    assertEquals("not sent: SUBSCRIBE to wildcard a/+ but the broker said Wildcard Subscription Available 0 (CONNACK)",
        failure(wildcard));
    assertTrue(multi.isCompletedExceptionally());
    assertEquals("not sent: SUBSCRIBE to shared $share/g/a but the broker said Shared Subscription Available 0"
        + " (CONNACK)", failure(shared));
    ec.connection.subscribe("a/b", 1);
    assertTrue(ec.outbound().length > 0);
    assertEquals(1, ec.events.ofType(SubscribeSent.class).size());
    assertEquals(List.of("wildcardSubscriptionAvailable", "wildcardSubscriptionAvailable",
        "sharedSubscriptionAvailable"), ec.events.ofType(RefusedLocally.class).stream().map(RefusedLocally::limit)
        .toList());
  }

  /** MQTT 3.1.1 has no properties: the CONNECT's values and the defaults are in force. */
  @Test
  void mqtt311KeepsTheConnectsValues() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connectAccepted(EmbeddedConnection.options("c1", true, 16));
    ConnAckValues v = ec.connection.connAck();
    assertEquals(16, v.keepAliveSeconds());
    assertNull(v.assignedClientId());
    assertEquals(2, v.maximumQos());
    assertEquals(ConnAckValues.UNLIMITED, v.maximumPacketSize());
  }

  /** The overrides as summary.json lists them, in property order, for a CONNACK like mosquitto's. */
  @Test
  void overridesOfAMosquittoLikeConnAck() {
    // Topic Alias Maximum 10, Server Keep Alive 10, Receive Maximum 20: mosquitto 2.0.11 with max_keepalive 10
    EmbeddedConnection ec = connected("c1", 16, 0x22, 0x00, 0x0A, 0x13, 0x00, 0x0A, 0x21, 0x00, 0x14);
    assertEquals(List.of(new ConnAckValues.Override("serverKeepAlive", "16", "10"),
        new ConnAckValues.Override("receiveMaximum", "65535", "20"),
        new ConnAckValues.Override("topicAliasMaximum", "0", "10")),
        ec.connection.connAck().overrides(ConnAckValues.asked(ec.connection.attempt().options())));
  }

  /** A clean MQTT 5 connection accepted by a CONNACK carrying {@code properties} (their bytes). */
  private static EmbeddedConnection connected(String clientId, int keepAlive, int... properties) {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    ec.connection.connect(EmbeddedConnection.options(clientId, true, keepAlive));
    ec.outbound();
    ec.inbound(connack(properties));
    assertEquals(ConnectionState.CONNECTED, ec.connection.state());
    return ec;
  }

  /** CONNACK: flags 0, reason 0, then the property length and {@code properties}. */
  static int[] connack(int... properties) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x20);
    out.write(3 + properties.length);
    out.write(0x00);
    out.write(0x00);
    out.write(properties.length);
    for (int b : properties) {
      out.write(b);
    }
    byte[] raw = out.toByteArray();
    int[] ints = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      ints[i] = raw[i] & 0xFF;
    }
    return ints;
  }

  private static String failure(CompletableFuture<?> f) {
    assertTrue(f.isCompletedExceptionally(), "refused");
    try {
      f.get();
      throw new AssertionError("not failed");
    } catch (ExecutionException e) {
      return e.getCause().getMessage();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
