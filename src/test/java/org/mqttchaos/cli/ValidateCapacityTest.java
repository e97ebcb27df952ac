package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/**
 * validate warns, and still passes, when the profile (or the {@code --shard} it is given) exceeds what one process on
 * this machine can hold.
 */
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
  void theShardItAdvisesIsAcceptedAndJudgedByItsOwnClients() {
    assertEquals(0, validate("validate", "profiles/quickstart.yaml", "--set", "load.clients=200000"));
    assertTrue(err.contains("--shard"), "the whole run is too large, and the advice says so: " + err);

    assertEquals(0, validate("validate", "profiles/quickstart.yaml", "--set", "load.clients=200000",
        "--shard", "1/100"));
    assertTrue(out.startsWith("profiles/quickstart.yaml: OK: profile quickstart, 200,000 clients (shard 1/100:"
        + " 2,000)"), out);
    assertEquals("", err, "a hundredth fits");
  }

  @Test
  void aShardTooLargeIsWarnedAboutAsAShard() {
    assertEquals(0, validate("validate", "profiles/quickstart.yaml", "--set", "load.clients=1000000",
        "--set", "load.injection=atOnce", "--shard", "1/2"));
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("mqtt-chaos: WARNING: run would refuse this shard in one process on this machine:"),
        err);
  }

  @Test
  void aMalformedShardIsBadInput() {
    assertEquals(2, validate("validate", "profiles/quickstart.yaml", "--shard", "3/2"));
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("mqtt-chaos: --shard 3/2: "), err);
    assertEquals("", out);
  }

  @Test
  void aProfileThatFitsHasNoWarning() {
    assertEquals(0, validate("validate", "profiles/quickstart.yaml"));
    assertEquals("", err);
  }
}
