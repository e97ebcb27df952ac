package org.mqttchaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectFailure;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.TcpConnected;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.Will;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.Summary;

/**
 * The outage rule against synthetic events fed to a run's event stream (so the detector is wired as a run wires it,
 * with the flap tracker deciding takeovers): the broker closing every live connection at once is an outage; the
 * harness's own mass drop and a takeover storm are not.
 */
class BrokerOutagesTest {
  private final RunScope run = new RunScope();
  private final long t0 = run.startNanos();
  private int connections;

  /** A user connection with a will, on connection index {@code connection}, attempt {@code number}. */
  private Attempt attempt(String clientId, int connection, int number, boolean clean) {
    byte[] payload = run.wills().payload(clientId, run.nextAttemptId());
    return new Attempt(connection, number, MqttVersion.V3_1_1,
        new ConnectOptions(clientId, clean, 30, null, null, new Will("chaos/will/" + clientId, payload, 1, false), 0),
        "plain");
  }

  private Attempt connect(String clientId, long atMs) {
    return connect(clientId, connections++, 0, true, atMs, false);
  }

  private Attempt connect(String clientId, int connection, int number, boolean clean, long atMs,
      boolean sessionPresent) {
    Attempt a = attempt(clientId, connection, number, clean);
    emit(new TcpConnected(at(atMs) - 1_000, a, 1_000));
    emit(new ConnAckReceived(at(atMs), a, 0, sessionPresent, 500_000, number > 0, MqttProperties.NO_PROPERTIES));
    return a;
  }

  private void close(Attempt a, CloseCause cause, long atMs) {
    emit(new Closed(at(atMs), a, cause, "closed", ConnectionState.CONNECTED, 1, OptionalInt.empty(), null));
  }

  private void refused(String clientId, long atMs) {
    Attempt a = attempt(clientId, connections++, 1, true);
    emit(new Closed(at(atMs), a, CloseCause.CONNECT_FAILED, "refused", ConnectionState.TCP_CONNECTING, 0,
        OptionalInt.empty(), ConnectFailure.TCP_REFUSED));
  }

  private void emit(ConnectionEvent e) {
    run.events().onEvent(e);
  }

  private long at(long ms) {
    return t0 + ms * 1_000_000L;
  }

  private List<Summary.Outage> outages() {
    return run.outages().list(t0);
  }

  private long count(String counter) {
    return run.metrics().counter(counter);
  }

  @Test
  void theBrokerClosingEveryLiveConnectionAtOnceIsAnOutageWhoseClosesOweNoWill() {
    Attempt[] users = new Attempt[4];
    for (int i = 0; i < users.length; i++) {
      users[i] = connect("u" + i, 1_000 + i);
    }
    Attempt dropped = connect("d", 1_500);
    close(dropped, CloseCause.ABRUPT_RST_BY_CLIENT, 3_000); // the harness's own drop: owes its will
    for (int i = 0; i < users.length; i++) {
      close(users[i], CloseCause.BY_BROKER, 10_000 + i);
    }
    assertEquals(List.of(new Summary.Outage(10.0, null, 4, 0)), outages());
    assertTrue(run.metrics().brokerDownNow());
    assertEquals(1, count(Counters.WILLS_EXPECTED), "only the harness's own drop owes a will");

    refused("u0", 11_000); // still the same outage
    assertEquals(1, outages().size());
    run.wills().received("chaos/will/u3", run.wills().payload("u3", 3), at(11_500), false);
    assertEquals(1, count(Counters.WILLS_AFTER_OUTAGE), "a will for an outage close is counted, not judged");

    connect("u0", 12_500);
    assertEquals(List.of(new Summary.Outage(10.0, 12.5, 4, 0)), outages());
    assertFalse(run.metrics().brokerDownNow());
    assertEquals(1, count(Counters.BROKER_OUTAGES));
    assertEquals(1, count(Counters.WILLS_EXPECTED));
    assertEquals(0, count(Counters.FINDINGS));
  }

  @Test
  void aMassDropByTheClientIsNotAnOutage() {
    Attempt[] users = new Attempt[5];
    for (int i = 0; i < users.length; i++) {
      users[i] = connect("u" + i, 1_000 + i);
    }
    for (int i = 0; i < users.length; i++) {
      close(users[i], i % 2 == 0 ? CloseCause.ABRUPT_FIN_BY_CLIENT : CloseCause.ABRUPT_RST_BY_CLIENT, 10_000 + i);
    }
    connect("u0", 11_000);
    assertEquals(List.of(), outages());
    assertFalse(run.metrics().brokerDownNow());
    assertEquals(5, count(Counters.WILLS_EXPECTED), "every abrupt drop owes its will");
  }

  @Test
  void aTakeoverStormIsNotAnOutage() {
    // Three pairs, every live connection one of them, flapping in lockstep: each older connection's close is seen
    // before its newcomer's CONNACK, so for a moment no connection of the run is live.
    String[] ids = {"g0", "g1", "g2"};
    Attempt[] live = new Attempt[ids.length];
    for (int p = 0; p < ids.length; p++) {
      live[p] = connect(ids[p], 2 * p, 0, true, 1_000 + p, false);
    }
    for (int round = 1; round <= 6; round++) {
      long t = 1_000L * (round + 1);
      Attempt[] newcomers = new Attempt[ids.length];
      for (int p = 0; p < ids.length; p++) {
        newcomers[p] = attempt(ids[p], 2 * p + round % 2, round, true);
        emit(new TcpConnected(at(t + p) - 1_000, newcomers[p], 1_000)); // CONNECT written
      }
      for (int p = 0; p < ids.length; p++) {
        close(live[p], CloseCause.BY_BROKER, t + 10 + p); // taken over
      }
      for (int p = 0; p < ids.length; p++) {
        emit(new ConnAckReceived(at(t + 20 + p), newcomers[p], 0, false, 500_000, true,
            MqttProperties.NO_PROPERTIES));
        live[p] = newcomers[p];
      }
    }
    assertEquals(18, count(Counters.FLAPS_TAKEOVERS));
    assertEquals(List.of(), outages());
    assertEquals(0, count(Counters.WILLS_EXPECTED));
  }

  @Test
  void oneCloseThatLeavesNothingLiveIsAnOutageOnceAConnectIsRefused() {
    Attempt only = connect("u0", 1_000);
    close(only, CloseCause.BY_BROKER, 5_000);
    assertEquals(List.of(), outages(), "one close alone may be the broker at work");
    assertEquals(1, count(Counters.WILLS_EXPECTED));

    refused("u0", 6_000);
    assertEquals(List.of(new Summary.Outage(5.0, null, 1, 0)), outages());
    assertEquals(0, count(Counters.WILLS_EXPECTED), "the close turned out to be the broker's going away");
  }

  @Test
  void aRefusedConnectWithConnectionsLiveIsNoOutage() {
    connect("u0", 1_000);
    refused("u1", 2_000);
    assertEquals(List.of(), outages());
  }

  @Test
  void persistentSessionsNotResumedAfterAnOutageAreOneFindingNotMismatches() {
    Attempt[] users = new Attempt[3];
    for (int i = 0; i < users.length; i++) {
      users[i] = connect("p" + i, i, 0, false, 1_000 + i, false);
    }
    for (int i = 0; i < users.length; i++) {
      close(users[i], CloseCause.BY_BROKER, 10_000 + i);
    }
    connect("p0", 0, 1, false, 12_000, false); // the broker came back without the sessions
    connect("p1", 1, 1, false, 12_001, false);
    connect("p2", 2, 1, false, 12_002, true); // this one it kept
    Attempt again = connect("x", 3, 0, false, 12_100, false);
    close(again, CloseCause.GRACEFUL_BY_CLIENT, 13_000);
    connect("x", 3, 1, false, 14_000, false); // a session lost with no outage: a mismatch

    run.finishChecks(java.time.Duration.ZERO, false);
    assertEquals(List.of(new Summary.Outage(10.0, 12.0, 3, 2)), outages());
    assertEquals(2, count(Counters.SESSION_PRESENT_LOST_ON_BROKER_RESTART));
    assertEquals(1, count(Counters.SESSION_PRESENT_MISMATCHES));
    List<Finding> findings = run.findings().list();
    assertEquals(List.of("session-present-mismatch", BrokerOutages.KIND_SESSIONS_LOST),
        findings.stream().map(Finding::kind).toList());
    Finding lost = findings.get(1);
    assertEquals(12_000, lost.atMillis());
    assertTrue(lost.observed().contains("session present 0"), lost.observed());
    assertTrue(lost.expected().contains("2 persistent sessions"), lost.expected());
  }
}
