package org.mqttchaos.client;

import org.mqttchaos.client.ConnectionEvent.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mqttchaos.client.EmbeddedConnection.bytes;

import org.junit.jupiter.api.Test;

/** PINGREQ after keep-alive seconds without a write, on the loop's clock moved by the test. */
class KeepAliveTest {
  private static final byte[] PINGREQ = bytes(0xC0, 0x00); // PINGREQ, remaining length 0
  private static final byte[] NOTHING = new byte[0];

  @Test
  void pingAfterIdleAndAgainAfterEachIdlePeriod() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connectAccepted(EmbeddedConnection.options("c1", true, 30));
    ec.advanceSeconds(29);
    assertArrayEquals(NOTHING, ec.outbound());
    ec.advanceSeconds(1);
    assertArrayEquals(PINGREQ, ec.outbound());
    assertEquals(1, ec.events.ofType(PingReqSent.class).size());
    ec.inbound(0xD0, 0x00); // PINGRESP, remaining length 0
    assertEquals(1, ec.events.ofType(PingRespReceived.class).size());
    ec.advanceSeconds(30);
    assertArrayEquals(PINGREQ, ec.outbound());
  }

  @Test
  void anyWritePostponesThePing() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connectAccepted(EmbeddedConnection.options("c1", true, 30));
    ec.advanceSeconds(20);
    ec.connection.publish("t", new byte[] {1}, 0, false);
    ec.outbound();
    ec.advanceSeconds(10); // 30 s after CONNECT, 10 s after the publish
    assertArrayEquals(NOTHING, ec.outbound());
    ec.advanceSeconds(20); // 30 s after the publish
    assertArrayEquals(PINGREQ, ec.outbound());
  }

  @Test
  void keepAliveZeroNeverPings() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connectAccepted(EmbeddedConnection.options("c1", true, 0));
    ec.advanceSeconds(3600);
    assertArrayEquals(NOTHING, ec.outbound());
  }

  @Test
  void silentConnectionWritesNothingNotEvenAcks() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connectAccepted(EmbeddedConnection.options("c1", true, 30));
    ec.advanceSeconds(10);
    ec.connection.goSilent();
    assertEquals(ConnectionState.SILENT, ec.connection.state());
    assertEquals(1, ec.events.ofType(Silenced.class).size());
    ec.advanceSeconds(120);
    // PUBLISH QoS 1 (0x32), remaining length 7: topic "t" (0x00 0x01 't'), packet id 7, payload "hi"
    ec.inbound(0x32, 0x07, 0x00, 0x01, 't', 0x00, 0x07, 'h', 'i');
    assertArrayEquals(NOTHING, ec.outbound());
    assertEquals(1, ec.events.ofType(PublishReceived.class).size());
    assertEquals(0, ec.events.ofType(PingReqSent.class).size());
  }

  @Test
  void silentConnectionClosedByBroker() {
    EmbeddedConnection ec = new EmbeddedConnection(MqttVersion.V3_1_1);
    ec.connectAccepted(EmbeddedConnection.options("c1", true, 1));
    ec.connection.goSilent();
    ec.channel.close(); // the broker gives up on us
    ec.channel.runPendingTasks();
    ConnAckTest.assertOneClosed(ec, CloseCause.BY_BROKER);
  }
}
