package org.mqttchaos.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectFailure;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.ConnAckTimeout;
import org.mqttchaos.client.ConnectionEvent.TcpConnectFailed;
import org.mqttchaos.client.ConnectionEvent.TcpConnectStarted;
import org.mqttchaos.client.ConnectionEvent.TcpConnected;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.summary.FailedBy;

/** Every attempt is counted once, succeeded or failed, however it ended: attempted = succeeded + failed. */
class ConnectRecorderTest {
  private final RunScope run = new RunScope();
  private int attempts;

  private Attempt attempt() {
    return new Attempt(attempts++, 0, MqttVersion.V3_1_1, new ConnectOptions("c", true, 0, null, null, null, 0),
        "plain");
  }

  private void closed(Attempt a, ConnectionState from, CloseCause cause, ConnectFailure failure) {
    run.events().onEvent(new Closed(9, a, cause, "why", from, 0, OptionalInt.empty(), failure));
  }

  private long count(String name) {
    return run.metrics().counter(name);
  }

  @Test
  void eachWayAnAttemptEndsIsCountedOnce() {
    // TCP refused: TcpConnectFailed, then Closed
    Attempt refusedTcp = attempt();
    run.events().onEvent(new TcpConnectStarted(1, refusedTcp));
    run.events().onEvent(new TcpConnectFailed(2, refusedTcp, "refused"));
    closed(refusedTcp, ConnectionState.TCP_CONNECTING, CloseCause.CONNECT_FAILED, ConnectFailure.TCP_REFUSED);
    // no CONNACK in time
    Attempt timedOut = attempt();
    run.events().onEvent(new TcpConnectStarted(1, timedOut));
    run.events().onEvent(new TcpConnected(2, timedOut, 1));
    run.events().onEvent(new ConnAckTimeout(3, timedOut, "no CONNACK"));
    closed(timedOut, ConnectionState.MQTT_CONNECTING, CloseCause.CONNECT_FAILED, ConnectFailure.CONNACK_TIMEOUT);
    // the broker (or a TLS 1.3 client-certificate refusal) closes before CONNACK: no event of its own but the close
    Attempt closedEarly = attempt();
    run.events().onEvent(new TcpConnectStarted(1, closedEarly));
    run.events().onEvent(new TcpConnected(2, closedEarly, 1));
    closed(closedEarly, ConnectionState.MQTT_CONNECTING, CloseCause.CONNECT_FAILED,
        ConnectFailure.TLS_CLIENT_CERT_REQUIRED);
    // the client aborts while connecting (a mass drop)
    Attempt aborted = attempt();
    run.events().onEvent(new TcpConnectStarted(1, aborted));
    closed(aborted, ConnectionState.TCP_CONNECTING, CloseCause.ABRUPT_RST_BY_CLIENT, ConnectFailure.CLIENT_ABORTED);
    // CONNACK refused with code 5, then its close
    Attempt refused = attempt();
    run.events().onEvent(new TcpConnectStarted(1, refused));
    run.events().onEvent(new ConnAckReceived(3, refused, 5, false, 1, false, MqttProperties.NO_PROPERTIES));
    closed(refused, ConnectionState.MQTT_CONNECTING, CloseCause.CONNECT_FAILED, ConnectFailure.CONNACK_REFUSED);
    // accepted, then closed while connected
    Attempt ok = attempt();
    run.events().onEvent(new TcpConnectStarted(1, ok));
    run.events().onEvent(new ConnAckReceived(3, ok, 0, false, 1, false, MqttProperties.NO_PROPERTIES));
    closed(ok, ConnectionState.CONNECTED, CloseCause.BY_BROKER, null);

    assertEquals(6, count("connects.attempted"));
    assertEquals(1, count("connects.succeeded"));
    assertEquals(5, count("connects.failed"));
    assertEquals(4, count("connects.noConnack"), "every failure without a CONNACK code");
    assertEquals(1, count("connects.byCode.5"));
    assertEquals(count("connects.attempted"), count("connects.succeeded") + count("connects.failed"));
    // each failure once more under its one reason, so they add up to failed
    assertEquals(1, count("connects.failedBy.tcp-refused"));
    assertEquals(1, count("connects.failedBy.connack-timeout"));
    assertEquals(1, count("connects.failedBy.tls-client-cert-required"));
    assertEquals(1, count("connects.failedBy.client-aborted"));
    assertEquals(1, count("connects.failedBy.connack-refused"));
    long byReason = run.metrics().counters().entrySet().stream()
        .filter(e -> e.getKey().startsWith("connects.failedBy.")).mapToLong(java.util.Map.Entry::getValue).sum();
    assertEquals(count("connects.failed"), byReason);
  }

  /** Bytes that are not MQTT: before CONNACK a failed attempt under protocol-error, after it a protocol-error flap. */
  @Test
  void aProtocolErrorIsCountedOnceBeforeAndAfterConnack() {
    Attempt early = attempt();
    run.events().onEvent(new TcpConnectStarted(1, early));
    closed(early, ConnectionState.MQTT_CONNECTING, CloseCause.PROTOCOL_ERROR, ConnectFailure.PROTOCOL_ERROR);
    Attempt late = attempt();
    run.events().onEvent(new TcpConnectStarted(1, late));
    run.events().onEvent(new ConnAckReceived(3, late, 0, false, 1, false, MqttProperties.NO_PROPERTIES));
    closed(late, ConnectionState.CONNECTED, CloseCause.PROTOCOL_ERROR, null);

    assertEquals(2, count("connects.attempted"));
    assertEquals(1, count("connects.succeeded"));
    assertEquals(1, count("connects.failed"));
    assertEquals(1, count("connects.failedBy.protocol-error"));
    assertEquals(1, count("flaps.protocolErrors"));
    assertEquals(1, count("flaps.total"), "the established one is a flap, the failed attempt is not");
  }

  /** Every reason a connection tells has a name in summary.json, and every name is some reason's. */
  @Test
  void everyFailureReasonHasItsOwnName() {
    java.util.Set<FailedBy> named = java.util.EnumSet.noneOf(FailedBy.class);
    for (ConnectFailure f : ConnectFailure.values()) {
      assertTrue(named.add(ConnectRecorder.failedBy(f)), f + " shares a name");
    }
    assertEquals(java.util.EnumSet.allOf(FailedBy.class), named);
    for (FailedBy f : FailedBy.values()) {
      assertTrue(f.key().matches(FailedBy.KEY_PATTERN), f.key());
      assertEquals(f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), f.key());
    }
  }
}
