package org.mqttchaos.run;

import java.util.ArrayList;
import java.util.List;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionListener;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;

/**
 * The run's one event stream: every connection of the run emits to it, and it hands each event to the subscribers
 * that take its kind, in registration order. A kind nobody takes is not dropped: it is counted as
 * {@code events.unclaimed.<Kind>}, which summary.json and the console show.
 *
 * <p>Thread rules: {@link #onEvent} is called from every event loop at once; the routes are fixed at construction
 * and looked up per event class without a lock (a {@link ClassValue}).
 */
public final class EventDispatcher implements ConnectionListener {
  private static final EventSubscriber[] NONE = new EventSubscriber[0];

  private final List<EventSubscriber> subscribers;
  private final RunMetrics metrics;
  private final ClassValue<EventSubscriber[]> routes = new ClassValue<>() {
    @Override
    protected EventSubscriber[] computeValue(Class<?> kind) {
      List<EventSubscriber> takers = new ArrayList<>();
      for (EventSubscriber s : subscribers) {
        if (s.kinds().contains(kind)) {
          takers.add(s);
        }
      }
      return takers.isEmpty() ? NONE : takers.toArray(NONE);
    }
  };

  /** @param subscribers in the order they are called for an event they share */
  public EventDispatcher(List<EventSubscriber> subscribers, RunMetrics metrics) {
    this.subscribers = List.copyOf(subscribers);
    this.metrics = metrics;
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    EventSubscriber[] takers = routes.get(event.getClass());
    if (takers.length == 0) {
      metrics.increment(Counters.unclaimedEvent(event.getClass().getSimpleName()));
      return;
    }
    for (EventSubscriber s : takers) {
      s.onEvent(event);
    }
  }

  /** The event kinds among {@code kinds} that no subscriber takes. */
  public List<Class<?>> unclaimed(List<Class<?>> kinds) {
    return kinds.stream().filter(k -> routes.get(k).length == 0).toList();
  }
}
