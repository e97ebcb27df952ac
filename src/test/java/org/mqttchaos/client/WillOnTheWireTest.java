package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqttchaos.client.EmbeddedConnection.bytes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.ConnectionEvent.Closed;

/** MQTT 5's Will Delay Interval in CONNECT's will properties and DISCONNECT with reason 0x04, byte by byte. */
class WillOnTheWireTest {

  @Test
  void mqtt5WillCarriesItsWillDelayInterval() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    Will will = new Will("w", "bye".getBytes(StandardCharsets.UTF_8), 1, false, 3);
    ec.connection.connect(new ConnectOptions("c1", false, 30, null, null, will, 300));
    assertArrayEquals(bytes(
        0x10, 0x22,                         // CONNECT, remaining length 34
        0x00, 0x04, 'M', 'Q', 'T', 'T',
        0x05,                               // protocol level 5
        0x0C,                               // flags: will QoS 1 0x08, will 0x04, clean start 0
        0x00, 0x1E,                         // keep-alive 30 s
        0x05,                               // properties length 5
        0x11, 0x00, 0x00, 0x01, 0x2C,       // session expiry interval (0x11) = 300 s
        0x00, 0x02, 'c', '1',               // client ID
        0x05,                               // will properties length 5
        0x18, 0x00, 0x00, 0x00, 0x03,       // Will Delay Interval (0x18) = 3 s
        0x00, 0x01, 'w',                    // will topic
        0x00, 0x03, 'b', 'y', 'e'),         // will payload
        ec.outbound());
  }

  @Test
  void mqtt311WillHasNoProperties() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    Will will = new Will("w", "bye".getBytes(StandardCharsets.UTF_8), 1, false, 3);
    ec.connection.connect(new ConnectOptions("c1", true, 30, null, null, will, 0));
    assertArrayEquals(bytes(
        0x10, 0x16, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x0E, 0x00, 0x1E,
        0x00, 0x02, 'c', '1', 0x00, 0x01, 'w', 0x00, 0x03, 'b', 'y', 'e'),
        ec.outbound());
  }

  @Test
  void disconnectWithWillSendsReasonCode0x04AndIsItsOwnCause() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    ec.connectAccepted(EmbeddedConnection.options("c1", true, 30));
    var done = ec.connection.disconnectWithWill();
    // DISCONNECT, remaining length 2, reason 0x04, properties length 0
    assertArrayEquals(bytes(0xE0, 0x02, 0x04, 0x00), ec.outbound());
    assertTrue(done.isDone());
    assertFalse(ec.channel.isOpen());
    List<ConnectionEvent> closes = ec.events.events().stream().filter(e -> e instanceof Closed).toList();
    assertEquals(1, closes.size());
    assertEquals(CloseCause.GRACEFUL_WITH_WILL_BY_CLIENT, ((Closed) closes.get(0)).cause());
    assertTrue(CloseCause.GRACEFUL_WITH_WILL_BY_CLIENT.graceful());
    assertTrue(CloseCause.GRACEFUL_WITH_WILL_BY_CLIENT.byClient());
  }

  @Test
  void disconnectWithWillIsRefusedOnMqtt311() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connectAccepted(EmbeddedConnection.options("c1", true, 30));
    var done = ec.connection.disconnectWithWill();
    ExecutionException e = assertThrows(ExecutionException.class, done::get);
    assertEquals("DISCONNECT with reason 0x04 (Disconnect with Will Message) needs MQTT 5; this connection speaks"
        + " 3.1.1", e.getCause().getMessage());
    assertArrayEquals(new byte[0], ec.outbound());
    assertTrue(ec.channel.isOpen(), "nothing sent, still connected");
  }
}
