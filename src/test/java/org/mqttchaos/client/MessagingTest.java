package org.mqttchaos.client;

import java.util.List;
import org.mqttchaos.client.ConnectionEvent.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqttchaos.client.EmbeddedConnection.bytes;

import org.junit.jupiter.api.Test;

/** SUBSCRIBE/SUBACK, PUBLISH in both directions at QoS 0, 1 and 2. */
class MessagingTest {

  private static EmbeddedConnection connected() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connectAccepted(EmbeddedConnection.options("c1", true, 30));
    return ec;
  }

  @Test
  void subscribeCompletesWithGrantedQos() {
    EmbeddedConnection ec = connected();
    var granted = ec.connection.subscribe("a/#", 1);
    assertArrayEquals(bytes(
        0x82, 0x08,                          // SUBSCRIBE (flags 0010), remaining length 8
        0x00, 0x01,                          // packet id 1
        0x00, 0x03, 'a', '/', '#',           // topic filter
        0x01),                               // requested QoS 1
        ec.outbound());
    assertFalse(granted.isDone());
    ec.inbound(0x90, 0x03, 0x00, 0x01, 0x01); // SUBACK, remaining length 3, packet id 1, granted QoS 1
    assertEquals(1, granted.getNow(null));
    assertEquals(List.of(1), ec.events.ofType(SubAckReceived.class).get(0).reasonCodes());
    SubscribeSent sent = ec.events.ofType(SubscribeSent.class).get(0);
    assertEquals("a/#", sent.topicFilter());
    assertEquals(1, sent.packetId());
    assertEquals(1, sent.qos());
  }

  @Test
  void publishQos0CompletesWhenWritten() {
    EmbeddedConnection ec = connected();
    var done = ec.connection.publish("t", bytes('h', 'i'), 0, true);
    assertArrayEquals(bytes(0x31, 0x05, 0x00, 0x01, 't', 'h', 'i'), ec.outbound()); // PUBLISH QoS 0 retain
    assertTrue(done.isDone());
    PublishSent sent = ec.events.ofType(PublishSent.class).get(0);
    assertEquals("t", sent.topic());
    assertEquals(0, sent.qos());
    assertArrayEquals(bytes('h', 'i'), sent.payload());
  }

  @Test
  void publishQos1CompletesOnPuback() {
    EmbeddedConnection ec = connected();
    var done = ec.connection.publish("t", bytes('h', 'i'), 1, false);
    // PUBLISH QoS 1 (0x32), remaining length 7: topic "t", packet id 1, payload "hi"
    assertArrayEquals(bytes(0x32, 0x07, 0x00, 0x01, 't', 0x00, 0x01, 'h', 'i'), ec.outbound());
    assertFalse(done.isDone());
    ec.inbound(0x40, 0x02, 0x00, 0x01); // PUBACK, remaining length 2, packet id 1
    assertTrue(done.isDone() && !done.isCompletedExceptionally());
    assertEquals(1, ec.events.ofType(PubAckReceived.class).size());
  }

  @Test
  void publishQos2CompletesOnPubcomp() {
    EmbeddedConnection ec = connected();
    var done = ec.connection.publish("t", bytes('x'), 2, false);
    ec.outbound();
    ec.inbound(0x50, 0x02, 0x00, 0x01); // PUBREC, packet id 1
    assertArrayEquals(bytes(0x62, 0x02, 0x00, 0x01), ec.outbound()); // PUBREL (flags 0010), packet id 1
    assertFalse(done.isDone());
    ec.inbound(0x70, 0x02, 0x00, 0x01); // PUBCOMP, packet id 1
    assertTrue(done.isDone() && !done.isCompletedExceptionally());
  }

  @Test
  void incomingQos1IsAcknowledged() {
    EmbeddedConnection ec = connected();
    ec.inbound(0x32, 0x07, 0x00, 0x01, 't', 0x00, 0x07, 'h', 'i'); // PUBLISH QoS 1, topic "t", id 7, "hi"
    assertArrayEquals(bytes(0x40, 0x02, 0x00, 0x07), ec.outbound()); // PUBACK, packet id 7
    PublishReceived received = ec.events.ofType(PublishReceived.class).get(0);
    assertEquals("t", received.topic());
    assertEquals(1, received.qos());
    assertArrayEquals(bytes('h', 'i'), received.payload());
  }

  @Test
  void incomingQos2Handshake() {
    EmbeddedConnection ec = connected();
    ec.inbound(0x34, 0x07, 0x00, 0x01, 't', 0x00, 0x09, 'h', 'i'); // PUBLISH QoS 2, id 9
    assertArrayEquals(bytes(0x50, 0x02, 0x00, 0x09), ec.outbound()); // PUBREC, id 9
    ec.inbound(0x3C, 0x07, 0x00, 0x01, 't', 0x00, 0x09, 'h', 'i'); // the same PUBLISH again, DUP set
    assertArrayEquals(bytes(0x50, 0x02, 0x00, 0x09), ec.outbound());
    assertEquals(1, ec.events.ofType(PublishReceived.class).size(), "a redelivery is not a new message");
    ec.inbound(0x62, 0x02, 0x00, 0x09); // PUBREL, id 9
    assertArrayEquals(bytes(0x70, 0x02, 0x00, 0x09), ec.outbound()); // PUBCOMP, id 9
  }

  @Test
  void pendingPublishFailsWhenTheConnectionCloses() {
    EmbeddedConnection ec = connected();
    var done = ec.connection.publish("t", bytes('x'), 1, false);
    ec.channel.close();
    ec.channel.runPendingTasks();
    assertTrue(done.isCompletedExceptionally());
  }

  @Test
  void publishWhenNotConnectedFailsWithReason() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    var done = ec.connection.publish("t", bytes('x'), 0, false);
    var e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
        () -> done.get(1, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals("publish() needs a CONNECTED connection, state is DISCONNECTED", e.getCause().getMessage());
  }

  @Test
  void invalidQosIsRejected() {
    EmbeddedConnection ec = connected();
    assertTrue(ec.connection.publish("t", bytes('x'), 3, false).isCompletedExceptionally());
    assertTrue(ec.connection.subscribe("t", -1).isCompletedExceptionally());
    assertArrayEquals(new byte[0], ec.outbound());
  }
}
