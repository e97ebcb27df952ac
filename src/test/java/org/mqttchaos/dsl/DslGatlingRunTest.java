package org.mqttchaos.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttchaos.engine.GatlingLauncher;
import org.mqttchaos.run.RunHandOff;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.metrics.RunMetrics;
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
          "await broker close"}) {
        assertEquals(users, m.counter("actions.ok." + action), "OK count of " + action);
        assertEquals(0, m.counter("actions.ko." + action), "KO count of " + action);
      }
      assertEquals(2L * users, m.counter("actions.ok.publish"), "publish ran OK for QoS 0 and QoS 1");
      assertEquals(0, m.counter("actions.ko.publish"));
      assertEquals(5L * users, m.counter("connects.succeeded"),
          "connect, reconnect, connect again, connect with will, connect silent");
      assertEquals(2L * users, m.counter("drops.abrupt"));
      assertEquals(2L * users, m.counter("drops.graceful"));
      assertEquals(version.equals("5") ? users : 0, m.counter("closes.GRACEFUL_WITH_WILL_BY_CLIENT"),
          "MQTT 5 left with DISCONNECT 0x04");
      assertEquals(users, m.counter("flaps.total"), "the silent clients were cut by the broker's keep-alive");
      assertEquals(users, m.counter("sessionPresent.received1"), "the persistent reconnect found its session");
      assertEquals(0, m.counter("sessionPresent.mismatches"));
    }
  }
}
