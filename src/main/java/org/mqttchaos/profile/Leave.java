package org.mqttchaos.profile;

/**
 * How a virtual user ends after its hold time: DISCONNECT then close, TCP close without DISCONNECT, or (MQTT 5)
 * DISCONNECT with reason 0x04 (Disconnect with Will Message), after which the will is owed.
 */
public enum Leave {
  GRACEFUL("graceful"),
  ABRUPT("abrupt"),
  GRACEFUL_WITH_WILL("graceful-with-will");

  private final String label;

  Leave(String label) {
    this.label = label;
  }

  /** As written in profiles: graceful, abrupt or graceful-with-will. */
  public String label() {
    return label;
  }
}
