package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.testsupport.MosquittoBroker;

/**
 * mosquitto killed (kill -9) while every user is connected and started again on the same port: the will observer
 * is a client too, lost with the others. It must come back and see the wills of later drops, and the wills it
 * could not see while it was gone are unknown, never missing: no finding blames the broker for the harness's
 * own blindness.
 */
class BrokerRestartIT {
  private static final int CLIENTS = 40;

  @TempDir
  Path results;

  private MosquittoBroker mosquitto;

  @AfterEach
  void stop() {
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  @Test
  void willObserverComesBackAfterARestartAndWhatItMissedIsUnknown() throws Exception {
    mosquitto = MosquittoBroker.start();
    CompletableFuture<JsonNode> run = CompletableFuture.supplyAsync(() -> {
      try {
        return QuickstartRuns.counters(results, List.of("--set", "broker.url=tcp://127.0.0.1:" + mosquitto.port()),
            "load.clients=" + CLIENTS, "load.hold=8s", "load.leave=abrupt", "will.ratio=1",
            "reconnect.enabled=true", "reconnect.initialDelay=200ms");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    awaitConnected(CLIENTS + 1); // every user and the observer
    mosquitto.kill();
    mosquitto.restart();

    JsonNode c = run.get(90, TimeUnit.SECONDS);
    assertTrue(count(c, "wills.observerLost") >= 1, "the observer's loss is counted");
    // Every user closed by the broker's death owes a will the observer could not see, and every user's abrupt
    // leave after the restart owes one it must see.
    assertEquals(2L * CLIENTS, count(c, "wills.expected"));
    assertEquals(CLIENTS, count(c, "wills.received"), "the observer resubscribed after the restart");
    assertEquals(CLIENTS, count(c, "wills.unknown"));
    assertEquals(0, count(c, "wills.missing"));
    assertTrue(count(c, "wills.observerBlindMillis") < 8_000, "blind only until it reconnected");

    JsonNode summary = QuickstartRuns.read(results, "summary.json");
    assertFalse(summary.get("findingsByKind").has("will-missing"), summary.get("findingsByKind").toString());
    JsonNode wills = summary.get("wills");
    assertEquals(CLIENTS, wills.get("unknown").asLong());
    assertFalse(wills.get("observerLost").asLong() == 0);
  }

  private static long count(JsonNode counters, String name) {
    return QuickstartRuns.count(counters, name);
  }

  /** Waits until mosquitto has logged {@code n} client connections (bounded: 30 s). */
  private void awaitConnected(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (mosquitto.log().split("New client connected", -1).length - 1 >= n) {
        return;
      }
      Thread.sleep(20); // polling mosquitto's log: it has no other way to tell
    }
    throw new AssertionError("mosquitto never saw " + n + " connections: " + mosquitto.log());
  }
}
