package org.mqttchaos.engine;

import io.gatling.javaapi.core.Session;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.mqttchaos.dsl.MqttDsl;

/**
 * Feeds each virtual user its {@link UserPlan}, in injection order, and the instant it is due to start:
 * the injection's origin plus its planned offset plus {@link #INJECTION_LEAD_NANOS}. Gatling does not tell
 * when its injector started, so each arrival implies an origin (arrival minus planned offset) and the
 * earliest implied so far is taken: a first user that is itself late (JVM warm-up) cannot make every later
 * one look on time, and the setup before the injector starts is not counted as lag. Each user calls it on
 * its own event loop, so it is thread-safe.
 */
final class PlanFeeder {
  /** Session attribute: the user's {@link UserPlan}. */
  static final String PLAN = "mqttchaos.plan";

  /**
   * How long after Gatling's injection each user is due: the connect action waits on the user's own loop
   * until then. Gatling's injector schedules a second's users at once, in whole milliseconds from when its
   * tick ran, so users of a batch start up to tens of milliseconds late (measured at 5,000/s: p50 2-10 ms
   * per second, 16 ms at most); the lead absorbs that, and start-lag then measures our loops alone.
   */
  static final long INJECTION_LEAD_NANOS = 100_000_000L;

  private final List<UserPlan> plans;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLong injectionOrigin = new AtomicLong(Long.MAX_VALUE);

  private final long seed;

  private final LongConsumer runStarts;

  /**
   * @param runStarts told the first user's planned start (System.nanoTime), the instant plan.csv's times count from;
   *                  may be told again, the first one counts
   */
  PlanFeeder(List<UserPlan> plans, long seed, LongConsumer runStarts) {
    this.plans = plans;
    this.seed = seed;
    this.runStarts = runStarts;
  }

  /** The user's plan, as {@link #assign} put it in the session. */
  static UserPlan plan(Session session) {
    return (UserPlan) session.get(PLAN);
  }

  /**
   * Gives the arriving user the next plan: four attributes set one by one, not a map of them merged (the
   * merge built a Scala map per user).
   */
  Session assign(Session session) {
    int i = next.getAndIncrement();
    if (i >= plans.size()) {
      throw new NoSuchElementException("all " + plans.size() + " users planned were started");
    }
    UserPlan plan = plans.get(i);
    long origin = injectionOrigin.accumulateAndGet(System.nanoTime() - plan.startOffsetNanos(), Math::min);
    if (i == 0) {
      runStarts.accept(origin + INJECTION_LEAD_NANOS); // the first user's planned start: the run's start
    }
    return session.set(PLAN, plan)
        .set(MqttDsl.PLANNED_FAULTS, plan.chaos())
        .set(MqttDsl.USER_SEED, seed ^ (0x9E3779B97F4A7C15L * (i + 1)))
        .set(MqttDsl.SCHEDULED_START_NANOS, origin + plan.startOffsetNanos() + INJECTION_LEAD_NANOS);
  }
}
