package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqttchaos.client.EmbeddedConnection.bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.MessageAbandoned;
import org.mqttchaos.client.ConnectionEvent.PubAckReceived;
import org.mqttchaos.client.ConnectionEvent.PubRelReceived;
import org.mqttchaos.client.ConnectionEvent.PubRelResent;
import org.mqttchaos.client.ConnectionEvent.PublishNotSent;
import org.mqttchaos.client.ConnectionEvent.PublishReceived;
import org.mqttchaos.client.ConnectionEvent.PublishResent;
import org.mqttchaos.client.ConnectionEvent.PublishSent;
import org.mqttchaos.client.ConnectionEvent.UnsubAckReceived;
import org.mqttchaos.client.ConnectionEvent.UnsubscribeSent;

/**
 * The client session across connect attempts (MQTT 3.1.1 sections 4.1, 4.4, 4.6; MQTT 5 sections 4.4, 4.9): what a
 * resumption resends, byte for byte, what a lost session abandons, packet identifiers and the in-flight window.
 */
class SessionTest {
  private static final ConnectOptions PERSISTENT = EmbeddedConnection.options("p1", false, 0);
  private static final ConnectOptions CLEAN = EmbeddedConnection.options("c1", true, 0);

  private static EmbeddedConnection connected(ConnectOptions options) {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connectAccepted(options, false);
    return ec;
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertTrue(f.isCompletedExceptionally(), "failed: " + f);
    try {
      f.join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void aPublishWhoseWriteFailsIsReportedNotSentNeverSent() {
    EmbeddedConnection ec = connected(CLEAN);
    ec.channel.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
      @Override
      public void write(io.netty.channel.ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise p) {
        io.netty.util.ReferenceCountUtil.release(msg);
        p.setFailure(new java.nio.channels.ClosedChannelException()); // the socket closed under the write
      }
    });
    var qos1 = ec.connection.publish("t", bytes('a'), 1, false);
    var qos0 = ec.connection.publish("t", bytes('b'), 0, false);

    assertInstanceOf(java.nio.channels.ClosedChannelException.class, failure(qos1));
    assertInstanceOf(java.nio.channels.ClosedChannelException.class, failure(qos0));
    assertEquals(List.of(), ec.events.ofType(PublishSent.class));
    List<PublishNotSent> notSent = ec.events.ofType(PublishNotSent.class);
    assertEquals(List.of(1, 0), notSent.stream().map(PublishNotSent::qos).toList());
    assertEquals(List.of(PublishNotSent.Cause.WRITE_FAILED, PublishNotSent.Cause.WRITE_FAILED),
        notSent.stream().map(PublishNotSent::cause).toList());
    var next = ec.connection.publish("t", bytes('c'), 1, false); // the packet identifier and the window were freed
    assertEquals(PublishNotSent.Cause.WRITE_FAILED, ec.events.ofType(PublishNotSent.class).get(2).cause());
    assertTrue(next.isCompletedExceptionally());
  }

  @Test
  void unacknowledgedQos1PublishIsResentWithDupOnSessionPresent() {
    EmbeddedConnection ec = connected(PERSISTENT);
    var done = ec.connection.publish("t", bytes('h', 'i'), 1, false);
    assertArrayEquals(bytes(0x32, 0x07, 0x00, 0x01, 't', 0x00, 0x01, 'h', 'i'), ec.outbound());
    ec.brokerCloses();
    assertFalse(done.isDone(), "a persistent session's message outlives the connection");
    assertEquals(List.of(), ec.events.ofType(MessageAbandoned.class));

    ec.connectAccepted(PERSISTENT, true);
    // The same PUBLISH, DUP set (0x3A = 0x32 | 0x08), same packet id 1
    assertArrayEquals(bytes(0x3A, 0x07, 0x00, 0x01, 't', 0x00, 0x01, 'h', 'i'), ec.outbound());
    PublishResent resent = ec.events.ofType(PublishResent.class).get(0);
    assertEquals(1, resent.packetId());
    assertEquals(1, resent.attempt().number(), "resent on the resuming attempt");
    assertArrayEquals(bytes('h', 'i'), resent.payload());
    ec.inbound(0x40, 0x02, 0x00, 0x01); // PUBACK id 1
    assertTrue(done.isDone() && !done.isCompletedExceptionally());
    assertEquals(1, ec.events.ofType(PubAckReceived.class).size());
    assertEquals(1, ec.events.ofType(PublishSent.class).size(), "a resend is not a new PublishSent");
  }

  @Test
  void qos2PublishWithoutPubRecIsResentWithDup() {
    EmbeddedConnection ec = connected(PERSISTENT);
    var done = ec.connection.publish("t", bytes('x'), 2, false);
    ec.outbound();
    ec.brokerCloses();
    ec.connectAccepted(PERSISTENT, true);
    assertArrayEquals(bytes(0x3C, 0x06, 0x00, 0x01, 't', 0x00, 0x01, 'x'), ec.outbound()); // QoS 2, DUP
    ec.inbound(0x50, 0x02, 0x00, 0x01); // PUBREC
    assertArrayEquals(bytes(0x62, 0x02, 0x00, 0x01), ec.outbound()); // PUBREL
    ec.inbound(0x70, 0x02, 0x00, 0x01); // PUBCOMP
    assertTrue(done.isDone() && !done.isCompletedExceptionally());
  }

  @Test
  void pendingPubRelIsResentOnSessionPresent() {
    EmbeddedConnection ec = connected(PERSISTENT);
    var done = ec.connection.publish("t", bytes('x'), 2, false);
    ec.outbound();
    ec.inbound(0x50, 0x02, 0x00, 0x01); // PUBREC id 1
    assertArrayEquals(bytes(0x62, 0x02, 0x00, 0x01), ec.outbound()); // PUBREL
    ec.brokerCloses(); // before PUBCOMP
    ec.connectAccepted(PERSISTENT, true);
    assertArrayEquals(bytes(0x62, 0x02, 0x00, 0x01), ec.outbound(), "PUBREL again, not the PUBLISH");
    assertEquals(1, ec.events.ofType(PubRelResent.class).size());
    assertEquals(List.of(), ec.events.ofType(PublishResent.class));
    assertFalse(done.isDone());
    ec.inbound(0x70, 0x02, 0x00, 0x01); // PUBCOMP id 1
    assertTrue(done.isDone() && !done.isCompletedExceptionally());
  }

  /** PUBLISH again in send order, PUBREL in PUBREC order (MQTT 3.1.1 section 4.6), all before any new PUBLISH. */
  @Test
  void resumptionKeepsTheOriginalOrder() {
    EmbeddedConnection ec = connected(PERSISTENT);
    ec.connection.publish("t", bytes('a'), 2, false); // id 1
    ec.connection.publish("t", bytes('b'), 1, false); // id 2
    ec.connection.publish("t", bytes('c'), 2, false); // id 3
    ec.outbound();
    ec.inbound(0x50, 0x02, 0x00, 0x03); // PUBREC id 3
    ec.inbound(0x50, 0x02, 0x00, 0x01); // PUBREC id 1
    ec.outbound();
    ec.brokerCloses();
    CompletableFuture<ConnectResult> resumed = ec.connection.connect(PERSISTENT);
    ec.outbound();
    resumed.thenRun(() -> ec.connection.publish("t", bytes('d'), 1, false)); // a caller going on at once
    ec.inbound(0x20, 0x02, 0x01, 0x00); // CONNACK, session present
    assertArrayEquals(bytes(
        0x3A, 0x06, 0x00, 0x01, 't', 0x00, 0x02, 'b',   // PUBLISH id 2 again, DUP
        0x62, 0x02, 0x00, 0x03,                         // PUBREL id 3 (its PUBREC came first)
        0x62, 0x02, 0x00, 0x01,                         // PUBREL id 1
        0x32, 0x06, 0x00, 0x01, 't', 0x00, 0x04, 'd'),  // the new message: id 4, no DUP
        ec.outbound());
  }

  @Test
  void packetIdsInFlightAreNotReusedAcrossAttempts() {
    EmbeddedConnection ec = connected(PERSISTENT);
    ec.connection.publish("t", bytes('a'), 1, false); // id 1
    ec.connection.publish("t", bytes('b'), 1, false); // id 2
    ec.outbound();
    ec.inbound(0x40, 0x02, 0x00, 0x02); // PUBACK id 2: free again
    ec.brokerCloses();
    ec.connectAccepted(PERSISTENT, true);
    ec.outbound();
    ec.connection.publish("t", bytes('c'), 1, false);
    assertEquals(3, ec.events.ofType(PublishSent.class).get(2).packetId(), "the id counter is the session's");
  }

  @Test
  void aFreedIdIsHandedOutAgainOnlyWhenFree() {
    InFlight ids = new InFlight();
    for (int i = 1; i <= InFlight.MAX_ID; i++) {
      assertEquals(i, ids.register("m" + i));
    }
    assertEquals(-1, ids.register("one too many"));
    ids.remove(7);
    ids.remove(3);
    assertEquals(3, ids.register("x"), "after 65535 comes 1, 2 (taken), then 3, free");
    assertEquals(7, ids.register("y"));
    assertEquals(-1, ids.register("z"));
  }

  @Test
  void sessionPresent0AbandonsTheUnacknowledgedMessages() {
    EmbeddedConnection ec = connected(PERSISTENT);
    var done = ec.connection.publish("t", bytes('h', 'i'), 1, false);
    var released = ec.connection.publish("t", bytes('x'), 2, false);
    ec.outbound();
    ec.inbound(0x50, 0x02, 0x00, 0x02); // PUBREC id 2
    ec.outbound();
    ec.brokerCloses();
    ec.connectAccepted(PERSISTENT, false); // the broker lost the session
    assertArrayEquals(new byte[0], ec.outbound(), "nothing is resent into a new session");
    List<MessageAbandoned> abandoned = ec.events.ofType(MessageAbandoned.class);
    assertEquals(2, abandoned.size());
    assertEquals(1, abandoned.get(0).packetId());
    assertEquals(1, abandoned.get(0).qos());
    assertArrayEquals(bytes('h', 'i'), abandoned.get(0).payload());
    assertFalse(abandoned.get(0).released());
    assertTrue(abandoned.get(1).released(), "the QoS 2 message's PUBREC had come");
    assertTrue(abandoned.get(0).reason().contains("session present = 0"), abandoned.get(0).reason());
    Throwable why = failure(done);
    assertInstanceOf(MessageAbandonedException.class, why);
    assertEquals("QoS 1 message (packet id 1) abandoned unacknowledged: the reconnect's CONNACK said session"
        + " present = 0: the broker kept no session", why.getMessage());
    assertInstanceOf(MessageAbandonedException.class, failure(released));
    assertEquals(0, ec.connection.flows().inFlight(), "the window is free again");
    ec.inbound(0x40, 0x02, 0x00, 0x01); // a late PUBACK for the old id 1 is not ours any more
    assertEquals(1, ec.events.ofType(ConnectionEvent.Unexpected.class).size());
  }

  @Test
  void aCleanSessionAbandonsItsMessagesWhenTheConnectionCloses() {
    EmbeddedConnection ec = connected(CLEAN);
    var done = ec.connection.publish("t", bytes('x'), 1, false);
    ec.outbound();
    ec.brokerCloses();
    assertInstanceOf(MessageAbandonedException.class, failure(done));
    List<Class<?>> types = ec.events.types();
    assertEquals(List.of(MessageAbandoned.class, Closed.class), types.subList(types.size() - 2, types.size()),
        "abandoned before the attempt's Closed event");
    assertTrue(ec.events.ofType(MessageAbandoned.class).get(0).reason().contains("clean session = 1"));
  }

  @Test
  void aMqtt5SessionWithExpiryIsResumed() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    ConnectOptions options = new ConnectOptions("p5", false, 0, null, null, null, 300);
    ec.connectAccepted(options, false);
    var done = ec.connection.publish("t", bytes('x'), 1, false);
    // MQTT 5 PUBLISH: properties length 0 after the packet id
    assertArrayEquals(bytes(0x32, 0x07, 0x00, 0x01, 't', 0x00, 0x01, 0x00, 'x'), ec.outbound());
    ec.brokerCloses();
    assertFalse(done.isDone());
    ec.connectAccepted(options, true);
    assertArrayEquals(bytes(0x3A, 0x07, 0x00, 0x01, 't', 0x00, 0x01, 0x00, 'x'), ec.outbound());
    ec.inbound(0x40, 0x02, 0x00, 0x01);
    assertTrue(done.isDone() && !done.isCompletedExceptionally());
  }

  @Test
  void aMqtt5SessionWithoutExpiryEndsWithTheConnection() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    ec.connectAccepted(new ConnectOptions("p5", false, 0, null, null, null, 0), false);
    var done = ec.connection.publish("t", bytes('x'), 1, false);
    ec.brokerCloses();
    assertInstanceOf(MessageAbandonedException.class, failure(done));
    assertTrue(ec.events.ofType(MessageAbandoned.class).get(0).reason().contains("Session Expiry Interval 0"));
  }

  @Test
  void theBrokersQos2IdAwaitingPubRelSurvivesTheReconnect() {
    EmbeddedConnection ec = connected(PERSISTENT);
    ec.inbound(0x34, 0x07, 0x00, 0x01, 't', 0x00, 0x09, 'h', 'i'); // PUBLISH QoS 2, id 9
    assertArrayEquals(bytes(0x50, 0x02, 0x00, 0x09), ec.outbound()); // PUBREC
    ec.brokerCloses();
    ec.connectAccepted(PERSISTENT, true);
    ec.inbound(0x3C, 0x07, 0x00, 0x01, 't', 0x00, 0x09, 'h', 'i'); // the broker resends it, DUP
    assertArrayEquals(bytes(0x50, 0x02, 0x00, 0x09), ec.outbound());
    assertEquals(1, ec.events.ofType(PublishReceived.class).size(), "delivered once across the reconnect");
    ec.inbound(0x62, 0x02, 0x00, 0x09); // PUBREL
    assertArrayEquals(bytes(0x70, 0x02, 0x00, 0x09), ec.outbound());
    assertEquals(1, ec.events.ofType(PubRelReceived.class).size());
  }

  @Test
  void aNewSessionForgetsTheBrokersQos2Ids() {
    EmbeddedConnection ec = connected(PERSISTENT);
    ec.inbound(0x34, 0x07, 0x00, 0x01, 't', 0x00, 0x09, 'h', 'i');
    ec.outbound();
    ec.brokerCloses();
    ec.connectAccepted(PERSISTENT, false);
    ec.inbound(0x34, 0x07, 0x00, 0x01, 't', 0x00, 0x09, 'h', 'i'); // id 9 again: a new message of a new session
    assertEquals(2, ec.events.ofType(PublishReceived.class).size());
  }

  @Test
  void theWindowHoldsThe11thPublishWhenReceiveMaximumIs10() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    ec.connection.connect(new ConnectOptions("w", true, 0, null, null, null, 0));
    ec.outbound();
    // CONNACK, remaining length 6: flags 0, reason 0, properties length 3: Receive Maximum (0x21) = 10
    ec.inbound(0x20, 0x06, 0x00, 0x00, 0x03, 0x21, 0x00, 0x0A);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int i = 1; i <= 11; i++) {
      done.add(ec.connection.publish("t", bytes(i), 1, false));
    }
    assertEquals(10 * 9, ec.outbound().length, "ten PUBLISH packets of 9 bytes, the 11th held");
    assertEquals(10, ec.events.ofType(PublishSent.class).size());
    assertEquals(1, ec.connection.flows().queued());
    ec.inbound(0x40, 0x02, 0x00, 0x05); // PUBACK id 5 frees one place
    assertArrayEquals(bytes(0x32, 0x07, 0x00, 0x01, 't', 0x00, 0x0B, 0x00, 11), ec.outbound());
    assertTrue(done.get(4).isDone());
    assertFalse(done.get(10).isDone());
    assertEquals(10, ec.connection.flows().inFlight());
    assertEquals(0, ec.connection.flows().queued());
  }

  @Test
  void receiveMaximumDefaults() {
    ConnectOptions options = new ConnectOptions("c", true, 0, null, null, null, 0);
    assertEquals(65_535, ConnAckValues.of(options, MqttVersion.V5,
        io.netty.handler.codec.mqtt.MqttProperties.NO_PROPERTIES).receiveMaximum());
  }

  @Test
  void aFullQueueFailsThePublishAndSaysSo() {
    EmbeddedConnection ec = connected(CLEAN);
    for (int i = 0; i < QosFlows.V3_WINDOW + QosFlows.MAX_QUEUED; i++) {
      ec.connection.publish("t", bytes('x'), 1, false);
    }
    var refused = ec.connection.publish("t", bytes('y'), 1, false);
    assertEquals("publish queue full: 1000 messages already wait for the in-flight window of 100 unacknowledged"
        + " (the 3.1.1 default)", failure(refused).getMessage());
    List<PublishNotSent> notSent = ec.events.ofType(PublishNotSent.class);
    assertEquals(1, notSent.size());
    assertArrayEquals(bytes('y'), notSent.get(0).payload());
    assertEquals(QosFlows.V3_WINDOW, ec.events.ofType(PublishSent.class).size());
  }

  @Test
  void queuedMessagesOfAPersistentSessionGoOutAfterTheReconnect() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    ConnectOptions options = new ConnectOptions("q", false, 0, null, null, null, 60);
    ec.connection.connect(options);
    ec.outbound();
    ec.inbound(0x20, 0x06, 0x00, 0x00, 0x03, 0x21, 0x00, 0x01); // Receive Maximum 1
    var first = ec.connection.publish("t", bytes('a'), 1, false);
    var second = ec.connection.publish("t", bytes('b'), 1, false);
    ec.outbound();
    ec.brokerCloses();
    ec.connectAccepted(options, true); // no Receive Maximum now: 65,535
    assertArrayEquals(bytes(
        0x3A, 0x07, 0x00, 0x01, 't', 0x00, 0x01, 0x00, 'a',   // resent, DUP
        0x32, 0x07, 0x00, 0x01, 't', 0x00, 0x02, 0x00, 'b'),  // sent for the first time
        ec.outbound());
    ec.inbound(0x40, 0x02, 0x00, 0x01);
    ec.inbound(0x40, 0x02, 0x00, 0x02);
    assertTrue(first.isDone() && second.isDone() && !second.isCompletedExceptionally());
  }

  @Test
  void abandonSessionFailsWhatWaitsForAResumption() {
    EmbeddedConnection ec = connected(PERSISTENT);
    var done = ec.connection.publish("t", bytes('x'), 1, false);
    ec.outbound();
    ec.brokerCloses();
    assertTrue(ec.connection.abandonSession("the virtual user ended").isDone());
    assertEquals("QoS 1 message (packet id 1) abandoned unacknowledged: the virtual user ended",
        failure(done).getMessage());
    assertEquals(1, ec.events.ofType(MessageAbandoned.class).size());
  }

  @Test
  void unsubscribeCompletesOnUnsubAck() {
    EmbeddedConnection ec = connected(CLEAN);
    var done = ec.connection.unsubscribe("a/#");
    assertArrayEquals(bytes(
        0xA2, 0x07,                     // UNSUBSCRIBE (flags 0010), remaining length 7
        0x00, 0x01,                     // packet id 1
        0x00, 0x03, 'a', '/', '#'),     // topic filter
        ec.outbound());
    assertFalse(done.isDone());
    ec.inbound(0xB0, 0x02, 0x00, 0x01); // UNSUBACK id 1
    assertEquals(0, done.getNow(-1));
    UnsubscribeSent sent = ec.events.ofType(UnsubscribeSent.class).get(0);
    assertEquals("a/#", sent.topicFilter());
    assertEquals(1, sent.packetId());
    assertEquals(List.of(), ec.events.ofType(UnsubAckReceived.class).get(0).reasonCodes());
  }

  @Test
  void mqtt5UnsubAckGivesItsReasonCode() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    ec.connectAccepted(EmbeddedConnection.options("u5", true, 0));
    var done = ec.connection.unsubscribe("a/#");
    ec.outbound();
    ec.inbound(0xB0, 0x04, 0x00, 0x01, 0x00, 0x11); // UNSUBACK id 1, no properties, 0x11 no subscription existed
    assertEquals(0x11, done.getNow(-1));
    assertEquals(List.of(0x11), ec.events.ofType(UnsubAckReceived.class).get(0).reasonCodes());
  }

  @Test
  void anUnsubscribeWithoutUnsubAckFailsWhenTheConnectionCloses() {
    EmbeddedConnection ec = connected(PERSISTENT);
    var done = ec.connection.unsubscribe("a/#");
    ec.brokerCloses();
    assertEquals("connection closed (BY_BROKER) before the UNSUBACK", failure(done).getMessage());
  }

  @Test
  void aRefusingPubRecEndsTheFlowWithoutPubRel() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    ec.connectAccepted(EmbeddedConnection.options("r5", true, 0));
    var done = ec.connection.publish("t", bytes('x'), 2, false);
    ec.outbound();
    ec.inbound(0x50, 0x03, 0x00, 0x01, 0x87); // PUBREC id 1, reason 0x87 not authorized
    assertArrayEquals(new byte[0], ec.outbound(), "no PUBREL after a refusing PUBREC");
    assertEquals("PUBREC reason 0x87: the broker refused the QoS 2 message (packet id 1)", failure(done).getMessage());
    assertEquals(0, ec.connection.flows().inFlight());
  }

  @Test
  void aRefusingPubAckFailsThePublish() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    ec.connectAccepted(EmbeddedConnection.options("r5", true, 0));
    var done = ec.connection.publish("t", bytes('x'), 1, false);
    ec.outbound();
    ec.inbound(0x40, 0x03, 0x00, 0x01, 0x97); // PUBACK id 1, reason 0x97 quota exceeded
    assertEquals("PUBACK reason 0x97: the broker refused the QoS 1 message (packet id 1)", failure(done).getMessage());
    assertEquals(1, ec.events.ofType(PubAckReceived.class).size());
  }

  @Test
  void theConnAcksSessionExpiryDecidesWhetherTheSessionOutlivesTheConnection() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    ec.connection.connect(new ConnectOptions("e5", false, 0, null, null, null, 300));
    ec.outbound();
    // CONNACK, remaining length 8: flags 0, reason 0, properties length 5: Session Expiry Interval (0x11) = 0
    ec.inbound(0x20, 0x08, 0x00, 0x00, 0x05, 0x11, 0x00, 0x00, 0x00, 0x00);
    var done = ec.connection.publish("t", bytes('x'), 1, false);
    ec.brokerCloses();
    assertInstanceOf(MessageAbandonedException.class, failure(done), "the broker said the session ends at close");
  }
}
