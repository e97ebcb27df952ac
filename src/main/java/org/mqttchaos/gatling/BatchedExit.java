package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Hands finished users to Gatling's exit in batches, one batch per event loop every
 * {@link #FLUSH_MILLIS} ms. Gatling's exit tells its injector actor that the user ended, and each such
 * message to an idle actor wakes a thread of Gatling's actor pool: one wake-up and two context switches per
 * user. On a churn run of 100,000 connects that was 74,000 wake-ups and ~2 CPU s (profiled); a batch costs
 * one. A user's end reaches Gatling at most {@value #FLUSH_MILLIS} ms later; nothing mqtt-chaos measures
 * depends on it.
 */
final class BatchedExit extends JavaAction {
  static final long FLUSH_MILLIS = 10;

  private final Action next;
  /** Each loop's queue, touched only on that loop (a thread-local: a map lookup per user showed in profiles). */
  private final FastThreadLocal<ArrayDeque<Session>> pending = new FastThreadLocal<>() {
    @Override
    protected ArrayDeque<Session> initialValue() {
      return new ArrayDeque<>();
    }
  };

  BatchedExit(Action next) {
    this.next = next;
  }

  @Override
  public String name() {
    return "exit in batches";
  }

  @Override
  public void execute(Session session) {
    EventLoop loop = session.eventLoop();
    if (!loop.inEventLoop()) {
      loop.execute(() -> execute(session));
      return;
    }
    ArrayDeque<Session> queue = pending.get();
    if (queue.isEmpty()) {
      loop.schedule(() -> flush(queue), FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }
    queue.add(session);
  }

  private void flush(ArrayDeque<Session> queue) {
    for (Session session = queue.poll(); session != null; session = queue.poll()) {
      next.execute(session);
    }
  }
}
