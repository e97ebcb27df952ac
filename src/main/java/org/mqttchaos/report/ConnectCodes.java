package org.mqttchaos.report;

import java.util.Map;

/**
 * Names of CONNACK codes: MQTT 3.1.1 return codes 0-5 and the common MQTT 5 reason codes, so the report says
 * "not authorized" rather than "5".
 */
final class ConnectCodes {
  private static final Map<Integer, String> V311 = Map.of(
      0, "accepted",
      1, "unacceptable protocol version",
      2, "identifier rejected",
      3, "server unavailable",
      4, "bad user name or password",
      5, "not authorized");

  private static final Map<Integer, String> V5 = Map.ofEntries(
      Map.entry(0x00, "success"),
      Map.entry(0x80, "unspecified error"),
      Map.entry(0x81, "malformed packet"),
      Map.entry(0x82, "protocol error"),
      Map.entry(0x83, "implementation specific error"),
      Map.entry(0x84, "unsupported protocol version"),
      Map.entry(0x85, "client identifier not valid"),
      Map.entry(0x86, "bad user name or password"),
      Map.entry(0x87, "not authorized"),
      Map.entry(0x88, "server unavailable"),
      Map.entry(0x89, "server busy"),
      Map.entry(0x8A, "banned"),
      Map.entry(0x8C, "bad authentication method"),
      Map.entry(0x90, "topic name invalid"),
      Map.entry(0x95, "packet too large"),
      Map.entry(0x97, "quota exceeded"),
      Map.entry(0x99, "payload format invalid"),
      Map.entry(0x9A, "retain not supported"),
      Map.entry(0x9B, "QoS not supported"),
      Map.entry(0x9C, "use another server"),
      Map.entry(0x9D, "server moved"),
      Map.entry(0x9F, "connection rate exceeded"));

  private ConnectCodes() {}

  /** The code's name for the MQTT version ("5" or "3.1.1"), or "code N" when unknown. */
  static String name(String code, String mqttVersion) {
    int value;
    try {
      value = Integer.parseInt(code);
    } catch (NumberFormatException e) {
      return "code " + code;
    }
    Map<Integer, String> names = isV5(mqttVersion) ? V5 : V311;
    String name = names.get(value);
    return name == null ? "code " + code : name;
  }

  /** "5 not authorized", or "0x87 not authorized" for MQTT 5, where reason codes are read in hex. */
  static String label(String code, String mqttVersion) {
    String shown = code;
    if (isV5(mqttVersion)) {
      try {
        shown = String.format("0x%02X", Integer.parseInt(code));
      } catch (NumberFormatException ignored) {
        // keep the odd key as it is
      }
    }
    return shown + " " + name(code, mqttVersion);
  }

  private static boolean isV5(String mqttVersion) {
    return mqttVersion != null && mqttVersion.strip().startsWith("5");
  }
}
