package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Topic-filter matching and validity, with the examples of MQTT 3.1.1 section 4.7 and MQTT 5 section 4.8.2, and the
 * profile's and the delivery checker's cases (both use this class).
 */
class TopicFilterTest {
  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "sport/tennis/player1/#|sport/tennis/player1|true",
      "sport/tennis/player1/#|sport/tennis/player1/ranking|true",
      "sport/tennis/player1/#|sport/tennis/player1/score/wimbledon|true",
      "sport/#|sport|true",
      "#|sport/tennis|true",
      "sport/tennis/+|sport/tennis/player1|true",
      "sport/tennis/+|sport/tennis/player1/tournament|false",
      "sport/+|sport|false",
      "sport/+|sport/|true",
      "+/+|/finance|true",
      "/+|/finance|true",
      "+|/finance|false",
      "+/tennis/#|sport/tennis/player1|true",
      "sport/tennis|sport/tennis|true",
      "sport/tennis|sport/Tennis|false",
      "sport/tennis|sport/tennis/x|false",
      "sport/tennis/x|sport/tennis|false",
      "#|$SYS/broker|false",
      "+/monitor/Clients|$SYS/monitor/Clients|false",
      "$SYS/#|$SYS/monitor/Clients|true",
      "$SYS/monitor/+|$SYS/monitor/Clients|true",
      "$share/g/t/#|t/a|true",
      "$share/g/t/+|t/a/b|false",
      "$share/g/#|$SYS/x|false",
      "sport/tennis#|sport/tennis|false",
      "sport/#/ranking|sport/x/ranking|false",
      "sport+|sport+|false",
      // the profile's cases (profile.MessageTypes checks its filters with this class)
      "devices/+/telemetry|devices/u1/telemetry|true",
      "devices/#|devices|true",
      "$share/g/devices/#|devices/u1/t|true",
      "devices/+|devices/u1/telemetry|false",
      "#|$SYS/uptime|false"})
  void matches(String filter, String topic, boolean match) {
    assertEquals(match, TopicFilter.matches(filter, topic));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "#|true", "+|true", "sport/#|true", "+/tennis/#|true", "a//b|true", "/|true",
      "sport/tennis#|false", "sport/#/ranking|false", "sport+|false", "''|false", "a/b+c|false",
      "$share/g/t/#|true", "$share/g/+|true", "$share//t|false", "$share/g+/t|false", "$share/g|false",
      "$share/g/a#|false"})
  void validity(String filter, boolean valid) {
    assertEquals(valid, TopicFilter.isValid(filter));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "a/#/b|# must be a whole topic level and the last one [MQTT-4.7.1-2]",
      "a/b#|# must be a whole topic level and the last one [MQTT-4.7.1-2]",
      "a+/b|+ must be a whole topic level [MQTT-4.7.1-3]",
      "''|a topic filter must not be empty [MQTT-4.7.3-1]",
      "$share/g/|a topic filter must not be empty [MQTT-4.7.3-1]",
      "$share//devices/#|a shared subscription is $share/<group>/<filter> with a group name of at least one"
          + " character and no +, # or / [MQTT-4.8.2-1] [MQTT-4.8.2-2]",
      "$share/g|a shared subscription is $share/<group>/<filter> with a group name of at least one character and"
          + " no +, # or / [MQTT-4.8.2-1] [MQTT-4.8.2-2]"})
  void problemsNameTheRule(String filter, String problem) {
    assertEquals(problem, TopicFilter.problem(filter));
  }

  @org.junit.jupiter.api.Test
  void aValidFilterHasNoProblem() {
    assertEquals(null, TopicFilter.problem("+/+/#"));
    assertEquals("topics must not contain the null character U+0000 [MQTT-4.7.3-2]", TopicFilter.problem("a\u0000"));
  }
}
