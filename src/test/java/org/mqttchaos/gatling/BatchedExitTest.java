package org.mqttchaos.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.commons.stats.OK$;
import io.gatling.core.session.Session;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.collection.immutable.Map$;
import scala.collection.immutable.List$;
import scala.runtime.BoxedUnit;

class BatchedExitTest {
  private final EventLoop loop = new DefaultEventLoop();
  private final Recording exit = new Recording();

  @AfterEach
  void stop() {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void everyUserReachesGatlingsExitInOrderOnItsOwnLoop() throws InterruptedException {
    BatchedExit batched = new BatchedExit(exit);
    for (long id = 1; id <= 250; id++) {
      batched.execute(session(id)); // from a foreign thread: hopped onto the user's loop
    }
    assertTrue(exit.all.await(10, TimeUnit.SECONDS), "every user ended");
    assertEquals(250, exit.userIds.size());
    for (int i = 0; i < 250; i++) {
      assertEquals(i + 1L, exit.userIds.get(i));
    }
    assertTrue(exit.onLoop.stream().allMatch(Boolean::booleanValue), "Gatling's exit runs on the user's loop");
  }

  private Session session(long userId) {
    return new Session("scenario", userId, Map$.MODULE$.empty(), OK$.MODULE$, List$.MODULE$.empty(),
        s -> BoxedUnit.UNIT, loop);
  }

  /** Stands for Gatling's exit: records who ended, where. */
  private final class Recording extends JavaAction {
    final List<Long> userIds = new CopyOnWriteArrayList<>();
    final List<Boolean> onLoop = new CopyOnWriteArrayList<>();
    final CountDownLatch all = new CountDownLatch(250);

    @Override
    public String name() {
      return "recording exit";
    }

    @Override
    public void execute(Session session) {
      userIds.add(session.userId());
      onLoop.add(loop.inEventLoop());
      all.countDown();
    }
  }
}
