package org.mqttchaos.client;

import org.mqttchaos.client.ConnectionEvent.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqttchaos.client.ConnAckTest.assertOneClosed;
import static org.mqttchaos.client.EmbeddedConnection.bytes;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every way an established connection ends, and the cause its single CLOSED event carries. */
class CloseAttributionTest {

  private static EmbeddedConnection connected(MqttVersion version) {
    EmbeddedConnection ec = new EmbeddedConnection(version);
    ec.connectAccepted(EmbeddedConnection.options("c1", true, 30));
    return ec;
  }

  @Test
  void gracefulDisconnectWritesDisconnectThenCloses() {
    EmbeddedConnection ec = connected(MqttVersion.V3_1_1);
    var done = ec.connection.disconnect();
    assertArrayEquals(bytes(0xE0, 0x00), ec.outbound()); // DISCONNECT, remaining length 0
    assertTrue(done.isDone());
    assertFalse(ec.channel.isOpen());
    List<Class<?>> types = ec.events.types();
    assertEquals(List.of(DisconnectSent.class, Closed.class), types.subList(types.size() - 2, types.size()));
    assertOneClosed(ec, CloseCause.GRACEFUL_BY_CLIENT);
  }

  @Test
  void abruptFinSendsNothing() {
    EmbeddedConnection ec = connected(MqttVersion.V3_1_1);
    assertTrue(ec.connection.closeAbruptly(AbruptMode.FIN).isDone());
    assertArrayEquals(new byte[0], ec.outbound());
    assertOneClosed(ec, CloseCause.ABRUPT_FIN_BY_CLIENT);
  }

  @Test
  void abruptRst() {
    EmbeddedConnection ec = connected(MqttVersion.V3_1_1);
    ec.connection.closeAbruptly(AbruptMode.RST);
    assertArrayEquals(new byte[0], ec.outbound());
    assertOneClosed(ec, CloseCause.ABRUPT_RST_BY_CLIENT);
  }

  @Test
  void abruptCloseBeforeConnackFailsTheConnect() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    var result = ec.connection.connect(EmbeddedConnection.options("c1", true, 30));
    ec.connection.closeAbruptly(AbruptMode.FIN);
    assertEquals("closed by the client (ABRUPT_FIN_BY_CLIENT) before CONNACK", result.getNow(null).failure());
    assertOneClosed(ec, CloseCause.ABRUPT_FIN_BY_CLIENT);
  }

  @Test
  void peerCloseIsByBroker() {
    EmbeddedConnection ec = connected(MqttVersion.V3_1_1);
    ec.channel.close();
    ec.channel.runPendingTasks();
    assertOneClosed(ec, CloseCause.BY_BROKER);
  }

  @Test
  void resetByPeerIsByBroker() {
    EmbeddedConnection ec = connected(MqttVersion.V3_1_1);
    ec.channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
    ec.channel.runPendingTasks();
    assertOneClosed(ec, CloseCause.BY_BROKER);
    assertEquals("Connection reset by peer", ec.events.ofType(Closed.class).get(0).detail());
  }

  @Test
  void mqtt5TakeoverDisconnect() {
    EmbeddedConnection ec = connected(MqttVersion.V5);
    ec.inbound(0xE0, 0x02, 0x8E, 0x00); // DISCONNECT, remaining length 2, reason 0x8E session taken over, no props
    DisconnectReceived received = ec.events.ofType(DisconnectReceived.class).get(0);
    assertEquals(0x8E, received.reasonCode());
    List<Class<?>> types = ec.events.types();
    assertEquals(List.of(DisconnectReceived.class, Closed.class),
        types.subList(types.size() - 2, types.size()));
    assertOneClosed(ec, CloseCause.BY_BROKER);
  }

  /** DISCONNECT 0x8D (keep-alive timeout) tells when the client last wrote, for the keep-alive judgement. */
  @Test
  void mqtt5KeepAliveTimeoutDisconnectCarriesTheLastWrite() {
    EmbeddedConnection ec = connected(MqttVersion.V5);
    long connectWritten = ec.events.ofType(ConnectSent.class).get(0).nanoTime();
    ec.inbound(0xE0, 0x02, 0x8D, 0x00); // DISCONNECT, reason 0x8D keep alive timeout, no properties
    DisconnectReceived received = ec.events.ofType(DisconnectReceived.class).get(0);
    assertEquals(0x8D, received.reasonCode());
    assertEquals(connectWritten, received.lastSentNanos(), "the CONNECT was the last packet written");
    assertOneClosed(ec, CloseCause.BY_BROKER);
    assertEquals(0x8D, ec.events.ofType(Closed.class).get(0).disconnectReason().getAsInt());
  }

  @Test
  void decoderFailureIsAProtocolError() {
    EmbeddedConnection ec = connected(MqttVersion.V3_1_1);
    ec.inbound(0x00, 0x00); // packet type 0 is reserved: the decoder marks the message failed
    assertFalse(ec.channel.isOpen());
    assertOneClosed(ec, CloseCause.PROTOCOL_ERROR);
    assertEquals("protocol error: the broker sent a packet that does not decode (unknown message type: 0)",
        ec.events.ofType(Closed.class).get(0).detail());
    assertNull(ec.events.ofType(Closed.class).get(0).failure(), "an established connection: no failed connect");
  }

  /** A PUBLISH announcing 256 MB after CONNACK closes the connection; the bytes that follow are never buffered. */
  @Test
  void aPublishLargerThanTheClientAcceptsIsAProtocolError() {
    EmbeddedConnection ec = connected(MqttVersion.V3_1_1);
    ec.inbound(0x30, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x05, 't', 'o', 'p', 'i', 'c');
    assertOneClosed(ec, CloseCause.PROTOCOL_ERROR);
    assertTrue(ec.events.ofType(Closed.class).get(0).detail().contains("message length exceeds 1048576"));
  }

  /** A decoder that throws instead of marking its message failed (Netty wraps it in a DecoderException). */
  @Test
  void aDecoderExceptionIsAProtocolError() {
    EmbeddedConnection ec = connected(MqttVersion.V3_1_1);
    ec.channel.pipeline().fireExceptionCaught(new io.netty.handler.codec.DecoderException(
        new IllegalArgumentException("bad remaining length")));
    ec.channel.runPendingTasks();
    assertOneClosed(ec, CloseCause.PROTOCOL_ERROR);
    assertEquals("protocol error: the broker sent a packet that does not decode (bad remaining length)",
        ec.events.ofType(Closed.class).get(0).detail());
  }

  @Test
  void unexpectedExceptionClosesWithError() {
    EmbeddedConnection ec = connected(MqttVersion.V3_1_1);
    ec.channel.pipeline().fireExceptionCaught(new IllegalStateException("boom"));
    ec.channel.runPendingTasks();
    assertOneClosed(ec, CloseCause.ERROR);
    assertEquals("IllegalStateException: boom", ec.events.ofType(Closed.class).get(0).detail());
  }

  @Test
  void ourCauseWinsWhenTheBrokerClosesDuringOurClose() {
    EmbeddedConnection ec = connected(MqttVersion.V3_1_1);
    ec.connection.goSilent();
    ec.connection.closeAbruptly(AbruptMode.RST);
    ec.channel.close();
    assertOneClosed(ec, CloseCause.ABRUPT_RST_BY_CLIENT);
  }

  @Test
  void disconnectWhileConnectingIsRefused() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connection.connect(EmbeddedConnection.options("c1", true, 30));
    assertTrue(ec.connection.disconnect().isCompletedExceptionally());
    assertEquals(ConnectionState.MQTT_CONNECTING, ec.connection.state());
  }
}
