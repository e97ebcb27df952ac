package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void readingInPlaceAgreesWithDecode() {
    MessageStamp stamp = new MessageStamp(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE);
    byte[] payload = stamp.encode(64);
    assertTrue(MessageStamp.stamped(payload));
    assertEquals(Integer.MAX_VALUE, MessageStamp.publisherOf(payload));
    assertEquals(Long.MAX_VALUE, MessageStamp.sequenceOf(payload));
    assertEquals(Long.MIN_VALUE, MessageStamp.plannedNanosOf(payload));

    byte[] negativePublisher = new MessageStamp(0, 0, 0).encode(21);
    negativePublisher[1] = (byte) 0x80;
    byte[] negativeSequence = new MessageStamp(0, 0, 0).encode(21);
    negativeSequence[5] = (byte) 0x80;
    for (byte[] foreign : new byte[][] {null, "hello".getBytes(), new byte[MessageStamp.SIZE], negativePublisher,
        negativeSequence}) {
      assertFalse(MessageStamp.stamped(foreign));
      assertNull(MessageStamp.decode(foreign));
    }
  }
}
