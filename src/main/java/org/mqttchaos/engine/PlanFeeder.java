package org.mqttchaos.engine;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mqttchaos.dsl.MqttDsl;

/**
 * Feeds each virtual user its {@link UserPlan}, in injection order, and the instant it was due to start:
 * the first user's arrival plus its planned offset. Gatling may call it from several event loops.
 */
final class PlanFeeder implements Iterator<Map<String, Object>> {
  static final String CLIENT_ID = "clientId";
  static final String CLEAN = "clean";

  private final List<UserPlan> plans;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLong firstStartNanos = new AtomicLong(Long.MIN_VALUE);

  PlanFeeder(List<UserPlan> plans) {
    this.plans = plans;
  }

  @Override
  public boolean hasNext() {
    return next.get() < plans.size();
  }

  @Override
  public Map<String, Object> next() {
    int i = next.getAndIncrement();
    if (i >= plans.size()) {
      throw new NoSuchElementException("all " + plans.size() + " users planned were started");
    }
    long now = System.nanoTime();
    firstStartNanos.compareAndSet(Long.MIN_VALUE, now);
    UserPlan plan = plans.get(i);
    return Map.of(
        CLIENT_ID, plan.clientId(),
        CLEAN, plan.cleanSession(),
        MqttDsl.SCHEDULED_START_NANOS, firstStartNanos.get() + plan.startOffsetNanos());
  }
}
