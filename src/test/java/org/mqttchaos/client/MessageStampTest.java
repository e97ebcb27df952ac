package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MessageStampTest {
  @Test
  void roundTripsAndPadsToTheProfilesSize() {
    MessageStamp stamp = new MessageStamp(1234, 987_654_321_012L, -5_000_000_000L);
    byte[] payload = stamp.encode(100);
    assertEquals(100, payload.length);
    assertEquals(0, payload[99]);
    assertEquals(stamp, MessageStamp.decode(payload));
  }

  @Test
  void aSizeBelowTheHeaderStillCarriesTheWholeHeader() {
    assertEquals(MessageStamp.SIZE, new MessageStamp(0, 0, 0).encode(4).length);
  }

  @Test
  void foreignPayloadsAreNotStamps() {
    assertNull(MessageStamp.decode(null));
    assertNull(MessageStamp.decode("hello".getBytes()));
    assertNull(MessageStamp.decode(new byte[MessageStamp.SIZE])); // no magic byte
    byte[] negative = new MessageStamp(0, 0, 0).encode(21);
    negative[1] = (byte) 0x80; // publisher < 0
    assertNull(MessageStamp.decode(negative));
  }
}
