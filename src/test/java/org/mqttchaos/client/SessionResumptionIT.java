package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqttchaos.broker.EmbeddedBroker;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.MessageAbandoned;
import org.mqttchaos.client.ConnectionEvent.PubRelResent;
import org.mqttchaos.client.ConnectionEvent.PublishReceived;
import org.mqttchaos.client.ConnectionEvent.PublishResent;
import org.mqttchaos.testsupport.MosquittoBroker;
import org.mqttchaos.testsupport.MqttRelay;

/**
 * A persistent session resumed after its connection was cut with messages in flight, against mosquitto and the
 * embedded broker, in MQTT 3.1.1 and 5 (MQTT 3.1.1 section 4.4, [MQTT-4.4.0-1]; MQTT 5 section 4.4). The publisher
 * talks through an {@link MqttRelay} that loses exactly the packets the test names, then cuts the connection (RST):
 * <ul>
 *   <li>a: QoS 1 whose PUBLISH never reached the broker: resent with DUP, delivered once;</li>
 *   <li>b: QoS 2 whose PUBLISH never reached the broker: resent with DUP, delivered once;</li>
 *   <li>c: QoS 1 delivered, its PUBACK lost: resent with DUP, so delivered twice (QoS 1 is at least once and
 *       neither broker de-duplicates it);</li>
 *   <li>d: QoS 2 delivered, PUBREC came, its PUBCOMP lost: PUBREL resent, delivered exactly once.</li>
 * </ul>
 * Two messages of each: eight in flight at the cut, within both brokers' Receive Maximum (mosquitto 20, HiveMQ 10).
 */
class SessionResumptionIT {
  private static final long WAIT_S = 10;
  private static final int EACH = 2;
  private static final int PUBLISH = 3;
  private static final int PUBACK = 4;
  private static final int PUBCOMP = 7;
  private static final AtomicInteger RUNS = new AtomicInteger();

  private static MosquittoBroker mosquitto;
  private static EmbeddedBroker embedded;
  private static Loops loops;

  @BeforeAll
  static void start() {
    CompletableFuture<EmbeddedBroker> starting =
        CompletableFuture.supplyAsync(() -> EmbeddedBroker.start("127.0.0.1", 0));
    mosquitto = MosquittoBroker.start();
    embedded = starting.join();
    loops = new Loops();
  }

  @AfterAll
  static void stop() throws Exception {
    loops.close();
    mosquitto.close();
    embedded.close();
  }

  private record Client(MqttConnection connection, RecordingListener events) {}

  private static Client client(InetSocketAddress address, MqttVersion version) {
    RecordingListener events = new RecordingListener();
    MqttConnection c = new ClientTransport(TransportSettings.of(address, version, Duration.ofSeconds(5)))
        .newConnection(loops.next("nio"), events);
    return new Client(c, events);
  }

  private static InetSocketAddress broker(String which) {
    return which.equals("mosquitto") ? mosquitto.address()
        : new InetSocketAddress(InetAddress.getLoopbackAddress(), embedded.port());
  }

  @ParameterizedTest(name = "{0}, MQTT {1}")
  @CsvSource({"mosquitto, V3_1_1", "mosquitto, V5", "embedded, V3_1_1", "embedded, V5"})
  void aResumedSessionDeliversEveryMessageAndQos2ExactlyOnce(String which, MqttVersion version) throws Exception {
    String root = "it/resume/" + which + "/" + version + "/" + RUNS.incrementAndGet();
    Client subscriber = client(broker(which), version);
    assertTrue(subscriber.connection().connect(new ConnectOptions(root + "/sub", true, 60, null, null, null, 0))
        .get(WAIT_S, TimeUnit.SECONDS).connected());
    assertEquals(2, subscriber.connection().subscribe(root + "/#", 2).get(WAIT_S, TimeUnit.SECONDS));

    try (MqttRelay relay = MqttRelay.start(broker(which))) {
      Client publisher = client(relay.address(), version);
      ConnectOptions persistent = new ConnectOptions(root + "/pub", false, 60, null, null, null, 300);
      MqttConnection pub = publisher.connection();
      // A fresh session first (clean), then the persistent one, so no earlier run's session is resumed.
      assertTrue(pub.connect(new ConnectOptions(root + "/pub", true, 60, null, null, null, 0))
          .get(WAIT_S, TimeUnit.SECONDS).connected());
      pub.disconnect().get(WAIT_S, TimeUnit.SECONDS);
      assertTrue(pub.connect(persistent).get(WAIT_S, TimeUnit.SECONDS).connected());

      List<CompletableFuture<Void>> done = new ArrayList<>();
      relay.dropToBroker(type -> type == PUBLISH); // a and b: the first PUBLISH is lost on the way
      publish(pub, root, "a", 1, done);
      publish(pub, root, "b", 2, done);
      relay.awaitDropped(false, PUBLISH, 2 * EACH, WAIT_S);
      relay.dropNothing();
      relay.dropToClient(type -> type == PUBACK || type == PUBCOMP); // c and d: the last acknowledgement is lost
      publish(pub, root, "c", 1, done);
      publish(pub, root, "d", 2, done);
      relay.awaitDropped(true, PUBACK, EACH, WAIT_S);
      relay.awaitDropped(true, PUBCOMP, EACH, WAIT_S);
      awaitReceived(subscriber, 2 * EACH);
      assertFalse(done.stream().anyMatch(CompletableFuture::isDone), "nothing acknowledged before the cut");

      relay.cut();
      pub.closed().get(WAIT_S, TimeUnit.SECONDS);
      relay.dropNothing();
      ConnectResult resumed = pub.connect(persistent).get(WAIT_S, TimeUnit.SECONDS);
      assertTrue(resumed.connected() && resumed.sessionPresent(), "session present on the reconnect: " + resumed);
      CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).get(WAIT_S, TimeUnit.SECONDS);
      assertTrue(done.stream().noneMatch(CompletableFuture::isCompletedExceptionally));

      // Sentinels, one per topic at its QoS: brokers deliver in order per topic, so once they are in, so is the rest.
      for (String group : List.of("a", "b", "c", "d")) {
        pub.publish(root + "/" + group, "end".getBytes(StandardCharsets.UTF_8), group.equals("a")
            || group.equals("c") ? 1 : 2, false).get(WAIT_S, TimeUnit.SECONDS);
      }
      awaitReceived(subscriber, 5 * EACH + 4);

      Map<String, Integer> counts = new TreeMap<>();
      for (PublishReceived p : subscriber.events().ofType(PublishReceived.class)) {
        counts.merge(p.topic().substring(root.length() + 1) + ":" + new String(p.payload(), StandardCharsets.UTF_8),
            1, Integer::sum);
      }
      assertEquals(Map.ofEntries(
          Map.entry("a:a0", 1), Map.entry("a:a1", 1), Map.entry("a:end", 1),
          Map.entry("b:b0", 1), Map.entry("b:b1", 1), Map.entry("b:end", 1),
          Map.entry("c:c0", 2), Map.entry("c:c1", 2), Map.entry("c:end", 1),
          Map.entry("d:d0", 1), Map.entry("d:d1", 1), Map.entry("d:end", 1)), counts);

      assertEquals(3 * EACH, publisher.events().ofType(PublishResent.class).size(), "a, b and c resent with DUP");
      assertEquals(EACH, publisher.events().ofType(PubRelResent.class).size(), "d's PUBREL resent");
      assertEquals(List.of(), publisher.events().ofType(MessageAbandoned.class));
      List<ConnAckReceived> connacks = publisher.events().ofType(ConnAckReceived.class);
      assertTrue(connacks.get(connacks.size() - 1).sessionPresent());
      pub.disconnect().get(WAIT_S, TimeUnit.SECONDS);
    } finally {
      subscriber.connection().disconnect().get(WAIT_S, TimeUnit.SECONDS);
    }
  }

  private static void publish(MqttConnection pub, String root, String group, int qos,
      List<CompletableFuture<Void>> done) {
    for (int i = 0; i < EACH; i++) {
      done.add(pub.publish(root + "/" + group, (group + i).getBytes(StandardCharsets.UTF_8), qos, false));
    }
  }

  private static void awaitReceived(Client subscriber, int count) throws Exception {
    AtomicInteger seen = new AtomicInteger();
    subscriber.events().first(e -> e instanceof PublishReceived && seen.incrementAndGet() >= count)
        .get(WAIT_S, TimeUnit.SECONDS);
  }
}
