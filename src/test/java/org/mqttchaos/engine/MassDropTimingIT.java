package org.mqttchaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.broker.EmbeddedBroker;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.ConnectSent;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.profile.ProfileLoader;
import org.mqttchaos.profile.ResolvedProfile;
import org.mqttchaos.report.ConsoleSummary;
import org.mqttchaos.report.SummaryBuilder;
import org.mqttchaos.summary.Summary;

/**
 * chaos.massDrop's {@code at} counts from the run's start, the first user's planned start, not from when the run's
 * objects were made (seconds earlier on a cold JVM: Gatling starts in between); a mass drop that could not happen
 * says so. Judged on the run's own event timestamps, against the embedded broker.
 */
class MassDropTimingIT {
  private static final long AT_NANOS = TimeUnit.SECONDS.toNanos(1);

  @TempDir
  Path dir;

  /** Every CONNECT written and every close, with its instant (System.nanoTime). */
  private static final class Seen implements EventSubscriber {
    final ConcurrentLinkedQueue<ConnectSent> connects = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Closed> closes = new ConcurrentLinkedQueue<>();

    @Override
    public Set<Class<? extends ConnectionEvent>> kinds() {
      return Set.of(ConnectSent.class, Closed.class);
    }

    @Override
    public void onEvent(ConnectionEvent event) {
      if (event instanceof ConnectSent c) {
        connects.add(c);
      } else if (event instanceof Closed c) {
        closes.add(c);
      }
    }
  }

  @Test
  void aMassDropHappensAtItsOffsetFromTheRunsStartAndOneAfterTheEndIsReported() throws Exception {
    EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
    try {
      ResolvedProfile resolved = ProfileLoader.load(Path.of("profiles/quickstart.yaml"), Map.of(), List.of(
          "load.clients=4", "load.injection=atOnce", "load.hold=3s", "sessions.cleanRatio=1",
          "reconnect.enabled=false",
          "chaos.massDrop=[{at: 1s, fraction: 1, mode: rst}, {at: 60s, fraction: 0.5, mode: rst}]"));
      Seen seen = new Seen();
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      ProfileRun run = new ProfileRun(resolved, new BrokerTarget("127.0.0.1", broker.port(), true),
          dir.resolve("results"), new PrintStream(printed, true, StandardCharsets.UTF_8), List.of(seen));
      run.execute();
      run.finish(false);

      long start = run.context.loadStartNanos();
      long firstConnect = seen.connects.stream().mapToLong(ConnectSent::nanoTime).min().orElseThrow();
      assertTrue(start > run.context.startNanos() && start <= firstConnect,
          "the run's start is the first user's planned start: after the run's objects were made, not after the"
              + " first CONNECT");
      List<Closed> drops = seen.closes.stream().filter(c -> c.cause() == CloseCause.ABRUPT_RST_BY_CLIENT).toList();
      assertEquals(4, drops.size(), "mass drop #0 takes all 4 clients: "
          + seen.closes.stream().map(Closed::cause).toList());
      for (Closed drop : drops) {
        assertTrue(drop.nanoTime() - start >= AT_NANOS, "not before 1 s from the run's start: "
            + (drop.nanoTime() - start) + " ns");
      }

      Summary s = SummaryBuilder.build(run.dir());
      assertEquals(List.of(new Summary.MassDrop(0, 4, 0, 0, 0), new Summary.MassDrop(1, 0, 0, 0, 2)),
          s.drops().massDrop(), "#1 at 60 s comes after every hold: it drops no one, and says so");
      String console = ConsoleSummary.render(s, dir);
      assertTrue(console.contains("; #1 did not happen (of its 2 clients, 2 not holding at its time (before their"
          + " hold or after it), 0 not connected)"), console);
    } finally {
      broker.close();
    }
  }
}
