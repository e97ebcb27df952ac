package org.mqttchaos.client;


/**
 * The compact binary header that starts every payload the harness publishes, so a subscriber (and the delivery
 * checker) can tell which message arrived without any lookup: who published it, its place in that publisher's
 * sequence and the instant it was due. The rest of the payload is zero padding up to the profile's size.
 *
 * <p>Layout, big-endian, {@link #SIZE} = 21 bytes: {@code byte magic (0x4D, 'M') | int publisher | long sequence |
 * long plannedNanos}. {@code publisher}: the run-wide index of the publishing virtual user (0-based);
 * {@code sequence}: that publisher's message number (0-based, one sequence across reconnects and topics);
 * {@code plannedNanos}: the instant the message was due to be sent, on {@link System#nanoTime()}'s clock of the
 * process that ran the run (so delivery latency counts from the plan, not from the write: coordinated-omission free).
 *
 * @param publisher    run-wide publisher index, >= 0
 * @param sequence     message number of that publisher, >= 0
 * @param plannedNanos due instant, {@link System#nanoTime()}
 */
public record MessageStamp(int publisher, long sequence, long plannedNanos) {
  /** Bytes of the header; a payload size below this carries the header only. */
  public static final int SIZE = 21;
  private static final byte MAGIC = 0x4D;

  /** The stamp followed by zeros up to {@code payloadSize} bytes (never shorter than {@link #SIZE}). */
  public byte[] encode(int payloadSize) {
    byte[] bytes = new byte[Math.max(SIZE, payloadSize)];
    bytes[0] = MAGIC;
    putLong(bytes, 1, publisher, 4);
    putLong(bytes, 5, sequence, 8);
    putLong(bytes, 13, plannedNanos, 8);
    return bytes;
  }

  /** The stamp at the start of {@code payload}; null when the payload is not one of the harness's messages. */
  public static MessageStamp decode(byte[] payload) {
    if (payload == null || payload.length < SIZE || payload[0] != MAGIC) {
      return null;
    }
    int publisher = (int) getLong(payload, 1, 4);
    long sequence = getLong(payload, 5, 8);
    long planned = getLong(payload, 13, 8);
    return publisher < 0 || sequence < 0 ? null : new MessageStamp(publisher, sequence, planned);
  }

  // Read in place, without a MessageStamp object: the recorder and the delivery checker read every delivery's stamp
  // (the JIT compiles C1 only, which does not remove the object of decode).

  /** True when {@code payload} starts with a stamp: exactly when {@link #decode} would not return null. */
  public static boolean stamped(byte[] payload) {
    return payload != null && payload.length >= SIZE && payload[0] == MAGIC && payload[1] >= 0 && payload[5] >= 0;
  }

  /** {@link #publisher()} of a {@link #stamped} payload. */
  public static int publisherOf(byte[] payload) {
    return (int) getLong(payload, 1, 4);
  }

  /** {@link #sequence()} of a {@link #stamped} payload. */
  public static long sequenceOf(byte[] payload) {
    return getLong(payload, 5, 8);
  }

  /** {@link #plannedNanos()} of a {@link #stamped} payload. */
  public static long plannedNanosOf(byte[] payload) {
    return getLong(payload, 13, 8);
  }

  // Big-endian in place: no ByteBuffer per message (the harness encodes and decodes every stamp it sends and reads)

  private static void putLong(byte[] b, int at, long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      b[at + i] = (byte) value;
      value >>>= 8;
    }
  }

  private static long getLong(byte[] b, int at, int bytes) {
    long value = 0;
    for (int i = 0; i < bytes; i++) {
      value = (value << 8) | (b[at + i] & 0xFF);
    }
    return value;
  }
}
