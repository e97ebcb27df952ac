package org.mqttchaos.check;

/** Synthetic timestamps for checker tests: the run starts at {@link #START}, times are given in ms. */
final class Nanos {
  /** An arbitrary nanoTime origin, not 0, so "since start" arithmetic is exercised. */
  static final long START = 5_000_000_000L;

  private Nanos() {}

  static long at(long millis) {
    return START + ms(millis);
  }

  static long ms(long millis) {
    return millis * 1_000_000L;
  }
}
