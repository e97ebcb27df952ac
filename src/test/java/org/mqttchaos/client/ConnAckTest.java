package org.mqttchaos.client;

import org.mqttchaos.client.ConnectionEvent.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a connect attempt ends: CONNACK accepted or refused, no CONNACK, TCP refused or timed out. */
class ConnAckTest {

  @Test
  void acceptedWithSessionPresent() throws Exception {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    var result = ec.connection.connect(EmbeddedConnection.options("c1", false, 30));
    ec.outbound();
    ec.inbound(0x20, 0x02, 0x01, 0x00); // CONNACK, remaining length 2, session present 1, return code 0
    ConnectResult r = result.getNow(null);
    assertTrue(r.connected());
    assertTrue(r.sessionPresent());
    assertEquals(0, r.returnCode());
    assertTrue(r.connectNanos() >= 0 && r.tcpConnectNanos() >= 0);
    ConnAckReceived connack = ec.events.ofType(ConnAckReceived.class).get(0);
    assertTrue(connack.sessionPresent());
    assertEquals(0, connack.code());
    assertEquals(ConnectionState.CONNECTED, ec.connection.state());
    assertEquals(connack.nanoTime() - ec.events.ofType(ConnectSent.class).get(0).nanoTime(), connack.connectNanos());
    assertEquals(false, connack.reconnect());
    assertEquals(0, ec.connection.attempt().number());
  }

  @Test
  void refusedCodeFailsTheAttemptAndCloses() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    var result = ec.connection.connect(EmbeddedConnection.options("c1", true, 30));
    ec.inbound(0x20, 0x02, 0x00, 0x05); // CONNACK, session present 0, return code 5 = not authorized
    ConnectResult r = result.getNow(null);
    assertFalse(r.connected());
    assertEquals(5, r.returnCode());
    assertEquals("CONNACK refused: 0x05 (CONNECTION_REFUSED_NOT_AUTHORIZED)", r.failure());
    assertFalse(ec.channel.isOpen());
    assertOneClosed(ec, CloseCause.CONNECT_FAILED, ConnectFailure.CONNACK_REFUSED);
  }

  /** Whoever goes on from a refusal (a user's next action) finds the connection closing, not still connecting. */
  @Test
  void aRefusalIsTheCloseAlreadyUnderWayWhenTheCallerHearsOfIt() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    List<ConnectionState> seen = new java.util.ArrayList<>();
    ec.connection.connect(EmbeddedConnection.options("c1", true, 30))
        .thenAccept(r -> seen.add(ec.connection.state()));
    ec.inbound(0x20, 0x02, 0x00, 0x05);
    assertEquals(List.of(ConnectionState.CLOSING), seen);
    assertTrue(ec.events.ofType(Unexpected.class).isEmpty(), ec.events.types().toString());
  }

  /** A CONNACK header announcing 268 MB: the attempt fails as a protocol error, and nothing of it is read. */
  @Test
  void aConnackLargerThanTheClientAcceptsIsAProtocolError() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    var result = ec.connection.connect(EmbeddedConnection.options("c1", true, 30));
    ec.inbound(0x20, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x00);
    ConnectResult r = result.getNow(null);
    assertFalse(r.connected());
    assertEquals("protocol error: the broker sent a packet that does not decode (message length exceeds 1048576:"
        + " 268435455)", r.failure());
    assertFalse(ec.channel.isOpen());
    assertOneClosed(ec, CloseCause.PROTOCOL_ERROR, ConnectFailure.PROTOCOL_ERROR);
  }

  @Test
  void mqtt5RefusedReasonCode() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    var result = ec.connection.connect(EmbeddedConnection.options("c1", true, 30));
    ec.inbound(0x20, 0x03, 0x00, 0x87, 0x00); // CONNACK, flags 0, reason 0x87 not authorized, no properties
    assertEquals(0x87, result.getNow(null).returnCode());
    assertEquals(0x87, ec.events.ofType(ConnAckReceived.class).get(0).code());
    assertOneClosed(ec, CloseCause.CONNECT_FAILED, ConnectFailure.CONNACK_REFUSED);
  }

  @Test
  void noConnackWithinTimeout() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    var result = ec.connection.connect(EmbeddedConnection.options("c1", true, 30));
    ec.advanceSeconds(9);
    assertFalse(result.isDone());
    ec.advanceSeconds(1);
    assertEquals("no CONNACK within 10s", result.getNow(null).failure());
    assertEquals(1, ec.events.ofType(ConnAckTimeout.class).size());
    assertFalse(ec.channel.isOpen());
    assertOneClosed(ec, CloseCause.CONNECT_FAILED, ConnectFailure.CONNACK_TIMEOUT);
  }

  @Test
  void tcpRefused() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1,
        ch -> ch.newFailedFuture(new ConnectException("Connection refused: /127.0.0.1:1883")));
    var result = ec.connection.connect(EmbeddedConnection.options("c1", true, 30));
    assertEquals("TCP connect to 127.0.0.1:1883 failed: Connection refused", result.getNow(null).failure());
    assertEquals(-1, result.getNow(null).tcpConnectNanos());
    assertEquals(List.of(TcpConnectStarted.class, TcpConnectFailed.class, Closed.class),
        ec.events.types());
    assertOneClosed(ec, CloseCause.CONNECT_FAILED, ConnectFailure.TCP_REFUSED);
  }

  @Test
  void tcpConnectTimesOut() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1, ch -> ch.newPromise()); // never completes
    var result = ec.connection.connect(EmbeddedConnection.options("c1", true, 30));
    ec.advanceSeconds(10);
    assertEquals("TCP connect to 127.0.0.1:1883 timed out after 10s", result.getNow(null).failure());
    assertOneClosed(ec, CloseCause.CONNECT_FAILED, ConnectFailure.TCP_TIMEOUT);
  }

  @Test
  void brokerClosesBeforeConnack() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    var result = ec.connection.connect(EmbeddedConnection.options("c1", true, 30));
    ec.channel.close();
    ec.channel.runPendingTasks();
    assertEquals("connection closed by the broker before CONNACK", result.getNow(null).failure());
    assertOneClosed(ec, CloseCause.CONNECT_FAILED, ConnectFailure.CLOSED_BEFORE_CONNACK);
  }

  @Test
  void connectWhileConnectedIsRefusedAndRecorded() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connectAccepted(EmbeddedConnection.options("c1", true, 30));
    ConnectResult second = ec.connection.connect(EmbeddedConnection.options("c1", true, 30)).getNow(null);
    assertFalse(second.connected());
    assertTrue(second.failure().contains("CONNECTED"), second.failure());
    assertEquals(1, ec.events.ofType(Unexpected.class).size());
    assertEquals(ConnectionState.CONNECTED, ec.connection.state());
    assertEquals(0, ec.connection.attempt().number());
  }

  @Test
  void secondConnackIsRecordedAsUnexpected() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connectAccepted(EmbeddedConnection.options("c1", true, 30));
    ec.inbound(0x20, 0x02, 0x00, 0x00);
    Unexpected unexpected = ec.events.ofType(Unexpected.class).get(0);
    assertEquals("CONNACK while CONNECTED", unexpected.detail());
    assertEquals(ConnectionState.CONNECTED, ec.connection.state());
  }

  /** ... for an attempt that failed, with the reason summary.json counts it under. */
  static void assertOneClosed(EmbeddedConnection ec, CloseCause cause, ConnectFailure failure) {
    assertOneClosed(ec, cause);
    assertEquals(failure, ec.events.ofType(Closed.class).get(0).failure());
  }

  static void assertOneClosed(EmbeddedConnection ec, CloseCause cause) {
    List<Closed> closed = ec.events.ofType(Closed.class);
    assertEquals(1, closed.size(), "exactly one CLOSED per attempt: " + ec.events.types());
    assertEquals(cause, closed.get(0).cause(), closed.get(0).detail());
    assertEquals(ConnectionState.DISCONNECTED, ec.connection.state());
    assertTrue(ec.connection.closed().isDone());
    assertEquals(closed.get(0), ec.connection.closed().getNow(null));
  }
}
