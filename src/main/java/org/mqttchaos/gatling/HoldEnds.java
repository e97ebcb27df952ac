package org.mqttchaos.gatling;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.client.LoopTimer;

/**
 * Ends the holds of one event loop: one timer for the earliest end, not one per user (40 B of timer each, for
 * the whole of every idle user's hold). Users of a scenario hold for the same time and reach a loop in the order
 * they started, so their ends come in order and a queue serves; a hold that would end before the last one queued
 * (another scenario's shorter hold) gets a timer of its own. Use it only on its loop; {@link #of} gives each loop
 * its own.
 */
final class HoldEnds implements Runnable {
  private static final FastThreadLocal<HoldEnds> CURRENT = new FastThreadLocal<>();

  private final EventLoop loop;
  private final ArrayDeque<HoldLoop> queued = new ArrayDeque<>();
  private boolean armed;

  private HoldEnds(EventLoop loop) {
    this.loop = loop;
  }

  /** The hold ends of {@code loop}; call on the loop. */
  static HoldEnds of(EventLoop loop) {
    HoldEnds ends = CURRENT.get();
    if (ends == null || ends.loop != loop) {
      if (!loop.inEventLoop()) {
        throw new IllegalStateException("hold ends are kept on their own event loop only");
      }
      ends = new HoldEnds(loop);
      CURRENT.set(ends);
    }
    return ends;
  }

  /** Runs {@code hold} (its end) on the loop at {@link HoldLoop#endNanos}, System.nanoTime. */
  void add(HoldLoop hold) {
    HoldLoop last = queued.peekLast();
    if (last != null && hold.endNanos() < last.endNanos()) {
      LoopTimer.of(loop).schedule(hold, Math.max(0, hold.endNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
      return;
    }
    queued.addLast(hold);
    if (!armed) {
      arm();
    }
  }

  /** The earliest end is due: end every hold due by now, then sleep until the next. */
  @Override
  public void run() {
    armed = false;
    long now = System.nanoTime();
    while (!queued.isEmpty() && queued.peekFirst().endNanos() <= now) {
      queued.pollFirst().run();
    }
    if (!queued.isEmpty()) {
      arm();
    }
  }

  private void arm() {
    armed = true;
    long delay = Math.max(0, queued.peekFirst().endNanos() - System.nanoTime());
    LoopTimer.of(loop).schedule(this, delay, TimeUnit.NANOSECONDS);
  }
}
