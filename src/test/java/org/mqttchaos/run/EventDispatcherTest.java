package org.mqttchaos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.ClientTransport;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.PingRespReceived;
import org.mqttchaos.client.ConnectionEvent.PubRelReceived;
import org.mqttchaos.client.ConnectionEvent.TcpConnectStarted;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.TransportSettings;
import org.mqttchaos.testsupport.MosquittoBroker;
import org.junit.jupiter.api.Test;

/** The run's one event stream: every kind reaches a subscriber or is counted, and a check plugs in as one class. */
class EventDispatcherTest {
  private static final Attempt ATTEMPT =
      new Attempt(0, 0, MqttVersion.V3_1_1, new ConnectOptions("c", true, 0, null, null, null, 0), "plain");

  @Test
  void everyEventKindOfTheStreamHasASubscriberInARun() {
    RunScope run = new RunScope();
    List<Class<?>> kinds = List.of(ConnectionEvent.class.getPermittedSubclasses());
    assertEquals(30, kinds.size(), "a new event kind: give it a subscriber, then count it here");
    assertEquals(List.of(), ((EventDispatcher) run.events()).unclaimed(kinds));
  }

  @Test
  void anEventNobodyTakesIsCountedByKindNotDropped() {
    RunScope run = new RunScope();
    EventDispatcher onlyConnects = new EventDispatcher(List.of(), run.metrics());
    onlyConnects.onEvent(new PubRelReceived(1, ATTEMPT, 7));
    onlyConnects.onEvent(new PubRelReceived(2, ATTEMPT, 8));
    assertEquals(2, run.metrics().counter("events.unclaimed.PubRelReceived"));
  }

  /** The checks of a run cut short judge one history: what a connection emits once they settle reaches nobody. */
  @Test
  void afterTheRunsChecksSettleEventsReachNobody() {
    PingRespCounter pings = new PingRespCounter();
    RunScope run = new RunScope(RunScope.Settings.DEFAULT, List.of(pings));
    run.events().onEvent(new PingRespReceived(1, ATTEMPT));
    run.events().onEvent(new PubRelReceived(2, ATTEMPT, 7));
    run.finishChecks(java.time.Duration.ZERO, true);
    run.events().onEvent(new PingRespReceived(3, ATTEMPT));
    run.events().onEvent(new PubRelReceived(4, ATTEMPT, 8));
    assertEquals(1, pings.pingResps.sum(), "the one before the checks settled");
    assertEquals(1, run.metrics().counter("packets.PubRelReceived"), "the run's own counters alike");
  }

  @Test
  void subscribersGetOnlyTheirKindsInRegistrationOrder() {
    RunScope run = new RunScope();
    PingRespCounter first = new PingRespCounter();
    PingRespCounter second = new PingRespCounter();
    EventDispatcher dispatcher = new EventDispatcher(List.of(first, second), run.metrics());
    dispatcher.onEvent(new TcpConnectStarted(1, ATTEMPT));
    dispatcher.onEvent(new PingRespReceived(2, ATTEMPT));
    assertEquals(1, first.pingResps.sum());
    assertEquals(1, second.pingResps.sum());
    assertEquals(1, run.metrics().counter("events.unclaimed.TcpConnectStarted"));
  }

  /** The example of a check of one's own: one class, plugged into a run without touching gatling/ or report/. */
  @Test
  void aToyCheckerCountsPingRespsOfARealConnection() throws Exception {
    PingRespCounter pings = new PingRespCounter();
    RunScope run = new RunScope(RunScope.Settings.DEFAULT, List.of(pings));
    MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      MqttConnection c = new ClientTransport(TransportSettings.of(broker.address(), MqttVersion.V3_1_1,
          Duration.ofSeconds(5))).newConnection(loops.next(), run.events(), "plain");
      assertTrue(c.connect(new ConnectOptions("toy-checker", true, 1, null, null, null, 0))
          .get(5, TimeUnit.SECONDS).connected());
      pings.first.get(10, TimeUnit.SECONDS); // keep-alive 1 s: the first PINGREQ goes out after a second
      c.disconnect().get(5, TimeUnit.SECONDS);
      assertTrue(pings.pingResps.sum() >= 1);
      assertEquals(0, run.metrics().counter("keepAlive.pingsUnanswered"));
      assertTrue(run.metrics().counter("keepAlive.pingsSent") >= 1);
      assertEquals(pings.pingResps.sum(), run.metrics().counter("keepAlive.pingsAnswered"));
      assertEquals(1, run.metrics().counter("connects.succeeded"));
    } finally {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
