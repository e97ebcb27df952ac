package org.mqttchaos.client;

import org.mqttchaos.client.ConnectionEvent.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mqttchaos.client.EmbeddedConnection.bytes;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CONNECT packet on the wire, byte by byte, for the options a profile can set. */
class ConnectEncodingTest {

  @Test
  void cleanSessionKeepAliveAndClientId() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connection.connect(EmbeddedConnection.options("c1", true, 30));
    assertArrayEquals(bytes(
        0x10, 0x0E,                         // CONNECT, remaining length 14
        0x00, 0x04, 'M', 'Q', 'T', 'T',     // protocol name
        0x04,                               // protocol level 4 = 3.1.1
        0x02,                               // flags: clean session only
        0x00, 0x1E,                         // keep-alive 30 s
        0x00, 0x02, 'c', '1'),              // client ID "c1"
        ec.outbound());
  }

  @Test
  void willUsernameAndPassword() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    Will will = new Will("w", "bye".getBytes(StandardCharsets.UTF_8), 1, true);
    ec.connection.connect(new ConnectOptions("c1", false, 0, "u", "p", will, 0));
    assertArrayEquals(bytes(
        0x10, 0x1C,                         // CONNECT, remaining length 28
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
        0xEC,                               // flags: user 0x80, password 0x40, will retain 0x20,
                                            //        will QoS 1 0x08, will 0x04, clean session 0
        0x00, 0x00,                         // keep-alive 0: no PINGREQ
        0x00, 0x02, 'c', '1',               // client ID
        0x00, 0x01, 'w',                    // will topic
        0x00, 0x03, 'b', 'y', 'e',          // will payload
        0x00, 0x01, 'u',                    // username
        0x00, 0x01, 'p'),                   // password
        ec.outbound());
  }

  @Test
  void mqtt5CarriesSessionExpiryInterval() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V5);
    ec.connection.connect(new ConnectOptions("c1", false, 30, null, null, null, 300));
    assertArrayEquals(bytes(
        0x10, 0x14,                         // CONNECT, remaining length 20
        0x00, 0x04, 'M', 'Q', 'T', 'T',
        0x05,                               // protocol level 5
        0x00,                               // flags: clean start 0
        0x00, 0x1E,                         // keep-alive 30 s
        0x05,                               // properties length 5
        0x11, 0x00, 0x00, 0x01, 0x2C,       // session expiry interval (0x11) = 300 s
        0x00, 0x02, 'c', '1'),
        ec.outbound());
  }

  @Test
  void connectSentIsStampedAndFollowsTcpConnected() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connection.connect(EmbeddedConnection.options("c1", true, 30));
    assertEquals(
        java.util.List.of(TcpConnectStarted.class, TcpConnected.class, ConnectSent.class),
        ec.events.types());
    assertEquals(ConnectionState.MQTT_CONNECTING, ec.connection.state());
  }
}
