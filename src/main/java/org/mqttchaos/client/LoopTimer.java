package org.mqttchaos.client;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hashed timing wheel per event loop for the clients' long timers (connect timeout, keep-alive, hold,
 * reconnect back-off, planned faults): adding and cancelling a timer is O(1) and costs one small object,
 * where Netty's scheduler keeps a priority queue of futures (O(log n) for each of the ~40,000 timers of
 * 20,000 idle clients, and a future per connect timeout under churn). The wheel turns every
 * {@link #TICK_NANOS} while it holds a timer, driven by one task on Netty's scheduler, and reads the loop's
 * own clock, so a test loop with a virtual clock drives it too.
 *
 * <p>A timer fires on its loop, never before its deadline and at most one tick after it (plus whatever
 * held the loop). Use it only on the loop it belongs to; {@link #of} gives each loop its own.
 */
public final class LoopTimer {
  private static final Logger LOG = LoggerFactory.getLogger(LoopTimer.class);
  /** Tick: the precision of every timer on the wheel. */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final int WHEEL = 512; // buckets: one turn is 5.12 s
  /** The wheel of the loop this thread runs (a test thread may run several loops: one wheel each in turn). */
  private static final FastThreadLocal<LoopTimer> CURRENT = new FastThreadLocal<>();

  /** A timer on the wheel. */
  public static final class Timeout {
    private final LoopTimer timer;
    private final Runnable task;
    private final long deadlineTick;
    private Timeout prev;
    private Timeout next;
    private boolean queued = true;

    private Timeout(LoopTimer timer, Runnable task, long deadlineTick) {
      this.timer = timer;
      this.task = task;
      this.deadlineTick = deadlineTick;
    }

    /** Takes the timer off the wheel if it has not fired yet; on the timer's loop. */
    public void cancel() {
      if (queued) {
        timer.unlink(this);
      }
    }
  }

  private final EventLoop loop;
  private final long originNanos;
  private final Timeout[] buckets = new Timeout[WHEEL];
  private long processedTick;
  private int size;
  private boolean turning;

  private LoopTimer(EventLoop loop) {
    this.loop = loop;
    this.originNanos = loop.ticker().nanoTime();
  }

  /**
   * The wheel of {@code loop}; call on the loop.
   *
   * @throws IllegalStateException off the loop: the wheel is not thread-safe
   */
  public static LoopTimer of(EventLoop loop) {
    if (!loop.inEventLoop()) {
      throw new IllegalStateException("a loop's timer wheel is used on that loop only");
    }
    LoopTimer timer = CURRENT.get();
    if (timer == null || timer.loop != loop) {
      // a wheel replaced here still turns until its own timers have fired
      timer = new LoopTimer(loop);
      CURRENT.set(timer);
    }
    return timer;
  }

  /** Runs {@code task} on the loop once {@code delay} has passed; call on the loop. */
  public Timeout schedule(Runnable task, long delay, TimeUnit unit) {
    long deadline = loop.ticker().nanoTime() + Math.max(0, unit.toNanos(delay)) - originNanos;
    // the first tick at or after the deadline, and never one already processed
    long tick = Math.max(processedTick + 1, Math.floorDiv(deadline + TICK_NANOS - 1, TICK_NANOS));
    Timeout timeout = new Timeout(this, task, tick);
    int b = (int) (tick & (WHEEL - 1));
    timeout.next = buckets[b];
    if (timeout.next != null) {
      timeout.next.prev = timeout;
    }
    buckets[b] = timeout;
    size++;
    if (!turning) {
      turning = true;
      armTurn();
    }
    return timeout;
  }

  /** How many timers are waiting. */
  int size() {
    return size;
  }

  private void armTurn() {
    long nextTickAt = originNanos + (processedTick + 1) * TICK_NANOS;
    loop.schedule(this::turn, Math.max(0, nextTickAt - loop.ticker().nanoTime()), TimeUnit.NANOSECONDS);
  }

  /**
   * Fires every timer due by now, then turns again in a tick if any is left. A timer a fired task adds is
   * due a tick later at the earliest, so a task that re-arms itself cannot keep a turn going.
   */
  private void turn() {
    long nowTick = Math.floorDiv(loop.ticker().nanoTime() - originNanos, TICK_NANOS);
    long from = processedTick + 1;
    processedTick = Math.max(processedTick, nowTick);
    // After a long stall every bucket may hold something due: visit each once at most.
    long visits = Math.min(nowTick - from + 1, WHEEL);
    for (long t = from; t < from + visits; t++) {
      fireDue((int) (t & (WHEEL - 1)), nowTick);
    }
    if (size > 0) {
      armTurn();
    } else {
      turning = false;
    }
  }

  private void fireDue(int bucket, long nowTick) {
    Timeout t = buckets[bucket];
    while (t != null) {
      Timeout next = t.next;
      if (t.deadlineTick <= nowTick) {
        unlink(t);
        try {
          t.task.run(); // may schedule or cancel other timers; `next` is re-read only if it was unlinked
        } catch (RuntimeException e) {
          // a harness bug in one task must not stop the wheel, and with it every timer of the loop
          LOG.error("a timer task failed; the loop's other timers go on", e);
        }
        if (next != null && !next.queued) {
          next = buckets[bucket];
        }
      }
      t = next;
    }
  }

  private void unlink(Timeout t) {
    int b = (int) (t.deadlineTick & (WHEEL - 1));
    if (t.prev != null) {
      t.prev.next = t.next;
    } else {
      buckets[b] = t.next;
    }
    if (t.next != null) {
      t.next.prev = t.prev;
    }
    t.prev = null;
    t.next = null;
    t.queued = false;
    size--;
  }
}
