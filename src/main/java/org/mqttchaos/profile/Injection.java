package org.mqttchaos.profile;

/** How virtual users are started: spread over a ramp, at a fixed rate, or all at once. */
public enum Injection {
  RAMP("ramp"),
  RATE("rate"),
  AT_ONCE("atOnce");

  private final String label;

  Injection(String label) {
    this.label = label;
  }

  /** As written in profiles: ramp, rate or atOnce. */
  public String label() {
    return label;
  }
}
