package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.summary.HistogramSummary;
import org.mqttchaos.summary.Summary;

/** The chaos sections of summary.json, exact, from the chaos golden folder's counters, histograms and files. */
class ChaosSummaryTest {
  @TempDir Path dir;

  private Summary golden() throws IOException {
    return SummaryBuilder.build(GoldenChaosFolder.copyTo(dir));
  }

  @Test
  void flapsHaveTakeoversCalmPerRoleRatesAndTheTopIds() throws IOException {
    Summary.Flaps f = golden().flaps();
    assertEquals(18, f.total());
    assertEquals(9.0, f.perClientMinute(), "18 flaps over 2 client-minutes");
    assertEquals(10, f.takeoversWith0x8E());
    assertEquals(1, f.neverCalmed());
    assertEquals(new HistogramSummary(1, 1800, 1800, 1800, 1800, 1800, 1800, 1800.0), f.timeToCalm());
    // 0 x2, 150 x8, 600 x2: mean 2400 / 12
    assertEquals(new HistogramSummary(12, 0, 150, 600, 600, 600, 600, 200.0), f.takeoverClose());
    assertEquals(new HistogramSummary(16, 1000, 1000, 2000, 2000, 2000, 2000, 1500.0), f.interval());
    assertEquals(List.of("colliding", "silent", "dropper", "plain"), List.copyOf(f.byRole().keySet()));
    assertEquals(new Summary.RoleFlaps(12, 0.3, 40.0), f.byRole().get("colliding"));
    assertEquals(new Summary.RoleFlaps(2, 0.2, 10.0), f.byRole().get("silent"));
    assertEquals(new Summary.RoleFlaps(2, 0.5, 4.0), f.byRole().get("dropper"));
    assertEquals(new Summary.RoleFlaps(2, 1.0, 2.0), f.byRole().get("plain"));
    assertEquals(List.of(new Summary.FlapCount("chaos-golden-1a2b-g0", 7),
        new Summary.FlapCount("chaos-golden-1a2b-g1", 5), new Summary.FlapCount(GoldenChaosFolder.HOSTILE, 2),
        new Summary.FlapCount("chaos-golden-1a2b-u4", 1)), f.top());
  }

  @Test
  void dropsKeepAliveWillsAndReconnects() throws IOException {
    Summary s = golden();
    assertEquals(new Summary.Drops(20, 14, 2,
        new HistogramSummary(15, 1200, 1200, 1600, 2000, 2000, 2000, 21_200 / 15.0),
        new HistogramSummary(15, 900, 900, 1300, 1300, 1300, 1300, 15_500 / 15.0),
        List.of(new Summary.MassDrop(0, 10, 10), new Summary.MassDrop(1, 6, 5))), s.drops());
    assertEquals(new Summary.KeepAlive(3, 2, 0, 1,
        new HistogramSummary(2, 1500, 1500, 1900, 1900, 1900, 1900, 1700.0), 1, 2, 40, 37), s.keepAlive());
    assertEquals(new Summary.Wills(12, 11, 1, 1, 0,
        new HistogramSummary(11, 40, 90, 90, 400, 400, 400, 1050 / 11.0), 2, 1, 3, 0, 0, 0), s.wills());
    assertEquals(44, s.connects().reconnectsAttempted());
    assertEquals(Map.of("keepalive-late", 1L, "takeover-without-0x8E", 2L, "will-after-disconnect", 1L,
        "will-missing", 1L), s.findingsByKind());
  }

  @Test
  void topIsCutAtTwentyAndRolesComeFromThePlanEvenWithoutFlaps() throws IOException {
    GoldenChaosFolder.copyTo(dir);
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 25; i++) {
      many.append(i == 0 ? "" : ",").append("{\"clientId\":\"id").append(i).append("\",\"flaps\":").append(30 - i)
          .append('}');
    }
    Files.writeString(dir.resolve(ResultsFolder.TOP_FLAPPING_JSON), many.append(']').toString());
    Files.writeString(dir.resolve(ResultsFolder.PLAN_CSV),
        "user,start_s,session,client_id,will,role,faults\n0,0.000,clean,u0,no,newrole,\n1,0.1,clean,u1,no,plain,\n");
    GoldenFolder.writeRunData(dir, GoldenFolder.runData("golden", "tcp://127.0.0.1:1883"));
    Summary.Flaps f = SummaryBuilder.build(dir).flaps();
    assertEquals(ChaosFigures.TOP, f.top().size());
    assertEquals(new Summary.FlapCount("id19", 11), f.top().get(19));
    assertEquals(List.of("plain", "newrole"), List.copyOf(f.byRole().keySet()), "known roles first");
    assertEquals(new Summary.RoleFlaps(0, 0.0, 0.0), f.byRole().get("newrole"));
  }

  @Test
  void planCsvGivesClientsPerRoleAndMassDropTimes() throws IOException {
    PlanCsv plan = PlanCsv.read(GoldenChaosFolder.copyTo(dir));
    assertEquals(List.of("colliding", "silent", "dropper", "plain"), List.copyOf(plan.clientsByRole().keySet()));
    assertEquals(Map.of("colliding", 4L, "silent", 2L, "dropper", 4L, "plain", 10L), plan.clientsByRole());
    assertEquals(Map.of(0, 4.0, 1, 6.0), plan.massDropAtS());
    assertEquals(PlanCsv.EMPTY, PlanCsv.read(dir.resolve("nowhere")));
  }

  @Test
  void aBrokenFindingsJsonNamesTheFile() throws IOException {
    GoldenChaosFolder.copyTo(dir);
    Files.writeString(dir.resolve(ResultsFolder.FINDINGS_JSON), "[{\"kind\": ");
    ReportException e = assertThrows(ReportException.class, () -> SummaryBuilder.build(dir));
    assertTrue(e.getMessage().startsWith("cannot read " + dir.resolve(ResultsFolder.FINDINGS_JSON)),
        e.getMessage());
  }
}
