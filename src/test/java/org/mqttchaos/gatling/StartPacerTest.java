package org.mqttchaos.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Planned starts on an embedded channel's loop and its virtual clock. */
class StartPacerTest {
  private static final long MS = 1_000_000L;
  private final EmbeddedChannel channel = frozen(new EmbeddedChannel());
  private final Ticker ticker = channel.eventLoop().ticker();
  /** A grid instant of the loop's clock: planned instants below are offsets from it. */
  private final long origin = Math.floorDiv(now() + 10 * MS, MS) * MS;
  private final List<String> started = new ArrayList<>();
  private final List<Long> startedAt = new ArrayList<>();

  private static EmbeddedChannel frozen(EmbeddedChannel channel) {
    channel.freezeTime(); // the clock moves only when a test moves it
    return channel;
  }

  private long now() {
    return ticker.initialNanoTime() + ticker.nanoTime();
  }

  private void plan(StartPacer pacer, String user, long offsetNanos) {
    long due = origin + offsetNanos;
    pacer.startAt(due, () -> {
      started.add(user);
      startedAt.add(now() - due);
    });
  }

  /** Moves the virtual clock to {@code offsetNanos} after the origin and runs what is due. */
  private void clockAt(long offsetNanos) {
    channel.advanceTimeBy(origin + offsetNanos - now(), TimeUnit.NANOSECONDS);
    channel.runScheduledPendingTasks();
  }

  @Test
  void usersDueWithinOneStepStartTogetherAtItsEndNeverBeforeTheirInstant() {
    StartPacer pacer = StartPacer.of(channel.eventLoop(), MS);
    // 5,000/s: one user every 0.2 ms, from 0.1 ms after a grid instant
    for (int i = 0; i < 10; i++) {
      plan(pacer, "u" + i, MS / 10 + i * MS / 5);
    }
    clockAt(MS - 1);
    assertEquals(List.of(), started, "nobody before the grid instant after their own");
    clockAt(MS);
    assertEquals(List.of("u0", "u1", "u2", "u3", "u4"), started, "the first step's users, in plan order");
    clockAt(2 * MS);
    assertEquals(10, started.size());
    assertEquals(2, pacer.wakeUps(), "one wake-up per step, not one per user");
    for (long lag : startedAt) {
      assertTrue(lag >= 0 && lag < MS, "started within one step after its instant: " + lag + " ns");
    }
  }

  @Test
  void aLateWakeUpStartsEveryUserDueByThenNotOnlyThoseOfItsStep() {
    StartPacer pacer = StartPacer.of(channel.eventLoop(), MS);
    plan(pacer, "a", MS / 2);
    plan(pacer, "b", 3 * MS / 2);
    plan(pacer, "c", 5 * MS / 2);
    clockAt(2 * MS); // the loop was held: the 1 ms wake-up runs at 2 ms
    assertEquals(List.of("a", "b"), started);
    assertEquals(1, pacer.wakeUps());
    clockAt(3 * MS);
    assertEquals(List.of("a", "b", "c"), started);
  }

  @Test
  void gridZeroStartsEachUserAtItsOwnInstant() {
    StartPacer pacer = StartPacer.of(channel.eventLoop(), 0);
    plan(pacer, "a", MS / 5);
    plan(pacer, "b", 2 * MS / 5);
    clockAt(MS / 5);
    assertEquals(List.of("a"), started);
    clockAt(2 * MS / 5);
    assertEquals(List.of("a", "b"), started);
    assertEquals(List.of(0L, 0L), startedAt, "at their instants on the virtual clock");
  }

  @Test
  void aUserAlreadyDueWithNobodyWaitingStartsAtOnce() {
    StartPacer pacer = StartPacer.of(channel.eventLoop(), MS);
    plan(pacer, "late", now() - origin - MS);
    assertEquals(List.of("late"), started, "run inside startAt, no wake-up");
    assertEquals(0, pacer.wakeUps());
  }

  @Test
  void aUserOutOfPlanOrderWaitsBehindTheOneBeforeIt() {
    StartPacer pacer = StartPacer.of(channel.eventLoop(), MS);
    plan(pacer, "later", 5 * MS + 1);
    plan(pacer, "earlier", MS / 2); // out of plan order: waits behind "later" in the queue
    clockAt(MS);
    assertEquals(List.of(), started, "the queue keeps plan order: the earlier one waits, and its lag shows it");
    clockAt(6 * MS);
    assertEquals(List.of("later", "earlier"), started);
    assertEquals(1, pacer.wakeUps(), "one wake-up, for the head of the queue");
  }

  @Test
  void onlyOnItsOwnLoop() throws Exception {
    DefaultEventLoop other = new DefaultEventLoop();
    try {
      assertThrows(IllegalStateException.class, () -> StartPacer.of(other, MS));
    } finally {
      other.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
