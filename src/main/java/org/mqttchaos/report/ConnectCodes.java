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

  private static final String CREDENTIALS = "check broker.username/password";
  private static final String VERSION = "set broker.mqttVersion to a version the broker speaks";
  private static final String CLIENT_ID = "the broker rejects the client IDs: check sessions.clientIdPrefix and"
      + " the broker's rules for client IDs";
  private static final String UNAVAILABLE = "the broker says it cannot serve clients now: its log says why";
  private static final String LIMITED = "the broker limits connections: lower the rate (load.rate, a longer"
      + " load.rampDuration) or raise its limits";

  /** What to change for a refusing code, in words; null for codes that name no remedy. */
  private static final Map<Integer, String> V311_ADVICE = Map.of(
      1, VERSION,
      2, CLIENT_ID,
      3, UNAVAILABLE,
      4, CREDENTIALS,
      5, CREDENTIALS);

  private static final Map<Integer, String> V5_ADVICE = Map.ofEntries(
      Map.entry(0x84, VERSION),
      Map.entry(0x85, CLIENT_ID),
      Map.entry(0x86, CREDENTIALS),
      Map.entry(0x87, CREDENTIALS),
      Map.entry(0x88, UNAVAILABLE),
      Map.entry(0x89, UNAVAILABLE),
      Map.entry(0x8A, "the broker has banned these clients: its log says why"),
      Map.entry(0x8C, "the broker asks for an authentication method (MQTT 5 enhanced authentication) mqtt-chaos"
          + " does not use"),
      Map.entry(0x90, "the broker refuses the will topic: check will.topic"),
      Map.entry(0x95, "the CONNECT is larger than the broker accepts: a shorter will topic or payload"),
      Map.entry(0x97, LIMITED),
      Map.entry(0x9A, "the broker does not support retained wills"),
      Map.entry(0x9B, "the broker does not support the will's QoS: lower will.qos"),
      Map.entry(0x9C, "the broker sends clients to another server (its CONNACK's Server Reference)"),
      Map.entry(0x9D, "the broker sends clients to another server (its CONNACK's Server Reference)"),
      Map.entry(0x9F, LIMITED));

  private ConnectCodes() {}

  /** What to change for a refusing CONNACK code (decimal, as summary.json keys it); null when it names none. */
  static String advice(String code, String mqttVersion) {
    try {
      return (isV5(mqttVersion) ? V5_ADVICE : V311_ADVICE).get(Integer.parseInt(code));
    } catch (NumberFormatException e) {
      return null;
    }
  }

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
