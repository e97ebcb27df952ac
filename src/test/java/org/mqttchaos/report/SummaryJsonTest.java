package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.summary.Summary;
import org.mqttchaos.summary.SummaryJson;

class SummaryJsonTest {
  @TempDir Path dir;

  @Test
  void keysAreInTheSchemaOrder() throws IOException {
    Path file = dir.resolve("summary.json");
    SummaryJson.write(file, SummaryBuilder.build(GoldenFolder.copyTo(dir)));
    JsonNode root = new ObjectMapper().readTree(file.toFile());

    assertEquals(List.of("profile", "seed", "startedAt", "durationS", "broker", "clients", "connects", "latency",
        "sessionPresent", "flaps", "drops", "keepAlive", "wills", "messages", "findings", "findingsByKind",
        "findingsKept", "assertions", "harness", "interrupted", "harnessVersion", "events", "loadStartS"), keys(root));
    assertEquals(List.of("url", "embedded", "mqttVersion", "outages", "overrides", "refusedLocally"),
        keys(root.get("broker")));
    assertEquals(0, root.get("broker").get("overrides").size(), "present, empty, when the broker changed nothing");
    assertEquals(0, root.get("broker").get("outages").size(), "present, empty, when the broker never went away");
    assertEquals(List.of("attempted", "succeeded", "failed", "byCode", "noConnack", "reconnectsAttempted", "failedBy"),
        keys(root.get("connects")));
    assertEquals(List.of("0", "5"), keys(root.get("connects").get("byCode")));
    assertEquals(List.of("connect", "connectFirst", "connectReconnect", "tcpConnect", "startLag", "connectClean",
        "connectPersistent", "tlsHandshake", "tlsHandshakeResumed", "wsUpgrade"), keys(root.get("latency")));
    List<String> histogram = List.of("count", "min", "p50", "p90", "p99", "p999", "max", "mean");
    assertEquals(histogram, keys(root.get("latency").get("connect")));
    assertEquals(histogram, keys(root.get("wills").get("delay")), "empty histograms keep every key");
    assertEquals(List.of("checked", "mismatches", "lostOnBrokerRestart", "withinExpiryTolerance",
        "orderUnknown"),
        keys(root.get("sessionPresent")));
    assertEquals(List.of("total", "takeovers", "perClientMinute", "flappingIds", "interval", "takeoversWith0x8E",
        "neverCalmed", "timeToCalm", "takeoverClose", "byRole", "top", "protocolErrors", "throttled"),
        keys(root.get("flaps")));
    assertEquals(histogram, keys(root.get("flaps").get("takeoverClose")));
    assertEquals(List.of("abrupt", "graceful", "massDrops", "recovery", "connectDuringRecovery", "massDrop"),
        keys(root.get("drops")));
    assertEquals(List.of("silentClients", "closedByBroker", "early", "late", "detection", "neverClosed",
        "pingsUnanswered", "pingsSent", "pingsAnswered"), keys(root.get("keepAlive")));
    assertEquals(List.of("expected", "received", "missing", "unexpected", "duplicates", "delay", "afterTakeover",
        "unmatched", "foreign", "unknown", "observerLost", "observerBlindMillis", "afterOutage", "early",
        "afterReturn", "cancelled"),
        keys(root.get("wills")));
    assertEquals(List.of("published", "acknowledged", "notSent", "notSentBy", "expected", "delivered", "lost",
        "duplicated", "outOfOrder", "unknown", "expectedLoss", "late", "unexpected", "foreign", "received",
        "retainedOnSubscribe", "subscriptions", "subscriptionsRefused", "byQos", "delivery", "puback", "pubcomp"),
        keys(root.get("messages")), "the load's figures and the delivery checker's, flat, side by side");
    assertEquals(List.of("notConnected", "queuedAtHoldEnd", "queueFull", "sessionEnded"),
        keys(root.get("messages").get("notSentBy")), "every cause, zeros included");
    assertEquals(List.of("qos0", "qos1", "qos2"), keys(root.get("messages").get("byQos")));
    assertEquals(List.of("published", "acknowledged", "notSent", "expected", "delivered", "lost", "duplicated",
        "outOfOrder", "unknown", "expectedLoss", "late", "unexpected", "received"),
        keys(root.get("messages").get("byQos").get("qos2")));
    assertEquals(List.of(), keys(root.get("findingsByKind")), "present, empty, without findings.json");
    assertEquals(0, root.get("flaps").get("top").size());
    assertEquals(List.of("saturated", "startLagP99", "loopLagP99", "startLagP99AfterWarmUp", "loopLagP99AfterWarmUp",
        "startsAfterWarmUp"), keys(root.get("harness")));
    assertEquals(1.5, root.get("flaps").get("perClientMinute").asDouble());
    assertEquals(2000, root.get("latency").get("connect").get("p99").asLong());
  }

  @Test
  void readGivesBackWhatWasWritten() throws IOException {
    Summary built = SummaryBuilder.build(GoldenFolder.copyTo(dir));
    Path file = dir.resolve("copy.json");
    SummaryJson.write(file, built);
    assertEquals(built, SummaryJson.read(file));
  }

  /** Regression guard: the golden folder's summary.json was reviewed by hand; any drift in the schema shows here. */
  @Test
  void goldenFolderBuildsTheCheckedInSummaryByteForByte() throws IOException {
    String expected = Files.readString(GoldenFolder.SOURCE.resolve(ResultsFolder.SUMMARY_JSON));
    assertEquals(expected, SummaryJson.toJson(SummaryBuilder.build(GoldenFolder.copyTo(dir))));
  }

  @Test
  void chaosSectionsKeepTheirKeyOrder() throws IOException {
    Summary chaos = SummaryBuilder.build(GoldenChaosFolder.copyTo(dir));
    JsonNode root = new ObjectMapper().readTree(SummaryJson.toJson(chaos));
    assertEquals(List.of("colliding", "silent", "dropper", "plain"), keys(root.get("flaps").get("byRole")));
    assertEquals(List.of("flaps", "connectedMinutes", "perClientMinute"),
        keys(root.get("flaps").get("byRole").get("silent")));
    assertEquals(List.of("clientId", "flaps"), keys(root.get("flaps").get("top").get(0)));
    assertEquals(List.of("index", "dropped", "recovered", "notConnected", "notHolding"), keys(root.get("drops").get("massDrop").get(0)));
    assertEquals(List.of("keepalive-late", "takeover-without-0x8E", "will-after-disconnect", "will-missing"),
        keys(root.get("findingsByKind")), "alphabetical, so reruns diff quietly");
  }

  @Test
  void chaosGoldenFolderBuildsTheCheckedInSummaryByteForByte() throws IOException {
    String expected = Files.readString(GoldenChaosFolder.SOURCE.resolve(ResultsFolder.SUMMARY_JSON));
    assertEquals(expected, SummaryJson.toJson(SummaryBuilder.build(GoldenChaosFolder.copyTo(dir))));
  }

  @Test
  void aSummaryJsonWrittenBeforeTheChaosKeysStillReads() throws IOException {
    Path file = dir.resolve("old.json");
    Files.writeString(file, "{\"profile\": \"old\", \"flaps\": {\"total\": 3}, \"findings\": 2}");
    Summary old = SummaryJson.read(file);
    assertEquals(3, old.flaps().total());
    assertEquals(2, old.findings());
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
