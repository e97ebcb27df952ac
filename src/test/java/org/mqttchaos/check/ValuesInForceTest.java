package org.mqttchaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mqttchaos.check.Nanos.at;
import static org.mqttchaos.check.Nanos.ms;

import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnAckValues;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.Silenced;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.metrics.RunMetrics;

/**
 * Every check judges against the values the broker's CONNACK put in force, not the CONNECT's: keep-alive against
 * Server Keep Alive ([MQTT-3.2.2-21]), session present against the broker's Session Expiry Interval, with the stated
 * session expiry tolerance.
 */
class ValuesInForceTest {
  private final RunMetrics metrics = new RunMetrics();
  private final Findings findings = new Findings();

  /** CONNECT keep-alive 16, Server Keep Alive 10: a silent client cut 15.2 s after its last packet is on time. */
  @Test
  void aCutWithinOneAndAHalfServerKeepAliveIsOnTime() {
    KeepAliveChecker keepAlive = new KeepAliveChecker(metrics, findings, Nanos.START, ms(500));
    Attempt attempt = attempt(16, 10, 0, 0);
    keepAlive.onEvent(new Silenced(at(5_000), attempt, at(0)));
    keepAlive.closedByBroker(attempt, at(15_200));
    assertEquals(0, metrics.counter("keepAlive.early"), "judged against 16 s it would be early");
    assertEquals(0, metrics.counter("keepAlive.late"));
    assertEquals(1, metrics.counter("keepAlive.closedByBroker"));
    assertEquals(0, findings.count());
  }

  /** The same client cut 20 s after its last packet: late against 1.5 x 10 s + 500 ms (on time against 16 s). */
  @Test
  void aCutLaterThanOneAndAHalfServerKeepAliveIsLate() {
    KeepAliveChecker keepAlive = new KeepAliveChecker(metrics, findings, Nanos.START, ms(500));
    Attempt attempt = attempt(16, 10, 0, 0);
    keepAlive.onEvent(new Silenced(at(5_000), attempt, at(0)));
    keepAlive.closedByBroker(attempt, at(20_000));
    assertEquals(1, metrics.counter("keepAlive.late"));
    assertEquals(List.of(new Finding("keepalive-late", KeepAliveChecker.RULE_LATE, "c", 20_000, "<= 15500 ms",
        "20000 ms")), findings.list());
  }

  /**
   * A persistent session asking expiry 300 s, set to 2 s by the broker: a reconnect 5 s after the close must get
   * session present 0, and does; one 2.5 s after is within the 1 s tolerance (no verdict); one 3.5 s after with
   * session present 1 is a mismatch.
   */
  @Test
  void sessionPresentIsJudgedAgainstTheBrokersSessionExpiryWithTheTolerance() {
    SessionModel model = new SessionModel(ms(1_000));
    SessionPresentChecker checker = new SessionPresentChecker(model, metrics, findings, Nanos.START);
    String[] ids = {"expired", "edge", "wrong"};
    long[] reconnectAfter = {5_000, 2_500, 3_500};
    boolean[] received = {false, true, true};
    for (int i = 0; i < ids.length; i++) {
      long base = i * 100_000L;
      Attempt first = attempt(ids[i], 30, 30, 300, 2);
      checker.onEvent(new ConnAckReceived(at(base), first, 0, false, ms(1), false, MqttProperties.NO_PROPERTIES));
      checker.onEvent(new Closed(at(base + 1_000), first, CloseCause.GRACEFUL_BY_CLIENT, "bye",
          ConnectionState.CONNECTED, ms(1_000), OptionalInt.empty(), null));
      Attempt again = attempt(ids[i], 30, 30, 300, 2);
      checker.onEvent(new ConnAckReceived(at(base + 1_000 + reconnectAfter[i]), again, 0, received[i], ms(1), true,
          MqttProperties.NO_PROPERTIES));
    }
    assertEquals(6, metrics.counter("sessionPresent.checked"));
    assertEquals(1, metrics.counter("sessionPresent.withinExpiryTolerance"));
    assertEquals(1, metrics.counter("sessionPresent.mismatches"));
    assertEquals(List.of(new Finding("session-present-mismatch", SessionPresentChecker.RULE, "wrong", 204_500,
        "sessionPresent=0 (persistent session)", "sessionPresent=1")), findings.list());
  }

  private static Attempt attempt(int askedKeepAlive, int serverKeepAlive, long askedExpiry, long brokerExpiry) {
    return attempt("c", askedKeepAlive, serverKeepAlive, askedExpiry, brokerExpiry);
  }

  /** An MQTT 5 attempt as it stands after a CONNACK that set keep-alive and session expiry. */
  private static Attempt attempt(String id, int askedKeepAlive, int serverKeepAlive, long askedExpiry,
      long brokerExpiry) {
    ConnectOptions options = new ConnectOptions(id, askedExpiry == 0, askedKeepAlive, null, null, null, askedExpiry);
    ConnAckValues asked = ConnAckValues.asked(options);
    ConnAckValues set = new ConnAckValues(serverKeepAlive, brokerExpiry, null, asked.receiveMaximum(),
        asked.maximumPacketSize(), asked.maximumQos(), true, 0, true, true);
    return new Attempt(0, 0, MqttVersion.V5, options, "plain", new Attempt.InForce(set));
  }
}
