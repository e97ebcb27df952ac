package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.summary.MetricNames;

class HgrmWriterTest {
  @TempDir Path dir;

  @Test
  void writesOnePercentileDistributionInMillisecondsPerNonEmptyMetric() throws IOException {
    GoldenFolder.copyTo(dir);
    Files.writeString(dir.resolve("will-delay.hgrm"), "stale"); // from an earlier build with will data
    List<Path> written = HgrmWriter.write(dir);

    // the golden folder holds data for the connect family only; chaos metrics are empty there
    assertEquals(List.of(MetricNames.TCP_CONNECT, MetricNames.CONNECT, MetricNames.CONNECT_FIRST,
            MetricNames.CONNECT_RECONNECT, MetricNames.CONNECT_CLEAN, MetricNames.CONNECT_PERSISTENT,
            MetricNames.START_LAG).stream().map(m -> dir.resolve(m + ".hgrm")).toList(), written);
    assertFalse(Files.exists(dir.resolve("will-delay.hgrm")), "empty metric: stale file removed");
    assertFalse(Files.exists(dir.resolve("flap-interval.hgrm")));

    String connect = Files.readString(dir.resolve("connect.hgrm"));
    assertTrue(connect.startsWith("       Value     Percentile TotalCount 1/(1-Percentile)"), connect);
    assertTrue(Pattern.compile("#\\[Mean\\s+=\\s+1\\.300,").matcher(connect).find(), "mean 1300 µs in ms");
    assertTrue(Pattern.compile("#\\[Max\\s+=\\s+2\\.000,").matcher(connect).find(), "max 2000 µs in ms");
    assertTrue(Pattern.compile("Total count\\s+=\\s+100\\]").matcher(connect).find());
    assertTrue(Pattern.compile("(?m)^\\s+1\\.000 0\\.000000000000\\s+50 ").matcher(connect).find(),
        "first line: 1 ms at the 0th percentile, 50 samples up to it");
  }
}
