package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Netty settings the CLI process gives itself before any Netty class reads them. */
class RuntimeDefaultsTest {
  private String loops;
  private String leaks;

  @BeforeEach
  void save() {
    loops = System.getProperty(MqttChaos.EVENT_LOOPS_PROPERTY);
    leaks = System.getProperty(MqttChaos.LEAK_DETECTION_PROPERTY);
  }

  @AfterEach
  void restore() {
    restore(MqttChaos.EVENT_LOOPS_PROPERTY, loops);
    restore(MqttChaos.LEAK_DETECTION_PROPERTY, leaks);
  }

  @Test
  void oneEventLoopPerTwoCoresAndNoLeakSampling() {
    System.clearProperty(MqttChaos.EVENT_LOOPS_PROPERTY);
    System.clearProperty(MqttChaos.LEAK_DETECTION_PROPERTY);
    MqttChaos.applyRuntimeDefaults();
    int expected = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    assertEquals(Integer.toString(expected), System.getProperty(MqttChaos.EVENT_LOOPS_PROPERTY));
    assertEquals("disabled", System.getProperty(MqttChaos.LEAK_DETECTION_PROPERTY));
  }

  @Test
  void whatTheUserSetIsKept() {
    System.setProperty(MqttChaos.EVENT_LOOPS_PROPERTY, "3");
    System.setProperty(MqttChaos.LEAK_DETECTION_PROPERTY, "paranoid");
    MqttChaos.applyRuntimeDefaults();
    assertEquals("3", System.getProperty(MqttChaos.EVENT_LOOPS_PROPERTY));
    assertEquals("paranoid", System.getProperty(MqttChaos.LEAK_DETECTION_PROPERTY));
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
