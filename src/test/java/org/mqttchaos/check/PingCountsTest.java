package org.mqttchaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.PingReqSent;
import org.mqttchaos.client.ConnectionEvent.PingRespReceived;
import org.mqttchaos.client.ConnectionEvent.TcpConnected;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.summary.Counters;

/**
 * keepAlive.pingsSent and keepAlive.pingsAnswered from synthetic events fed to a run's event stream, as a run wires
 * its checkers: every PINGREQ written and every PINGRESP received is counted, on every connection, and a PINGREQ
 * left unanswered past keep-alive is still the one pingresp-missing finding.
 */
class PingCountsTest {
  private final RunScope run = new RunScope();
  private final long t0 = run.startNanos();

  private Attempt connect(String clientId, int connection, long atMs) {
    Attempt a = new Attempt(connection, 0, MqttVersion.V3_1_1,
        new ConnectOptions(clientId, true, 30, null, null, null, 0), "plain");
    emit(new TcpConnected(at(atMs) - 1_000, a, 1_000));
    emit(new ConnAckReceived(at(atMs), a, 0, false, 500_000, false, MqttProperties.NO_PROPERTIES));
    return a;
  }

  private void emit(ConnectionEvent e) {
    run.events().onEvent(e);
  }

  private long at(long ms) {
    return t0 + ms * 1_000_000L;
  }

  private long count(String counter) {
    return run.metrics().counter(counter);
  }

  @Test
  void everyPingReqAndPingRespIsCounted() {
    Attempt a = connect("a", 0, 100);
    Attempt b = connect("b", 1, 200);
    assertEquals(0, count(Counters.KEEPALIVE_PINGS_SENT), "no PINGREQ yet: zero, not absent");
    for (int i = 1; i <= 3; i++) { // keep-alive 30 s: a PINGREQ every 30 s, each answered within 2 ms
      emit(new PingReqSent(at(100 + 30_000L * i), a));
      emit(new PingRespReceived(at(102 + 30_000L * i), a));
      emit(new PingReqSent(at(200 + 30_000L * i), b));
      emit(new PingRespReceived(at(201 + 30_000L * i), b));
    }
    emit(new PingReqSent(at(120_200), b)); // b's fourth, never answered
    assertEquals(7, count(Counters.KEEPALIVE_PINGS_SENT));
    assertEquals(6, count(Counters.KEEPALIVE_PINGS_ANSWERED));

    run.keepAlive().finish(at(151_000)); // 30.8 s after b's last PINGREQ: longer than keep-alive
    assertEquals(1, count(Counters.KEEPALIVE_PINGS_UNANSWERED));
    assertEquals(List.of("pingresp-missing"), run.findings().list().stream().map(Finding::kind).toList());
    assertEquals(7, count(Counters.KEEPALIVE_PINGS_SENT), "the run's end counts no PINGREQ twice");
    assertEquals(6, count(Counters.KEEPALIVE_PINGS_ANSWERED));
  }
}
