package org.mqttchaos.profile;

/** How a virtual user ends after its hold time: DISCONNECT then close, or TCP close without DISCONNECT. */
public enum Leave {
  GRACEFUL("graceful"),
  ABRUPT("abrupt");

  private final String label;

  Leave(String label) {
    this.label = label;
  }

  /** As written in profiles: graceful or abrupt. */
  public String label() {
    return label;
  }
}
