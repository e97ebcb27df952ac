package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.run.RunHandOff;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.testsupport.MosquittoBroker;

/**
 * mosquitto killed (kill -9) while every user is connected and started again on the same port once the run noticed:
 * the run names the outage (summary.json, timeline.csv, report.html), the connections the broker's death closed owe
 * no will, and the will observer, a client too, comes back and sees the wills of later drops. With persistent
 * sessions and a broker that keeps none across a restart, the lost sessions are one finding with their count, not a
 * session-present mismatch each.
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
  void anOutageIsNamedItsClosesOweNoWillAndTheWillObserverComesBack() throws Exception {
    mosquitto = MosquittoBroker.start();
    CompletableFuture<JsonNode> run = runAsync("load.hold=8s", "load.leave=abrupt", "will.ratio=1");
    awaitConnected(CLIENTS + 1); // every user and the observer
    mosquitto.kill();
    awaitBrokerDown(); // the users noticed
    mosquitto.restart();

    JsonNode c = run.get(90, TimeUnit.SECONDS);
    assertTrue(count(c, "wills.observerLost") >= 1, "the observer's loss is counted");
    // The broker's death closed every user: those owe no will. Every user's abrupt leave after the restart owes
    // one, which the observer, back, must see.
    assertEquals(CLIENTS, count(c, "wills.received"), "the observer resubscribed after the restart");
    assertEquals(0, count(c, "wills.missing"));
    // Under load a user can come back and be closed again while the observer is still reconnecting: a will owed
    // then is unknown, never missing. Every other expected will is a leave's, and was seen.
    long unknown = count(c, "wills.unknown");
    assertTrue(unknown <= 2, "unknown: " + unknown);
    assertEquals(CLIENTS + unknown, count(c, "wills.expected"));
    assertTrue(count(c, "wills.observerBlindMillis") < 8_000, "blind only until it reconnected");

    JsonNode summary = QuickstartRuns.read(results, "summary.json");
    assertFalse(summary.get("findingsByKind").has("will-missing"), summary.get("findingsByKind").toString());
    assertEquals(0, summary.get("findings").asLong(), summary.get("findingsByKind").toString());
    JsonNode outages = summary.get("broker").get("outages");
    assertEquals(1, outages.size(), outages.toString());
    JsonNode outage = outages.get(0);
    double from = outage.get("from").asDouble();
    double to = outage.get("to").asDouble();
    assertTrue(from > 0.5 && to > from && to - from < 10, "from " + from + " to " + to);
    assertEquals(CLIENTS, outage.get("connectionsLost").asLong(), outage.toString());
    assertEquals(0, outage.get("sessionsLost").asLong(), outage.toString());
    assertEquals(unknown, summary.get("wills").get("unknown").asLong());

    List<String> timeline = Files.readAllLines(QuickstartRuns.lastRun(results).resolve("timeline.csv"));
    int brokerDown = List.of(timeline.get(0).split(",")).indexOf("brokerDown");
    assertTrue(brokerDown > 0, timeline.get(0));
    List<Long> downRows = timeline.stream().skip(1).filter(l -> l.split(",")[brokerDown].equals("1"))
        .map(l -> Long.parseLong(l.split(",")[0])).toList();
    assertTrue(!downRows.isEmpty() && downRows.size() <= Math.ceil(to - from) + 2, "seconds down: " + timeline);
    // one clock for the timeline and the outages: a row is labelled with the second it ends on, so the broker was
    // down only in the rows from the one holding `from` to the one holding `to` (both rounded to the millisecond)
    for (long row : downRows) {
      assertTrue(row >= Math.ceil(from - 0.001) && row <= Math.ceil(to + 0.001),
          "row " + row + " outside the outage " + from + "-" + to + " s: " + timeline);
    }
    String report = Files.readString(QuickstartRuns.lastRun(results).resolve("report.html"));
    assertTrue(report.contains("<h2>Broker outages</h2>"), "report.html names the outage");
    assertGatlingCountsEveryConnect(c, false);
  }

  @Test
  void sessionsTheRestartedBrokerLostAreOneFindingWithTheirCount() throws Exception {
    mosquitto = MosquittoBroker.start(); // persistence false: a restart loses every session
    CompletableFuture<JsonNode> run = runAsync("load.hold=6s", "sessions.cleanRatio=0",
        "sessions.reconnectPersistent=true", "will.ratio=0");
    awaitConnected(CLIENTS);
    mosquitto.kill();
    awaitBrokerDown();
    awaitFailedConnect(); // a reconnect to the dead broker failed: a KO for Gatling
    mosquitto.restart();

    JsonNode c = run.get(90, TimeUnit.SECONDS);
    JsonNode summary = QuickstartRuns.read(results, "summary.json");
    JsonNode kinds = summary.get("findingsByKind");
    assertEquals(1, kinds.path("sessions-lost-on-broker-restart").asLong(), kinds.toString());
    assertFalse(kinds.has("session-present-mismatch"), kinds.toString());
    assertEquals(0, summary.get("sessionPresent").get("mismatches").asLong());
    assertEquals(CLIENTS, summary.get("sessionPresent").get("lostOnBrokerRestart").asLong());
    JsonNode outages = summary.get("broker").get("outages");
    assertEquals(1, outages.size(), outages.toString());
    assertEquals(CLIENTS, outages.get(0).get("sessionsLost").asLong(), outages.toString());
    assertEquals(CLIENTS, outages.get(0).get("connectionsLost").asLong(), outages.toString());
    // every persistent client's planned reconnect after its hold resumed the session the restarted broker made
    assertTrue(count(c, "sessionPresent.received1") >= CLIENTS, c.toString());

    JsonNode findings = QuickstartRuns.read(results, "findings.json");
    assertEquals(1, findings.size(), findings.toString());
    assertTrue(findings.get(0).get("expected").asText().contains(CLIENTS + " persistent sessions"),
        findings.toString());
    assertGatlingCountsEveryConnect(c, true);
  }

  /**
   * Gatling's connect requests (the scenario's connect and planned reconnect, and every reconnect the policy made
   * while the broker was down or back) are the attempts the console counts, and their KOs its failures.
   */
  private static void assertGatlingCountsEveryConnect(JsonNode c, boolean failedReconnects) {
    long ok = 0;
    long ko = 0;
    for (String request : List.of("connect", "reconnect", "reconnect (auto)")) {
      ok += count(c, "actions.ok." + request);
      ko += count(c, "actions.ko." + request);
    }
    long auto = count(c, "actions.ok.reconnect (auto)") + count(c, "actions.ko.reconnect (auto)");
    assertEquals(count(c, "reconnects.attempted"), auto, "one Gatling request per reconnect of the policy");
    if (failedReconnects) {
      assertTrue(count(c, "actions.ko.reconnect (auto)") > 0, "reconnects to the dead broker failed: " + c);
    }
    assertTrue(count(c, "actions.ok.reconnect (auto)") > 0, "reconnects to the restarted broker succeeded: " + c);
    assertEquals(count(c, "connects.attempted"), ok + ko, "Gatling's connect requests: " + c);
    assertEquals(count(c, "connects.failed"), ko, "Gatling's connect KOs: " + c);
    assertEquals(count(c, "connects.succeeded"), ok, "Gatling's connect OKs: " + c);
  }

  /** The quickstart against the test's mosquitto, {@link #CLIENTS} users ramped over a second, reconnecting. */
  private CompletableFuture<JsonNode> runAsync(String... sets) {
    List<String> all = new ArrayList<>(List.of("load.clients=" + CLIENTS, "reconnect.enabled=true",
        "reconnect.initialDelay=200ms", "reconnect.maxDelay=1s"));
    all.addAll(List.of(sets));
    return CompletableFuture.supplyAsync(() -> {
      try {
        return QuickstartRuns.counters(results, List.of("--set", "broker.url=tcp://127.0.0.1:" + mosquitto.port()),
            all.toArray(String[]::new));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The users the run counts connected now; 0 before it began. */
  private static long runConnected() {
    try {
      return RunHandOff.scope().metrics().connectedNow();
    } catch (IllegalStateException notYet) {
      return 0;
    }
  }

  /** Waits until the run knows the broker is down (bounded: 10 s). */
  private static void awaitBrokerDown() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (RunHandOff.scope().metrics().brokerDownNow()) {
        return;
      }
      Thread.sleep(10); // polling the run's own state: it has no listener for tests
    }
    throw new AssertionError("the run never noticed the broker was down");
  }

  /** Waits until the run counts a failed connect attempt (bounded: 10 s). */
  private static void awaitFailedConnect() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (RunHandOff.scope().metrics().counter(Counters.CONNECTS_FAILED) > 0) {
        return;
      }
      Thread.sleep(10); // polling the run's own state: it has no listener for tests
    }
    throw new AssertionError("no reconnect to the dead broker failed");
  }

  private static long count(JsonNode counters, String name) {
    return QuickstartRuns.count(counters, name);
  }

  /**
   * Waits until mosquitto has logged {@code n} client connections and the run itself counts every user connected
   * (bounded: 30 s): a CONNACK mosquitto sent but the run has not read yet would make the kill's closes a smaller
   * burst than {@link #CLIENTS}.
   */
  private void awaitConnected(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (mosquitto.log().split("New client connected", -1).length - 1 >= n && runConnected() >= CLIENTS) {
        return;
      }
      Thread.sleep(20); // polling mosquitto's log: it has no other way to tell
    }
    throw new AssertionError("mosquitto never saw " + n + " connections: " + mosquitto.log());
  }
}
