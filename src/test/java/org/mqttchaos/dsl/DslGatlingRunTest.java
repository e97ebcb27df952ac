package org.mqttchaos.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttchaos.engine.GatlingLauncher;
import org.mqttchaos.run.RunHandOff;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.testsupport.MosquittoBroker;

/** Every DSL action, run by Gatling against a real mosquitto, in MQTT 3.1.1 and 5. */
class DslGatlingRunTest {
  @TempDir
  Path dir;

  @AfterEach
  void clear() {
    RunHandOff.clear();
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.1.1", "5"})
  void everyActionRunsOkThroughGatling(String version) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      RunScope context = new RunScope();
      RunHandOff.install(context, null);
      System.setProperty("dsl.tour.port", Integer.toString(broker.port()));
      System.setProperty("dsl.tour.version", version);

      int status = GatlingLauncher.run(DslTourSimulation.class.getName(), dir, "dsl tour", false);

      assertEquals(0, status, "Gatling status");
      RunMetrics m = context.metrics();
      int users = 2;
      for (String action : new String[] {"connect", "subscribe", "disconnect", "reconnect", "drop fin",
          "connect again", "drop rst", "connect with will", "disconnect with will", "connect silent", "go silent",
          "await broker close", "publishing hold", "await keep-alive cut", "connect loud", "leave"}) {
        assertEquals(users, m.counter("actions.ok." + action), "OK count of " + action);
        assertEquals(0, m.counter("actions.ko." + action), "KO count of " + action);
      }
      assertEquals(3L * users, m.counter("actions.ok.publish"), "publish ran OK for QoS 0, 1 and 2");
      // the publishing hold: 10 stamped QoS 2 messages per user (1 s at 10/s), each completed by PUBCOMP once
      assertEquals(10L * users, m.counter(Counters.messagesPublished(2)));
      assertEquals(10L * users, m.counter(Counters.messagesAcknowledged(2)));
      long delivered = m.counter(Counters.messagesReceived(1));
      assertTrue(delivered >= 10L * users && delivered <= 10L * users * users,
          "each user's own subscription (QoS 1) gets its messages, the other's may too: " + delivered);
      // subscribed at the first connect, then again at each clean connect ("connect again", "connect with will",
      // "connect silent", "connect loud"); the persistent "reconnect" found its session and its subscription on the broker
      assertEquals(5L * users, m.counter(Counters.MESSAGES_SUBSCRIPTIONS));
      assertEquals(0, m.counter("actions.ko.publish"));
      assertEquals(users, m.counter("actions.ko.publish before connect"), "an action before any connect is KO");
      assertEquals(0, m.counter("actions.ok.publish before connect"));
      assertEquals(users, m.counter(Counters.USERS_STARTED), "the early publish made no connection of its own");
      assertEquals(0, m.counter("actions.ok.no cut owed") + m.counter("actions.ko.no cut owed"),
          "a connection that is not silent owes no keep-alive cut: nothing waited for, no request");
      assertEquals(6L * users, m.counter("connects.succeeded"),
          "connect, reconnect, connect again, connect with will, connect silent, connect loud");
      assertEquals(2L * users, m.counter("drops.abrupt"));
      assertEquals(3L * users, m.counter("drops.graceful"));
      assertEquals(version.equals("5") ? users : 0, m.counter("closes.GRACEFUL_WITH_WILL_BY_CLIENT"),
          "MQTT 5 left with DISCONNECT 0x04");
      assertEquals(users, m.counter("flaps.total"), "the silent clients were cut by the broker's keep-alive");
      assertEquals(users, m.counter("sessionPresent.received1"), "the persistent reconnect found its session");
      assertEquals(0, m.counter("sessionPresent.mismatches"));
    }
  }
}
