package org.mqttchaos.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The messages: section: defaults, the shapes users run, and each bad input as the one line a user reads. */
class MessagesProfileTest {
  @TempDir Path dir;

  private ProfileFiles files() {
    return new ProfileFiles(dir);
  }

  private String error(String yaml, String... sets) {
    return files().error(yaml, sets);
  }

  private String at(int line) {
    return files().at(line);
  }

  @Test
  void defaultsAreNoMessages() {
    MessageSettings m = files().load("name: x\n").messages();
    assertTrue(m.none());
    assertEquals("devices/{clientId}/telemetry", m.topic());
    assertEquals("devices/+/telemetry", m.filter());
    assertEquals(1.0, m.rate());
    assertEquals(64, m.payloadSize());
    assertEquals(1, m.qos());
    assertEquals(1, m.subscribeQos());
    assertEquals(0, m.backend().subscribers());
    assertEquals("backend-", m.backend().clientIdPrefix());
    assertFalse(m.backend().cleanSession(), "backend subscribers are persistent by default");
    assertEquals(Duration.ofSeconds(1), m.backend().lead());
    assertEquals(Duration.ofSeconds(2), m.backend().linger());
    assertEquals(0, m.backend().dropped(), "by default every backend subscriber follows chaos.abruptDrop");
    assertEquals(new AbruptDrop(0.0, org.mqttchaos.client.AbruptMode.RST), m.backend().abruptDrop());
  }

  @Test
  void oneBackendSubscriberCanBeGivenItsOwnDrops() {
    MessageSettings.Backend b = files().load("messages:\n  backend:\n    subscribers: 2\n    abruptDrop:"
        + " {subscribers: 1, ratePerMinute: 6, mode: fin}\n").messages().backend();
    assertEquals(1, b.dropped());
    assertEquals(new AbruptDrop(6.0, org.mqttchaos.client.AbruptMode.FIN), b.abruptDrop());
    assertEquals(at(4) + "messages.backend.abruptDrop.subscribers: at most messages.backend.subscribers (2), the"
        + " backend subscribers it picks, got '3'",
        error("messages:\n  backend:\n    subscribers: 2\n    abruptDrop: {subscribers: 3, ratePerMinute: 6}\n"));
    assertEquals(at(3) + "messages.backend.abruptDrop.ratePerMinute: expected a number >= 0, got '-1'",
        error("messages:\n  backend:\n    abruptDrop: {ratePerMinute: -1}\n"));
    assertEquals(at(3) + "messages.backend.abruptDrop.mode: expected one of fin, rst, got 'close'",
        error("messages:\n  backend:\n    abruptDrop: {mode: close}\n"));
  }

  @Test
  void fanInFanOutAndDeviceToDeviceAreExpressible() {
    MessageSettings fanIn = files().load("messages:\n  publishers: 1\n  rate: 1\n  backend:\n    subscribers: 2\n"
        + "    filter: devices/+/telemetry\n").messages();
    assertEquals(2, fanIn.backend().subscribers());
    MessageSettings fanOut = files().load("load: {clients: 100}\nmessages: {publishers: 0.01, subscribers: 1,"
        + " topic: commands/all, filter: commands/all, qos: 2, subscribeQos: 2}\n").messages();
    assertEquals(2, fanOut.qos());
    MessageSettings peers = files().load("messages: {publishers: 1, subscribers: 1, topic: 'devices/{peer}/inbox',"
        + " filter: 'devices/{clientId}/inbox'}\n").messages();
    assertEquals("devices/{peer}/inbox", peers.topic());
    MessageSettings shared = files().load("broker: {mqttVersion: '5'}\nmessages:\n  publishers: 1\n  backend:\n"
        + "    subscribers: 3\n    filter: $share/readers/devices/#\n").messages();
    assertEquals("$share/readers/devices/#", shared.backend().filter());
  }

  @Test
  void qos3IsRefusedAtItsLine() {
    assertEquals(at(3) + "messages.qos: expected a whole number from 0 to 2, got '3'",
        error("messages:\n  publishers: 1\n  qos: 3\n"));
    assertEquals(at(2) + "messages.subscribeQos: expected a whole number from 0 to 2, got '3'",
        error("messages:\n  subscribeQos: 3\n"));
  }

  @Test
  void aRateNoClientCouldReachIsRefused() {
    assertEquals(at(2) + "messages.rate: expected messages per second per publisher, more than 0 and at most 10000"
        + " (one connection's event loop cannot pace more), got '50000'", error("messages:\n  rate: 50000\n"));
    assertEquals(at(2) + "messages.rate: expected messages per second per publisher, more than 0 and at most 10000"
        + " (one connection's event loop cannot pace more), got '0'", error("messages:\n  rate: 0\n"));
  }

  @Test
  void aPayloadSmallerThanTheStampIsRefused() {
    assertEquals(at(2) + "messages.payloadSize: expected a size in bytes from 21 (the message stamp every payload"
        + " starts with) to 268435455, got '10'", error("messages:\n  payloadSize: 10\n"));
  }

  @Test
  void filtersMustBeMqttTopicFilters() {
    assertEquals(at(2) + "messages.filter: # must be a whole topic level and the last one [MQTT-4.7.1-2],"
        + " got 'a/#/b'", error("messages:\n  filter: a/#/b\n"));
    assertEquals(at(2) + "messages.filter: # must be a whole topic level and the last one [MQTT-4.7.1-2],"
        + " got 'a/b#'", error("messages:\n  filter: a/b#\n"));
    assertEquals(at(3) + "messages.backend.filter: + must be a whole topic level [MQTT-4.7.1-3], got 'a+/b'",
        error("messages:\n  backend:\n    filter: a+/b\n"));
    assertEquals(at(2) + "messages.filter: a topic filter must not be empty [MQTT-4.7.3-1], got '' (a # not in"
        + " quotes starts a YAML comment: write a filter that begins with # in quotes, e.g. \"#\", and with --set"
        + " quote it for the shell too, e.g. --set 'messages.filter=\"#\"')",
        error("messages:\n  filter: ''\n"));
    assertEquals(at(2) + "messages.filter: unknown placeholder {publisher} in 'x/{publisher}'; the one known is"
        + " {clientId}", error("messages:\n  filter: 'x/{publisher}'\n"));
    assertTrue(files().load("messages: {filter: '+/+/#'}\n").messages().filter().equals("+/+/#"));
  }

  @Test
  void sharedSubscriptionsMustBeWellFormedAndAreMqtt5Only() {
    assertEquals(at(1) + "messages.filter: shared subscriptions ($share/...) are MQTT 5 (section 4.8.2); set"
        + " broker.mqttVersion: \"5\" or subscribe without $share, got '$share/g/devices/#'",
        error("messages: {filter: $share/g/devices/#}\n"));
    assertEquals(at(3) + "messages.backend.filter: shared subscriptions ($share/...) are MQTT 5 (section 4.8.2); set"
        + " broker.mqttVersion: \"5\" or subscribe without $share, got '$share/g/devices/#'",
        error("messages:\n  backend:\n    filter: $share/g/devices/#\n"));
    assertEquals(at(2) + "messages.filter: a shared subscription is $share/<group>/<filter> with a group name of at"
        + " least one character and no +, # or / [MQTT-4.8.2-1] [MQTT-4.8.2-2], got '$share//devices/#'",
        error("broker: {mqttVersion: '5'}\nmessages: {filter: $share//devices/#}\n"));
    assertEquals(at(2) + "messages.filter: a shared subscription is $share/<group>/<filter> with a group name of at"
        + " least one character and no +, # or / [MQTT-4.8.2-1] [MQTT-4.8.2-2], got '$share/g'",
        error("broker: {mqttVersion: '5'}\nmessages: {filter: $share/g}\n"));
  }

  @Test
  void topicsMustBeTopicNamesWithKnownPlaceholders() {
    assertEquals(at(2) + "messages.topic: a topic name must not contain the wildcards + or # [MQTT-3.3.2-2],"
        + " got 'devices/+/t'", error("messages:\n  topic: devices/+/t\n"));
    assertEquals(at(2) + "messages.topic: unknown placeholder {client} in 'devices/{client}/t'; the known ones are"
        + " {clientId}, {publisher}, {peer}", error("messages:\n  topic: 'devices/{client}/t'\n"));
    assertEquals(at(2) + "messages.topic: topics starting with $ are the broker's own (MQTT section 4.7.2), got"
        + " '$SYS/x'", error("messages:\n  topic: $SYS/x\n"));
    assertEquals(at(1) + "messages.topic: {peer} is the client ID of another subscribing client, so it needs"
        + " messages.subscribers > 0, got 'd/{peer}'", error("messages: {publishers: 1, topic: 'd/{peer}'}\n"));
  }

  @Test
  void aSetOverrideIsNamedToo() {
    assertEquals("--set messages.qos=3: messages.qos: expected a whole number from 0 to 2, got '3'",
        error("name: x\n", "messages.qos=3"));
  }

  @Test
  void assertionsNameTheMessageFigures() {
    Assertion delivery = Assertion.parse("delivery.p99 < 100ms");
    assertEquals("messages.delivery.p99", delivery.path());
    assertEquals(100_000, delivery.value());
    assertTrue(delivery.isLatency());
    Assertion published = Assertion.parse("messages.published > 0");
    assertFalse(published.isLatency());
    assertEquals("messages.byQos.qos1.delivered", Assertion.parse("messages.byQos.qos1.delivered >= 10").path());
    // the delivery checker's figures, beside the load's
    assertEquals("messages.lost", Assertion.parse("messages.lost == 0").path());
    assertFalse(Assertion.parse("messages.lost == 0").isLatency());
    assertEquals("messages.byQos.qos2.duplicated", Assertion.parse("messages.byQos.qos2.duplicated == 0").path());
    assertEquals("messages.received", Assertion.parse("messages.received > 0").path());
    assertEquals("messages.puback.p99", Assertion.parse("puback.p99 < 1s").path());
    assertEquals(at(2) + "assertions[0]: messages.published is a plain number, not a latency: write '0' without"
        + " 'ms'", error("assertions:\n  - messages.published > 0ms\n"));
  }
}
