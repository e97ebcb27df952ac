package org.mqttchaos.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules across keys and inside list items. Keys not supported yet are loaded with every feature
 * enabled, so their rules hold the day the feature lands.
 */
class RulesTest {
  @TempDir Path dir;

  private ProfileFiles files() {
    return new ProfileFiles(dir);
  }

  @Test
  void rateInjectionNeedsARate() {
    assertEquals(files().at(1) + "load.rate: injection rate needs a rate > 0 clients per second, got 0",
        files().error("load: {injection: rate, rate: 0}\n"));
    assertEquals(0.0, files().load("load: {injection: ramp, rate: 0}\n").load().rate());
  }

  @Test
  void maxDelayNotBelowInitialDelay() {
    assertEquals(files().at(1) + "reconnect.maxDelay: must be >= reconnect.initialDelay (5s), got 2s",
        files().errorAllFeatures("reconnect: {initialDelay: 5s, maxDelay: 2s}\n"));
    assertEquals(files().at(2) + "reconnect.initialDelay: must be <= reconnect.maxDelay (30s), got 1m",
        files().errorAllFeatures("reconnect:\n  initialDelay: 1m\n"));
    assertEquals(Duration.ofSeconds(3),
        files().loadAllFeatures("reconnect: {initialDelay: 3s, maxDelay: 3s}").reconnect().maxDelay());
  }

  /** reconnect.quietPeriod: twice maxDelay by default (at least 1 s), never shorter than the longest delay. */
  @Test
  void quietPeriodDefaultsToTwiceMaxDelayAndIsNoShorterThanTheLongestDelay() {
    assertEquals(Duration.ofSeconds(60), files().load("").reconnect().quietPeriod());
    assertEquals(Duration.ofSeconds(16),
        files().load("reconnect: {enabled: true, maxDelay: 8s}\n").reconnect().quietPeriod());
    assertEquals(Duration.ofSeconds(1), files().load("reconnect: {initialDelay: 0s, maxDelay: 0s}\n").reconnect()
        .quietPeriod());
    assertEquals(Duration.ofSeconds(3), files().load("reconnect: {enabled: true, maxDelay: 1s, quietPeriod: 3s}\n")
        .reconnect().quietPeriod());
    assertEquals(files().at(4) + "reconnect.quietPeriod: must be >= reconnect.maxDelay x (1 + reconnect.jitter)"
        + " (9600ms), the longest reconnect delay, or a client ID still flapping would pass for calm, got 5s",
        files().error("reconnect:\n  enabled: true\n  maxDelay: 8s\n  quietPeriod: 5s\n"));
    assertEquals(files().at(1) + "reconnect.quietPeriod: expected a duration > 0, got '0s'",
        files().error("reconnect: {quietPeriod: 0s}\n"));
  }

  /** broker.embedded.* limits the embedded broker only; given with another broker, it says so, at its line. */
  @Test
  void embeddedBrokerLimitsNeedTheEmbeddedBroker() {
    assertEquals(files().at(3) + "broker.embedded.maxKeepAlive: limits the embedded broker only, but broker.url is"
        + " tcp://127.0.0.1:1883 (set the limit in that broker's own configuration)",
        files().error("broker:\n  url: tcp://127.0.0.1:1883\n  embedded: {maxKeepAlive: 10s}\n  mqttVersion: 5\n"));
    assertEquals(files().at(1) + "broker.embedded.maxKeepAlive: expected whole seconds from 1s to 65535s, got '0s'",
        files().error("broker: {mqttVersion: 5, embedded: {maxKeepAlive: 0s}}\n"));
    assertEquals(files().at(2) + "broker.embedded.maxSessionExpiry: needs broker.mqttVersion \"5\": only an MQTT 5"
        + " CONNACK tells the clients the broker's value",
        files().error("broker:\n  embedded: {maxSessionExpiry: 0s}\n"));
    Profile p = files().load("broker: {url: embedded, mqttVersion: 5, embedded: {maxKeepAlive: 10s,"
        + " maxSessionExpiry: 0s}}\n");
    assertEquals(new EmbeddedLimits(Duration.ofSeconds(10), Duration.ZERO), p.broker().embeddedLimits());
    assertEquals(EmbeddedLimits.NONE, files().load("name: x\n").broker().embeddedLimits());
    assertEquals(Duration.ofSeconds(1), files().load("name: x\n").sessions().expiryTolerance());
  }

  @Test
  void silentClientsNeedKeepAlive() {
    assertEquals(files().at(1) + "chaos.keepAliveExpiry.ratio: silent clients need load.keepAlive > 0s,"
        + " or the broker never cuts them",
        files().errorAllFeatures("chaos: {keepAliveExpiry: {ratio: 0.1}}\nload: {keepAlive: 0s}\n"));
  }

  @Test
  void massDropItems() {
    String prefix = "chaos:\n  massDrop:\n    - {at: 5s, fraction: 0.5}\n";
    assertEquals(files().at(4) + "chaos.massDrop[1].fraction: expected a number > 0 and <= 1, got '0'",
        files().errorAllFeatures(prefix + "    - {at: 6s, fraction: 0}\n"));
    assertEquals(files().at(4) + "chaos.massDrop[1].fraction: expected a number > 0 and <= 1, got '1.5'",
        files().errorAllFeatures(prefix + "    - {at: 6s, fraction: 1.5}\n"));
    assertEquals(files().at(4) + "chaos.massDrop[1].at: expected a duration >= 0, got '-1s'",
        files().errorAllFeatures(prefix + "    - {at: -1s, fraction: 1}\n"));
    assertEquals(files().at(4) + "chaos.massDrop[1]: 'fraction' is missing; each mass drop needs at and fraction",
        files().errorAllFeatures(prefix + "    - {at: 6s}\n"));
    assertEquals(files().at(4) + "unknown key 'chaos.massDrop[1].fractoin' (did you mean"
        + " 'chaos.massDrop[1].fraction'?)", files().errorAllFeatures(prefix + "    - {at: 6s, fractoin: 1}\n"));
    assertEquals(files().at(4) + "chaos.massDrop[1].mode: expected one of fin, rst, got 'kill'",
        files().errorAllFeatures(prefix + "    - {at: 6s, fraction: 1, mode: kill}\n"));
    assertEquals(files().at(2) + "chaos.massDrop: expected a list like [{at: 40s, fraction: 0.5, mode: fin}],"
        + " got a map", files().errorAllFeatures("chaos:\n  massDrop: {at: 6s, fraction: 1}\n"));
  }

  @Test
  void willTopicAndQos() {
    assertEquals(files().at(1) + "will.topic: expected a topic name without + or # (may contain {clientId}),"
        + " got 'chaos/#'", files().errorAllFeatures("will: {topic: 'chaos/#'}\n"));
    assertEquals(files().at(1) + "will.qos: expected a whole number from 0 to 2, got '3'",
        files().errorAllFeatures("will: {qos: 3}\n"));
  }

  @Test
  void willDelayIsMqtt5Only() {
    assertEquals(files().at(2) + "will.delay: the Will Delay Interval is MQTT 5 only; set broker.mqttVersion: \"5\""
        + " or leave will.delay out (got 3s with MQTT 3.1.1)",
        files().error("will:\n  delay: 3s\n"));
    assertEquals(files().at(3) + "will.delay: the Will Delay Interval is MQTT 5 only; set broker.mqttVersion: \"5\""
        + " or leave will.delay out (got 3s with MQTT 3.1.1)",
        files().error("broker: {mqttVersion: \"3.1.1\"}\nwill:\n  delay: 3s\n"));
    assertEquals(files().at(1) + "will.delay: expected whole seconds from 0s to 4294967295s, got '1500ms'",
        files().error("will: {delay: 1500ms}\nbroker: {mqttVersion: \"5\"}\n"));
    Profile p = files().load("broker: {mqttVersion: \"5\"}\nwill: {ratio: 1, delay: 3s, delayTolerance: 500ms}\n");
    assertEquals(Duration.ofSeconds(3), p.will().delay());
    assertEquals(Duration.ofMillis(500), p.will().delayTolerance());
    assertEquals(Duration.ZERO, files().load("will: {ratio: 1}\n").will().delay());
  }

  @Test
  void gracefulWithWillLeaveIsMqtt5Only() {
    assertEquals(files().at(1) + "load.leave: graceful-with-will sends DISCONNECT with reason 0x04, which is MQTT 5"
        + " only; set broker.mqttVersion: \"5\" or use graceful or abrupt",
        files().error("load: {leave: graceful-with-will}\n"));
    assertEquals("--set load.leave=graceful-with-will: load.leave: graceful-with-will sends DISCONNECT with reason"
        + " 0x04, which is MQTT 5 only; set broker.mqttVersion: \"5\" or use graceful or abrupt",
        files().error("load: {clients: 5}\n", "load.leave=graceful-with-will"));
    assertEquals(Leave.GRACEFUL_WITH_WILL, files().load(
        "load: {leave: graceful-with-will}\nbroker: {mqttVersion: \"5\"}\nwill: {ratio: 0.5}\n").load().leave());
  }

  /** Without a will it would leave as graceful does: a key that can have no effect is refused. */
  @Test
  void gracefulWithWillLeaveNeedsClientsWithAWill() {
    String why = "load.leave: graceful-with-will asks the broker to publish each client's will, but will.ratio is 0:"
        + " no client has one, so it would leave as graceful does; set will.ratio > 0 or use graceful";
    assertEquals(files().at(2) + why,
        files().error("broker: {mqttVersion: \"5\"}\nload: {leave: graceful-with-will}\nwill: {ratio: 0}\n"));
    assertEquals(files().at(2) + why, files().error("broker: {mqttVersion: \"5\"}\nload: {leave: graceful-with-will}\n"),
        "the default will.ratio is 0");
    assertEquals("--set load.leave=graceful-with-will: " + why,
        files().error("broker: {mqttVersion: \"5\"}\n", "load.leave=graceful-with-will"));
  }

  /** A Will Delay Interval without wills would have no effect: refused like graceful-with-will without them. */
  @Test
  void willDelayNeedsClientsWithAWill() {
    String why = "will.delay: a Will Delay Interval of 5s is for the clients' wills, but will.ratio is 0: no client"
        + " has one, so it would have no effect; set will.ratio > 0 or leave will.delay out";
    assertEquals(files().at(2) + why, files().error("broker: {mqttVersion: \"5\"}\nwill: {delay: 5s}\n"),
        "the default will.ratio is 0");
    assertEquals("--set will.delay=5s: " + why, files().error("broker: {mqttVersion: \"5\"}\n", "will.delay=5s"));
    assertEquals(Duration.ofSeconds(5),
        files().load("broker: {mqttVersion: \"5\"}\nwill: {ratio: 0.5, delay: 5s}\n").will().delay());
  }
}
