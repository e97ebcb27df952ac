package org.mqttchaos.client;

/** MQTT protocol versions the harness speaks. */
public enum MqttVersion {
  V3_1_1("3.1.1"),
  V5("5");

  private final String label;

  MqttVersion(String label) {
    this.label = label;
  }

  /** As written in profiles and reports: "3.1.1" or "5". */
  public String label() {
    return label;
  }

  public static MqttVersion fromLabel(String label) {
    for (MqttVersion v : values()) {
      if (v.label.equals(label)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown MQTT version " + label + " (expected 3.1.1 or 5)");
  }
}
