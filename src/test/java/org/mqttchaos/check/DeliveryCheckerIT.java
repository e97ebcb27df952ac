package org.mqttchaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttchaos.broker.EmbeddedBroker;
import org.mqttchaos.client.AbruptMode;
import org.mqttchaos.client.ClientTransport;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectResult;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.PingRespReceived;
import org.mqttchaos.client.ConnectionEvent.PubRelReceived;
import org.mqttchaos.client.ConnectionEvent.PublishReceived;
import org.mqttchaos.client.MessageStamp;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.TransportSettings;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.summary.MessageOutcomes;
import org.mqttchaos.testsupport.FaultyRelay;
import org.mqttchaos.testsupport.FaultyRelay.Fault;
import org.mqttchaos.testsupport.MosquittoBroker;

/**
 * The delivery checker on real brokers, through a run's event stream (RunScope, where it is registered): real
 * publishers and subscribers ({@link MqttConnection}) against mosquitto and the embedded broker find nothing, and
 * through a {@link FaultyRelay} in front of mosquitto each injected fault is found, exactly once.
 *
 * <p>The shape: two clean subscribers on {@code chk/#}; two publishers, one after the other, each sending
 * {@link #PER_PUBLISHER} stamped messages on its own topic and waiting for every acknowledgement. The relay breaks
 * every 10th delivery of each subscriber connection: 98 deliveries each, so 9 faults each, 18 in all, every swap
 * inside one publisher's stream. The checker judges once every delivery that can come has come (drain 0).
 */
class DeliveryCheckerIT {
  private static final int PER_PUBLISHER = 49;
  private static final int PUBLISHERS = 2;
  private static final int SUBSCRIBERS = 2;
  private static final int EVERY = 10;
  private static final int FAULTS = SUBSCRIBERS * (PUBLISHERS * PER_PUBLISHER / EVERY); // 18
  private static final int PAIRS = SUBSCRIBERS * PUBLISHERS * PER_PUBLISHER; // 196
  private static final long WAIT_S = 20;

  private static MosquittoBroker mosquitto;
  private static EmbeddedBroker embedded;
  private static EventLoopGroup loops;

  @BeforeAll
  static void start() {
    CompletableFuture<EmbeddedBroker> starting =
        CompletableFuture.supplyAsync(() -> EmbeddedBroker.start("127.0.0.1", 0));
    // mosquitto 2.0.11 loses QoS 2 messages released while a subscriber's in-flight window is full (see
    // mosquitto211LosesQos2OverItsInflightWindow): a window above the 98 deliveries a subscriber gets here keeps
    // this shape off that path, so the faults the relay injects are the only ones.
    mosquitto = MosquittoBroker.start("max_inflight_messages 100");
    embedded = starting.join();
    loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() throws Exception {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    mosquitto.close();
    embedded.close();
  }

  private static InetSocketAddress embeddedAddress() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), embedded.port());
  }

  @ParameterizedTest(name = "QoS {0}")
  @ValueSource(ints = {1, 2})
  void mosquittoDeliversEveryMessageOnceInOrder(int qos) throws Exception {
    Outcome o = new Run(mosquitto.address()).pubSub(qos, PAIRS);
    assertEquals("published=98 expected=196 delivered=196", DeliveryCheckerTest.render(o.figures), mosquitto.log());
    assertEquals("", o.kinds);
  }

  @ParameterizedTest(name = "QoS {0}")
  @ValueSource(ints = {1, 2})
  void theEmbeddedBrokerDeliversEveryMessageOnceInOrder(int qos) throws Exception {
    Outcome o = new Run(embeddedAddress()).pubSub(qos, PAIRS);
    assertEquals("published=98 expected=196 delivered=196", DeliveryCheckerTest.render(o.figures));
    assertEquals("", o.kinds);
  }

  @ParameterizedTest(name = "through the relay: {0}")
  @ValueSource(strings = {"NONE", "DROP_QOS1", "DUPLICATE_QOS2", "SWAP"})
  void eachFaultOfTheRelayIsFoundExactly(String name) throws Exception {
    Fault fault = Fault.valueOf(name);
    try (FaultyRelay relay = FaultyRelay.start(mosquitto.address(), fault, EVERY)) {
      Run run = new Run(relay.address());
      Outcome o;
      if (fault == Fault.NONE) {
        o = run.pubSub(1, PAIRS);
        assertEquals("published=98 expected=196 delivered=196", DeliveryCheckerTest.render(o.figures));
        assertEquals("", o.kinds);
      } else if (fault == Fault.DROP_QOS1) {
        o = run.pubSub(1, PAIRS - FAULTS);
        assertEquals("published=98 expected=196 delivered=178 lost=18", DeliveryCheckerTest.render(o.figures));
        assertEquals("message-lost=18", o.kinds);
      } else if (fault == Fault.DUPLICATE_QOS2) {
        o = run.pubSub(2, PAIRS + FAULTS);
        assertEquals("published=98 expected=196 delivered=196 duplicated=18", DeliveryCheckerTest.render(o.figures));
        assertEquals("message-duplicate=18", o.kinds);
      } else {
        o = run.pubSub(1, PAIRS);
        assertEquals("published=98 expected=196 delivered=196 outOfOrder=18", DeliveryCheckerTest.render(o.figures));
        assertEquals("message-out-of-order=18", o.kinds);
      }
      assertEquals(fault == Fault.NONE ? 0 : FAULTS, relay.injected());
      assertEquals(o.findings, run.scope.metrics().counter("findings"));
    }
  }

  /** A persistent subscriber cut abruptly gets, after its resume, every QoS 1 message published meanwhile: late. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mosquitto", "embedded"})
  void theOfflineQueueArrivesAfterTheResume(String broker) throws Exception {
    Run run = new Run(broker.equals("mosquitto") ? mosquitto.address() : embeddedAddress());
    MqttConnection sub = run.client();
    String id = run.prefix + "-offline";
    run.connect(sub, id, false);
    assertEquals(1, sub.subscribe("chk/#", 1).get(WAIT_S, TimeUnit.SECONDS));
    sub.closeAbruptly(AbruptMode.RST).get(WAIT_S, TimeUnit.SECONDS);
    MqttConnection pub = run.client();
    run.connect(pub, run.prefix + "-pub", true);
    run.publishAll(pub, 0, "chk/p0", 20, 1);
    assertTrue(run.connect(sub, id, false).sessionPresent(), "the persistent session was resumed");
    run.awaitArrivals(20);
    Outcome o = run.finish();
    assertEquals("published=20 expected=20 delivered=20 late=20", DeliveryCheckerTest.render(o.figures));
    assertEquals("", o.kinds);
    run.closeAll();
  }

  /**
   * A clean subscriber cut (RST) after its first 30 messages and back 30 messages later: what was published while it
   * was away is owed to nobody, the rest arrives. The run's real drain window (5 s).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mosquitto", "embedded"})
  void aCleanSubscriberCutIsOwedNothingWhileAway(String broker) throws Exception {
    Run run = new Run(broker.equals("mosquitto") ? mosquitto.address() : embeddedAddress());
    run.drain = Duration.ofSeconds(5);
    MqttConnection sub = run.client();
    String id = run.prefix + "-clean";
    run.connect(sub, id, true);
    assertEquals(1, sub.subscribe("chk/#", 1).get(WAIT_S, TimeUnit.SECONDS));
    MqttConnection pub = run.client();
    run.connect(pub, run.prefix + "-pub", true);
    run.publishAll(pub, 0, 0, "chk/p0", 30, 1);
    run.awaitArrivals(30);
    sub.closeAbruptly(AbruptMode.RST).get(WAIT_S, TimeUnit.SECONDS);
    run.publishAll(pub, 0, 30, "chk/p0", 30, 1);
    run.connect(sub, id, true);
    assertEquals(1, sub.subscribe("chk/#", 1).get(WAIT_S, TimeUnit.SECONDS));
    run.publishAll(pub, 0, 60, "chk/p0", 30, 1);
    run.awaitArrivals(60);
    Outcome o = run.finish();
    assertEquals("published=90 expected=60 delivered=60", DeliveryCheckerTest.render(o.figures));
    assertEquals("", o.kinds);
    run.closeAll();
  }

  /** A persistent subscriber taken over by a newer connection of its ID: the newer one gets the rest, once each. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mosquitto", "embedded"})
  void aTakenOverPersistentSubscriberKeepsItsMessages(String broker) throws Exception {
    Run run = new Run(broker.equals("mosquitto") ? mosquitto.address() : embeddedAddress());
    run.drain = Duration.ofSeconds(5);
    String id = run.prefix + "-taken";
    MqttConnection first = run.client();
    run.connect(first, id, false);
    assertEquals(1, first.subscribe("chk/#", 1).get(WAIT_S, TimeUnit.SECONDS));
    MqttConnection pub = run.client();
    run.connect(pub, run.prefix + "-pub", true);
    run.publishAll(pub, 0, 0, "chk/p0", 20, 1);
    run.awaitArrivals(20);
    MqttConnection second = run.client();
    assertTrue(run.connect(second, id, false).sessionPresent(), "the takeover resumed the session");
    first.closed().get(WAIT_S, TimeUnit.SECONDS);
    run.publishAll(pub, 0, 20, "chk/p0", 20, 1);
    run.awaitDistinct(40); // not 40 copies: the broker may resend some of the first 20 (below)
    Outcome o = run.finish();
    // QoS 1 is at least once: a PUBACK of the first connection still on its way when the takeover came leaves that
    // message unacknowledged in the session, and the broker sends it again to the second (seen on mosquitto):
    // counted as duplicated, never a finding, and only ever one of the first 20.
    String figures = DeliveryCheckerTest.render(o.figures);
    assertTrue(figures.matches("published=40 expected=40 delivered=40( duplicated=([1-9]|1[0-9]|20))?"), figures);
    assertEquals("", o.kinds);
    run.closeAll();
  }

  /**
   * A clean subscriber gone silent is cut by the broker for keep-alive; what it got before the cut is delivered,
   * the rest an expected loss: never a finding, never unknown (its session ended).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mosquitto", "embedded"})
  void aSilentCleanSubscriberCutForKeepAliveIsNoFinding(String broker) throws Exception {
    Run run = new Run(broker.equals("mosquitto") ? mosquitto.address() : embeddedAddress());
    run.drain = Duration.ofSeconds(5);
    run.keepAlive = 1;
    MqttConnection sub = run.client();
    run.connect(sub, run.prefix + "-silent", true);
    assertEquals(1, sub.subscribe("chk/#", 1).get(WAIT_S, TimeUnit.SECONDS));
    run.keepAlive = 60;
    MqttConnection pub = run.client();
    run.connect(pub, run.prefix + "-pub", true);
    run.publishAll(pub, 0, 0, "chk/p0", 10, 1);
    run.awaitArrivals(10);
    sub.goSilent();
    run.publishAll(pub, 0, 10, "chk/p0", 40, 1);
    sub.closed().get(WAIT_S, TimeUnit.SECONDS); // the broker's cut, after 1.5 s
    Outcome o = run.finish();
    MessageOutcomes m = o.figures;
    assertEquals(50, m.published());
    assertEquals(50, m.expected());
    assertEquals(50, m.delivered() + m.expectedLoss(), DeliveryCheckerTest.render(m));
    assertTrue(m.delivered() >= 10, DeliveryCheckerTest.render(m));
    // mosquitto's keep-alive cut may be late by the keep-alive checker's measure (a second's granularity against a
    // 1 s keep-alive): that check's business, not this one's
    assertEquals(List.of(), run.scope.findings().list().stream().filter(f -> f.kind().startsWith("message-")).toList());
    run.closeAll();
  }

  /**
   * A real broker bug, found: mosquitto 2.0.11 acknowledges every QoS 2 PUBLISH of a burst (PUBCOMP) but drops those
   * it releases while the subscriber's in-flight window (max_inflight_messages, 20 by default) is full, although the
   * subscriber answers every PUBREC and PUBCOMP at once; they never come, not after PINGREQs either. How many it
   * drops depends on timing, so the test asserts that each missing message is one message-lost finding and that
   * nothing else is found. The broker has gone quiet when a PINGRESP came with no new PUBLISH before it and every
   * QoS 2 delivery completed: mosquitto answers on one thread, in order, and sends what it queued on the PUBCOMP
   * that frees a slot. mosquitto's own log (log_type all) shows it: every PUBLISH it sent the subscriber was answered
   * with PUBREC, every PUBREL with PUBCOMP, all read by it, and it still never sent the queued rest, so it is not our
   * client's QoS 2 receive path (client.QosFlows). mosquitto's maintainer named "a variety of fixes related to the
   * inflight quota" in releases after 2.0.11 (eclipse-mosquitto/mosquitto#2362).
   */
  @Test
  void mosquitto211LosesQos2OverItsInflightWindow() throws Exception {
    try (MosquittoBroker plain = MosquittoBroker.start("log_type all")) {
      assumeTrue(plain.version().equals("2.0.11"), "seen on mosquitto 2.0.11; this is " + plain.version());
      Run run = new Run(plain.address());
      run.keepAlive = 1;
      MqttConnection sub = run.client();
      run.connect(sub, run.prefix + "-sub", true);
      assertEquals(2, sub.subscribe("chk/#", 2).get(WAIT_S, TimeUnit.SECONDS));
      MqttConnection pub = run.client();
      run.connect(pub, run.prefix + "-pub", true);
      run.publishAll(pub, 0, "chk/p0", 60, 2);
      run.awaitQuiet();
      Outcome o = run.finish();
      MessageOutcomes m = o.figures;
      assertTrue(m.lost() > 0, DeliveryCheckerTest.render(m));
      assertEquals("published=60 expected=60 delivered=" + (60 - m.lost()) + " lost=" + m.lost(),
          DeliveryCheckerTest.render(m));
      assertEquals("message-lost=" + m.lost(), o.kinds);
      // the broker's own log: it sent the subscriber only what arrived, and our client completed every one of those
      // QoS 2 flows (PUBREC for each PUBLISH, PUBCOMP for each PUBREL, all read by mosquitto), while it had taken all
      // 60 from the publisher (each PUBREL answered with PUBCOMP): the rest stayed in its queue
      String log = plain.log();
      String subId = run.prefix + "-sub";
      long delivered = m.delivered();
      assertEquals(delivered, occurrences(log, "Sending PUBLISH to " + subId + " "), "PUBLISH sent to the subscriber");
      assertEquals(delivered, occurrences(log, "Received PUBREC from " + subId + " "));
      assertEquals(delivered, occurrences(log, "Sending PUBREL to " + subId + " "));
      assertEquals(delivered, occurrences(log, "Received PUBCOMP from " + subId + " "));
      assertEquals(60, occurrences(log, "Sending PUBCOMP to " + run.prefix + "-pub "));
      run.closeAll();
    }
  }

  private static long occurrences(String text, String what) {
    long n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private record Outcome(MessageOutcomes figures, String kinds, long findings) {}

  /** One run's scope and clients; every client's events go to the run's event stream. */
  private static final class Run {
    final RunScope scope = new RunScope();
    final InetSocketAddress address;
    final String prefix = "chk" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
    final List<MqttConnection> clients = new ArrayList<>();
    private final Object arrivedLock = new Object();
    private int arrived;
    private final java.util.Set<MessageStamp> distinct = new java.util.HashSet<>(); // messages arrived, once each
    private int released; // PUBREL read: a QoS 2 delivery completed
    private int pingResps;
    int keepAlive = 60;
    Duration drain = Duration.ZERO;

    Run(InetSocketAddress address) {
      this.address = address;
    }

    void onEvent(ConnectionEvent e) {
      scope.events().onEvent(e);
      if (e instanceof PublishReceived || e instanceof PubRelReceived || e instanceof PingRespReceived) {
        synchronized (arrivedLock) {
          if (e instanceof PublishReceived p) {
            arrived++;
            MessageStamp stamp = MessageStamp.decode(p.payload());
            if (stamp != null) {
              distinct.add(stamp);
            }
          } else if (e instanceof PubRelReceived) {
            released++;
          } else if (e.clientId().endsWith("-sub")) {
            pingResps++; // the subscriber's own round trip: what mosquitto sends it comes before
          }
          arrivedLock.notifyAll();
        }
      }
    }

    MqttConnection client() {
      MqttConnection c = new ClientTransport(TransportSettings.of(address, MqttVersion.V3_1_1, Duration.ofSeconds(5)))
          .newConnection(loops.next(), this::onEvent, "test");
      clients.add(c);
      return c;
    }

    ConnectResult connect(MqttConnection c, String clientId, boolean clean) throws Exception {
      ConnectResult r = c.connect(new ConnectOptions(clientId, clean, keepAlive, null, null, null, 0))
          .get(WAIT_S, TimeUnit.SECONDS);
      assertTrue(r.connected(), clientId + ": " + r.failure());
      return r;
    }

    /** {@code count} stamped messages of publisher {@code index} on {@code topic}, written at once, all acknowledged. */
    void publishAll(MqttConnection pub, int index, String topic, int count, int qos) throws Exception {
      publishAll(pub, index, 0, topic, count, qos);
    }

    /** As {@link #publishAll(MqttConnection, int, String, int, int)}, sequences from {@code first}. */
    void publishAll(MqttConnection pub, int index, int first, String topic, int count, int qos) throws Exception {
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      for (int seq = first; seq < first + count; seq++) {
        acks.add(pub.publish(topic, new MessageStamp(index, seq, System.nanoTime()).encode(64), qos, false));
      }
      CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(WAIT_S, TimeUnit.SECONDS);
    }

    void awaitArrivals(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
      synchronized (arrivedLock) {
        while (arrived < count) {
          long left = deadline - System.nanoTime();
          assertTrue(left > 0, "arrived " + arrived + " of " + count + "; " + scope.metrics().counters());
          TimeUnit.NANOSECONDS.timedWait(arrivedLock, left);
        }
      }
    }

    /** Waits until {@code count} different stamped messages arrived (a QoS 1 redelivery counts once). */
    void awaitDistinct(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
      synchronized (arrivedLock) {
        while (distinct.size() < count) {
          long left = deadline - System.nanoTime();
          assertTrue(left > 0, "arrived " + distinct.size() + " of " + count + " messages; "
              + scope.metrics().counters());
          TimeUnit.NANOSECONDS.timedWait(arrivedLock, left);
        }
      }
    }

    /** Waits for a PINGRESP that follows no new PUBLISH and finds every QoS 2 delivery complete. */
    void awaitQuiet() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
      synchronized (arrivedLock) {
        while (true) {
          int before = arrived;
          int pings = pingResps;
          while (pingResps == pings) {
            long left = deadline - System.nanoTime();
            assertTrue(left > 0, "no quiet PINGRESP; " + scope.metrics().counters());
            TimeUnit.NANOSECONDS.timedWait(arrivedLock, left);
          }
          if (arrived == before && released == arrived) {
            return;
          }
        }
      }
    }

    /** The shape of the class comment; waits for {@code arrivals} PUBLISHes at the subscribers, then judges. */
    Outcome pubSub(int qos, int arrivals) throws Exception {
      for (int i = 0; i < SUBSCRIBERS; i++) {
        MqttConnection sub = client();
        connect(sub, prefix + "-sub" + i, true);
        assertEquals(qos, sub.subscribe("chk/#", qos).get(WAIT_S, TimeUnit.SECONDS));
      }
      for (int p = 0; p < PUBLISHERS; p++) {
        MqttConnection pub = client();
        connect(pub, prefix + "-pub" + p, true);
        publishAll(pub, p, "chk/p" + p, PER_PUBLISHER, qos);
      }
      awaitArrivals(arrivals);
      Outcome o = finish();
      closeAll();
      return o;
    }

    Outcome finish() {
      scope.finishChecks(drain, false);
      return new Outcome(scope.delivery().outcomes(), DeliveryCheckerTest.kinds(scope.findings().list()),
          scope.findings().count());
    }

    void closeAll() throws Exception {
      for (MqttConnection c : clients) {
        c.disconnect().get(WAIT_S, TimeUnit.SECONDS);
      }
    }
  }
}
