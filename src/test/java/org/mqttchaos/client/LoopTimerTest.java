package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-loop timing wheel, on an embedded channel's loop and its virtual clock. */
class LoopTimerTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final LoopTimer wheel = LoopTimer.of(channel.eventLoop());
  private final List<String> fired = new ArrayList<>();

  private void advanceMillis(long millis) {
    channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
  }

  @Test
  void aTimerFiresAfterItsDelayNeverBeforeAndAtMostATickLate() {
    wheel.schedule(() -> fired.add("a"), 1000, TimeUnit.MILLISECONDS);
    advanceMillis(999);
    assertEquals(List.of(), fired, "not before its deadline");
    advanceMillis(1 + LoopTimer.TICK_NANOS / 1_000_000);
    assertEquals(List.of("a"), fired, "within a tick after it");
    assertEquals(0, wheel.size());
  }

  @Test
  void aTaskThatThrowsStopsNeitherItsNeighboursNorLaterTimers() {
    wheel.schedule(() -> fired.add("before"), 50, TimeUnit.MILLISECONDS);
    wheel.schedule(() -> {
      throw new IllegalStateException("a harness bug");
    }, 50, TimeUnit.MILLISECONDS);
    wheel.schedule(() -> fired.add("after"), 50, TimeUnit.MILLISECONDS);
    wheel.schedule(() -> fired.add("later"), 500, TimeUnit.MILLISECONDS);
    advanceMillis(100);
    assertEquals(List.of("after", "before"), fired.stream().sorted().toList());
    advanceMillis(500);
    assertEquals(List.of("after", "before", "later"), fired.stream().sorted().toList());
  }

  @Test
  void aCancelledTimerNeverFires() {
    LoopTimer.Timeout t = wheel.schedule(() -> fired.add("cancelled"), 50, TimeUnit.MILLISECONDS);
    wheel.schedule(() -> fired.add("kept"), 50, TimeUnit.MILLISECONDS);
    t.cancel();
    t.cancel(); // twice is harmless
    advanceMillis(100);
    assertEquals(List.of("kept"), fired);
  }

  @Test
  void timersBeyondOneTurnOfTheWheelFireInDeadlineOrderAndAStallFiresAllThatAreDue() {
    // 512 buckets of 10 ms: 5.12 s a turn; these share buckets across turns
    long[] delaysMs = {12_000, 20, 5_140, 7_000, 5_100, 1};
    for (long d : delaysMs) {
      wheel.schedule(() -> fired.add(Long.toString(d)), d, TimeUnit.MILLISECONDS);
    }
    for (int ms = 0; ms < 7_100; ms += 10) {
      advanceMillis(10);
    }
    assertEquals(List.of("1", "20", "5100", "5140", "7000"), fired, "turned tick by tick: in deadline order");
    advanceMillis(60_000); // one stall over many turns
    assertEquals(List.of("1", "20", "5100", "5140", "7000", "12000"), fired);
    assertEquals(0, wheel.size());
  }

  @Test
  void aTaskThatReArmsItselfWaitsForTheNextTick() {
    Runnable[] again = new Runnable[1];
    again[0] = () -> {
      fired.add("tick");
      if (fired.size() < 3) {
        wheel.schedule(again[0], 0, TimeUnit.MILLISECONDS);
      }
    };
    wheel.schedule(again[0], 0, TimeUnit.MILLISECONDS);
    long tick = LoopTimer.TICK_NANOS / 1_000_000;
    advanceMillis(tick);
    assertEquals(1, fired.size(), "a delay of 0 from a firing timer is the next tick, not this one");
    advanceMillis(tick);
    assertEquals(2, fired.size());
    advanceMillis(tick);
    assertEquals(3, fired.size());
    advanceMillis(tick);
    assertEquals(3, fired.size());
  }

  @Test
  void aRealLoopFiresItsTimersOnTheLoop() throws InterruptedException {
    DefaultEventLoop loop = new DefaultEventLoop();
    try {
      CountDownLatch done = new CountDownLatch(1);
      boolean[] onLoop = new boolean[1];
      loop.execute(() -> LoopTimer.of(loop).schedule(() -> {
        onLoop[0] = loop.inEventLoop();
        done.countDown();
      }, 30, TimeUnit.MILLISECONDS));
      assertTrue(done.await(10, TimeUnit.SECONDS));
      assertTrue(onLoop[0]);
      assertThrows(IllegalStateException.class, () -> LoopTimer.of(loop), "off the loop");
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
