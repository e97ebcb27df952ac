package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Test fixture: runs the CLI in this JVM, asserts it refused with exit 2, and returns what it printed on stderr. */
final class Refusals {
  private Refusals() {}

  static String refusal(String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try {
      assertEquals(2, MqttChaos.execute(args));
    } finally {
      System.setErr(err);
    }
    return captured.toString().strip();
  }
}
