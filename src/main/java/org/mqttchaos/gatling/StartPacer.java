package org.mqttchaos.gatling;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Ticker;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Starts the planned users of one event loop at their due instants, rounded up to a grid of the loop's
 * clock, with one wake-up of the loop per grid step that has users due, not one per user.
 *
 * <p>Measured at 5,000 connects/s against mosquitto, per 100,000 connects: each user at its own instant cost
 * 4-5 CPU s more than a 1 ms grid (~30%: a wake-up of the loop each, and connects reaching the broker one by
 * one instead of in small batches, which wakes the broker more often too), a 0.5 ms grid 1.5-3.5 s more.
 * The grid adds up to one step to start-lag, which measures it honestly; {@code load.startGrid} (the DSL's {@code startGrid}) chooses the
 * step, and zero starts each user at its own instant. A wake-up starts every user due by then, not only those
 * of its step: at 5,000/s that took start-lag p50 from 0.65 to 0.4 ms at no measurable cost.
 *
 * <p>Users reach a loop in the order of their plan, so due instants arrive in order and a queue does; one that
 * arrives out of order waits behind the one before it, and its start-lag shows the wait. Use it only on its
 * loop; {@link #of} gives each loop its own.
 */
final class StartPacer implements Runnable {
  /** The pacer of the loop this thread runs. */
  private static final FastThreadLocal<StartPacer> CURRENT = new FastThreadLocal<>();

  private final EventLoop loop;
  private final Ticker ticker;
  private final long gridNanos;
  private final ArrayDeque<Due> pending = new ArrayDeque<>();
  /** Armed exactly while users are pending: for the head's grid instant (only the head is ever looked at). */
  private boolean armed;
  private long wakeUps;

  private record Due(long atNanos, Runnable start) {}

  private StartPacer(EventLoop loop, long gridNanos) {
    this.loop = loop;
    this.ticker = loop.ticker();
    this.gridNanos = gridNanos;
  }

  /**
   * The pacer of {@code loop}, made on first use with grid step {@code gridNanos} (0: each user at its own
   * instant); call on the loop.
   */
  static StartPacer of(EventLoop loop, long gridNanos) {
    StartPacer pacer = CURRENT.get();
    if (pacer == null || pacer.loop != loop || pacer.gridNanos != gridNanos) {
      if (!loop.inEventLoop()) {
        throw new IllegalStateException("a start pacer is used on its own event loop only");
      }
      pacer = new StartPacer(loop, gridNanos);
      CURRENT.set(pacer);
    }
    return pacer;
  }

  /**
   * Runs {@code start} on this loop at {@code dueNanos} (a System.nanoTime instant) or a little after: at the
   * first wake-up of the pacer at or after it, on the grid, or sooner when an earlier step's wake-up ran late.
   * Never before it; at once when it is due and no one waits before it.
   */
  void startAt(long dueNanos, Runnable start) {
    if (pending.isEmpty() && dueNanos <= now()) {
      start.run();
      return;
    }
    pending.add(new Due(dueNanos, start));
    if (!armed) {
      arm(wakeFor(dueNanos));
    }
  }

  /** The wake-up: starts every user that is due by now, then waits for the next one's grid instant. */
  @Override
  public void run() {
    armed = false;
    wakeUps++;
    long now = now();
    for (Due due = pending.peek(); due != null; due = pending.peek()) {
      if (due.atNanos() > now && due.atNanos() > (now = now())) {
        arm(wakeFor(due.atNanos()));
        return;
      }
      pending.poll();
      due.start().run();
    }
  }

  /** How many times the pacer woke its loop. */
  long wakeUps() {
    return wakeUps;
  }

  private void arm(long at) {
    armed = true;
    loop.schedule(this, at - now(), TimeUnit.NANOSECONDS);
  }

  /**
   * The loop's clock as System.nanoTime reads it, the clock of planned starts: Netty's ticker counts from its
   * own origin, and a test loop's ticker is a virtual clock.
   */
  private long now() {
    return ticker.initialNanoTime() + ticker.nanoTime();
  }

  /** The grid instant at or after {@code dueNanos}. */
  private long wakeFor(long dueNanos) {
    return gridNanos <= 1 ? dueNanos : Math.floorDiv(dueNanos + gridNanos - 1, gridNanos) * gridNanos;
  }
}
