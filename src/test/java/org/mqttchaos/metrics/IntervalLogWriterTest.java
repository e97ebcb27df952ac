package org.mqttchaos.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.summary.Counters;

/** timeline.csv's rows are on the run's clock, the one findings and outages count from. */
class IntervalLogWriterTest {
  @TempDir Path dir;

  @Test
  void aRowIsLabelledWithTheWholeSecondOfTheRunsClockItEndsOn() throws IOException {
    RunMetrics metrics = new RunMetrics();
    // the run's clock began 2.3 s before the writer (the run object is made before Gatling starts)
    long origin = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(2_300);
    IntervalLogWriter writer = new IntervalLogWriter(metrics, dir, origin);
    metrics.add(Counters.CONNECTS_SUCCEEDED, 4);
    writer.close(); // within the run clock's third second: the writer's first row ends there

    List<String> rows = Files.readAllLines(dir.resolve("timeline.csv"));
    assertEquals("3,0,4,0,0,0,0,0,0", rows.get(1), "the first row ends on the run clock's third second: " + rows);
  }

  @Test
  void aWriterOnItsOwnClockStartsAtSecondOne() throws IOException {
    IntervalLogWriter writer = new IntervalLogWriter(new RunMetrics(), dir);
    writer.close();
    assertEquals("1,0,0,0,0,0,0,0,0", Files.readAllLines(dir.resolve("timeline.csv")).get(1));
  }
}
