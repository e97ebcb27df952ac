package org.mqttchaos.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.SummaryJson;

/**
 * The chaos golden results folder in src/test/resources/golden-chaos: a small MQTT 5 run with every chaos file
 * (plan.csv, findings.json with hostile strings, top-flapping.json) and every chaos histogram. Like
 * {@link GoldenFolder}, all values are below 2048 µs so HdrHistogram holds them exactly; {@link #main} wrote the
 * checked-in files, summary.json included as the expected summary.
 */
final class GoldenChaosFolder {
  static final Path SOURCE = Paths.get("src/test/resources/golden-chaos");
  /** Comes from the broker's behaviour and the profile; must never reach report.html unescaped. */
  static final String HOSTILE = HtmlReportTest.HOSTILE;

  static final Map<String, long[][]> VALUES = new LinkedHashMap<>();

  static {
    VALUES.put(MetricNames.CONNECT, new long[][] {{800, 40}, {1200, 22}});
    VALUES.put(MetricNames.CONNECT_FIRST, new long[][] {{800, 20}});
    VALUES.put(MetricNames.CONNECT_RECONNECT, new long[][] {{800, 20}, {1200, 22}});
    VALUES.put(MetricNames.TCP_CONNECT, new long[][] {{100, 62}});
    VALUES.put(MetricNames.START_LAG, new long[][] {{300, 20}});
    VALUES.put(MetricNames.FLAP_INTERVAL, new long[][] {{1000, 8}, {2000, 8}});
    VALUES.put(MetricNames.TAKEOVER_CLOSE, new long[][] {{0, 2}, {150, 8}, {600, 2}});
    VALUES.put(MetricNames.KEEPALIVE_DETECTION, new long[][] {{1500, 1}, {1900, 1}});
    VALUES.put(MetricNames.WILL_DELAY, new long[][] {{40, 5}, {90, 5}, {400, 1}});
    VALUES.put(MetricNames.TIME_TO_CALM, new long[][] {{1800, 1}});
    VALUES.put(MetricNames.RECOVERY, new long[][] {{1200, 8}, {1600, 6}, {2000, 1}});
    VALUES.put(MetricNames.CONNECT_RECOVERY, new long[][] {{900, 10}, {1300, 5}});
  }

  static final Map<String, Long> COUNTERS = new LinkedHashMap<>();

  static {
    Object[][] counters = {
        {"connects.attempted", 64}, {"connects.succeeded", 62}, {"connects.failed", 2}, {"connects.byCode.0", 62},
        {"connects.noConnack", 2}, {"reconnects.attempted", 44}, {"faults.skipped", 1},
        {"sessionPresent.checked", 12}, {"sessionPresent.mismatches", 0},
        {"flaps.total", 18}, {"flaps.takeovers", 12}, {"flaps.takeoversWith0x8E", 10}, {"flaps.unexplained0x8E", 1},
        {"flaps.flappingIds", 2}, {"flaps.neverCalmed", 1}, {"flaps.connectedClientMillis", 120_000},
        {"flaps.byRole.colliding", 12}, {"flaps.byRole.silent", 2}, {"flaps.byRole.dropper", 2},
        {"flaps.byRole.plain", 2},
        // 0.3 + 0.2 + 0.5 + 1.0 = 2 client-minutes
        {"flaps.connectedClientMillis.byRole.colliding", 18_000}, {"flaps.connectedClientMillis.byRole.silent", 12_000},
        {"flaps.connectedClientMillis.byRole.dropper", 30_000}, {"flaps.connectedClientMillis.byRole.plain", 60_000},
        {"drops.abrupt", 20}, {"drops.graceful", 14}, {"drops.massDrops", 2},
        {"massDrop.0.dropped", 10}, {"massDrop.0.recovered", 10}, {"massDrop.1.dropped", 6},
        {"massDrop.1.recovered", 5},
        {"keepAlive.silentClients", 3}, {"keepAlive.closedByBroker", 2}, {"keepAlive.early", 0},
        {"keepAlive.late", 1}, {"keepAlive.neverClosed", 1}, {"keepAlive.pingsUnanswered", 2},
        {"keepAlive.pingsSent", 40}, {"keepAlive.pingsAnswered", 37},
        {"wills.expected", 12}, {"wills.received", 11}, {"wills.missing", 1}, {"wills.unexpected", 1},
        {"wills.duplicates", 0}, {"wills.afterTakeover", 2}, {"wills.unmatched", 1}, {"wills.foreign", 3},
        {"wills.observerLost", 0}, {"closes.TAKEOVER", 12}, {"findings", 5}};
    for (Object[] c : counters) {
      COUNTERS.put((String) c[0], ((Number) c[1]).longValue());
    }
  }

  static RunData runData() {
    return new RunData("chaos-golden", 7, "2026-01-01T00:00:00Z", 8.0, "tcp://127.0.0.1:1883", false, "5", 20,
        false, "0.1.0-SNAPSHOT", COUNTERS, List.of("wills.missing == 0", "flaps.takeovers > 0",
            "keepAlive.detection.p99 < 7s", "drops.recovery.max < 1ms", "flaps.byRole.colliding.flaps == 12",
            "findingsByKind.will-missing == 0"), 1, 1, List.of(), 0.5);
  }

  static Path copyTo(Path target) throws IOException {
    return GoldenFolder.copy(SOURCE, target);
  }

  /** Regenerates the checked-in folder: run from the module root. */
  public static void main(String[] args) throws IOException {
    Files.createDirectories(SOURCE);
    GoldenFolder.writeRunData(SOURCE, runData());
    for (Map.Entry<String, long[][]> e : VALUES.entrySet()) {
      GoldenFolder.writeHlog(SOURCE, e.getKey(), e.getValue());
    }
    Files.writeString(SOURCE.resolve(ResultsFolder.PROFILE_YAML),
        "name: chaos-golden\ndescription: Known chaos values for the report tests.\nseed: 7\n");
    Files.writeString(SOURCE.resolve(ResultsFolder.TIMELINE_CSV), """
        second,connected,connects,flaps,faults
        0,0,0,0,0
        1,20,22,2,0
        2,20,4,4,3
        3,18,4,4,1
        4,8,3,2,0
        5,18,10,2,0
        6,12,2,2,0
        7,19,7,2,0
        8,19,0,0,0
        """);
    Files.writeString(SOURCE.resolve(ResultsFolder.PLAN_CSV), plan());
    Files.writeString(SOURCE.resolve(ResultsFolder.TOP_FLAPPING_JSON), """
        [ {"clientId" : "chaos-golden-1a2b-g0", "flaps" : 7},
          {"clientId" : "chaos-golden-1a2b-g1", "flaps" : 5},
          {"clientId" : "%s", "flaps" : 2},
          {"clientId" : "chaos-golden-1a2b-u4", "flaps" : 1} ]
        """.formatted(HOSTILE));
    Files.writeString(SOURCE.resolve(ResultsFolder.FINDINGS_JSON), findings());
    SummaryJson.write(SOURCE.resolve(ResultsFolder.SUMMARY_JSON), SummaryBuilder.build(SOURCE));
  }

  /** 20 users: 4 colliding, 2 silent, 4 droppers, 10 plain; mass drop #0 at 4 s, #1 at 6 s. */
  private static String plan() {
    StringBuilder csv = new StringBuilder("user,start_s,session,client_id,will,role,faults\n");
    for (int u = 0; u < 20; u++) {
      String role = u < 4 ? "colliding" : u < 6 ? "silent" : u < 10 ? "dropper" : "plain";
      String id = u < 4 ? "g" + u / 2 : "u" + u;
      String faults = role.equals("silent") ? "silence@2.000s" : role.equals("dropper") ? "drop@1.500s:rst" : "";
      if (u % 2 == 0) {
        faults = (faults + " massDrop#0@4.000s:fin").strip();
      } else if (u < 12) {
        faults = (faults + " massDrop#1@6.000s:rst").strip();
      }
      csv.append(String.format("%d,%.3f,%s,%s,yes,%s,%s%n", u, u * 0.05, u % 4 == 0 ? "persistent" : "clean", id,
          role, faults));
    }
    return csv.toString();
  }

  private static String findings() {
    String rule0x8E = "MQTT 5 3.1.4-3: the Server sends DISCONNECT with 0x8E Session taken over";
    return "[ " + String.join(",\n  ",
        finding("takeover-without-0x8E", rule0x8E, "chaos-golden-1a2b-g0", 1200, "DISCONNECT 0x8E before the close",
            "closed without DISCONNECT"),
        finding("takeover-without-0x8E", rule0x8E, "chaos-golden-1a2b-g1", 2400, "DISCONNECT 0x8E before the close",
            "DISCONNECT 0x80"),
        finding("keepalive-late", "Invariant 2: a silent client is closed within 1.5 x keep-alive",
            "chaos-golden-1a2b-u5", 3100, "<= 1500 ms", "1900 ms"),
        finding("will-missing", "Invariant 1: a will is published after every abrupt close", HOSTILE, 6500,
            "1 will", HOSTILE),
        finding("will-after-disconnect", "Invariant 1: never a will after a graceful DISCONNECT",
            "chaos-golden-1a2b-u12", 7000, "no will", "1 will")) + " ]\n";
  }

  private static String finding(String kind, String rule, String clientId, long at, String expected,
      String observed) {
    return String.format("{\"kind\":\"%s\",\"rule\":\"%s\",\"clientId\":\"%s\",\"atMillis\":%d,"
        + "\"expected\":\"%s\",\"observed\":\"%s\"}", kind, rule, clientId, at, expected, observed);
  }
}
