package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** validate warns, and still passes, when the profile exceeds what one process on this machine can hold. */
class ValidateCapacityTest {
  private String out;
  private String err;

  private int validate(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true));
    System.setErr(new PrintStream(e, true));
    try {
      return MqttChaos.execute(args);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
      out = o.toString();
      err = e.toString();
    }
  }

  @Test
  void aProfileTooLargeForOneProcessIsValidWithAWarningAndTheShardAdvice() {
    // a million clients at once: more descriptors and more ephemeral ports than any one machine gives
    assertEquals(0, validate("validate", "profiles/quickstart.yaml", "--set", "load.clients=1000000",
        "--set", "load.injection=atOnce"));
    assertTrue(out.startsWith("profiles/quickstart.yaml: OK: profile quickstart, 1,000,000 clients"), out);
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("mqtt-chaos: WARNING: run would refuse this profile in one process on this machine:"
        + " load.clients=1000000 "), err);
    assertTrue(err.contains("--shard"), err);
  }

  @Test
  void aProfileThatFitsHasNoWarning() {
    assertEquals(0, validate("validate", "profiles/quickstart.yaml"));
    assertEquals("", err);
  }
}
