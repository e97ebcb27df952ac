package org.mqttchaos.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker keeps the MQTT promises the harness measures against: CONNACK for 3.1.1
 * and 5, session present, and takeover of a duplicate client ID. Checked over raw bytes.
 */
class BrokerSessionTest {

  private static EmbeddedBroker broker;

  @BeforeAll
  static void start() {
    broker = EmbeddedBroker.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void mqtt311ConnectIsAccepted() throws Exception {
    try (RawMqtt client = new RawMqtt(broker.port())) {
      client.send(RawMqtt.connect311("v3-client", true));
      RawMqtt.Packet connack = client.readPacket();
      assertEquals(0x20, connack.first(), "CONNACK: type 2, flags 0");
      assertArrayEquals(new byte[] {
          0x00, // acknowledge flags: session present 0
          0x00, // return code 0: connection accepted
      }, connack.body());
    }
  }

  @Test
  void mqtt5ConnectIsAcceptedWithReasonSuccess() throws Exception {
    try (RawMqtt client = new RawMqtt(broker.port())) {
      client.send(RawMqtt.connect5("v5-client"));
      RawMqtt.Packet connack = client.readPacket();
      assertEquals(0x20, connack.first(), "CONNACK: type 2, flags 0");
      assertTrue(connack.body().length >= 3, "flags, reason code and a properties length");
      assertEquals(0x00, connack.body()[0], "acknowledge flags: session present 0");
      assertEquals(0x00, connack.body()[1], "reason code 0: success");
    }
  }

  @Test
  void persistentSessionIsPresentOnReconnect() throws Exception {
    String id = "persistent-client";
    try (RawMqtt first = new RawMqtt(broker.port())) {
      first.send(RawMqtt.connect311(id, false));
      assertEquals(0, first.readPacket().body()[0], "first connect: session present 0");
      first.send(RawMqtt.DISCONNECT_311);
      assertTrue(first.awaitClosedByBroker(), "broker closes after DISCONNECT");
    }
    try (RawMqtt second = new RawMqtt(broker.port())) {
      second.send(RawMqtt.connect311(id, false));
      assertEquals(1, second.readPacket().body()[0], "reconnect: session present 1");
    }
  }

  @Test
  void secondConnectWithSameIdClosesTheFirst() throws Exception {
    String id = "shared-id";
    try (RawMqtt first = new RawMqtt(broker.port());
        RawMqtt second = new RawMqtt(broker.port())) {
      first.send(RawMqtt.connect311(id, true));
      assertEquals(0, first.readPacket().body()[1], "first connection accepted");
      second.send(RawMqtt.connect311(id, true));
      assertEquals(0, second.readPacket().body()[1], "second connection accepted");
      assertTrue(first.awaitClosedByBroker(), "broker took the ID over from the first");
    }
  }
}
