package org.mqttchaos.run;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>{@link #close} ends the stream where the checks settle: a run cut short (Ctrl-C) keeps publishing and receiving
 * while its checks judge the history, and a message published after the delivery checker had judged its publisher,
 * then received before it judged the subscriber, was a copy nobody was owed ({@code message-unexpected}) on a
 * correct broker. Events emitted after the close reach nobody, so the history judged and the counters written are
 * the same cut.
 */
public final class EventDispatcher implements ConnectionListener {
  private static final EventSubscriber[] NONE = new EventSubscriber[0];

  private final List<EventSubscriber> subscribers;
  private volatile boolean closed;
  private final RunMetrics metrics;
  /** The route of each event kind, filled at construction: see {@link #kinds}. */
  private final Map<Class<?>, EventSubscriber[]> known;
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
    Map<Class<?>, EventSubscriber[]> known = new IdentityHashMap<>();
    for (Class<?> kind : kinds(ConnectionEvent.class, new ArrayList<>())) {
      known.put(kind, routes.get(kind));
    }
    this.known = known;
  }

  /**
   * Every event kind: the records under the sealed {@link ConnectionEvent}. Their routes are looked up in an
   * identity map filled here (read-only afterwards, so safe from every event loop): the ClassValue's lookup, with the
   * other ClassValues of the run's classes, took its slow path on most events (~2% of a message run's CPU).
   */
  private static List<Class<?>> kinds(Class<?> type, List<Class<?>> into) {
    Class<?>[] permitted = type.getPermittedSubclasses();
    if (permitted == null) {
      into.add(type);
    } else {
      for (Class<?> sub : permitted) {
        kinds(sub, into);
      }
    }
    return into;
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    if (closed) {
      return; // after the run's checks began to settle: see the class comment
    }
    EventSubscriber[] takers = known.get(event.getClass());
    if (takers == null) {
      takers = routes.get(event.getClass());
    }
    if (takers.length == 0) {
      metrics.increment(Counters.unclaimedEvent(event.getClass().getSimpleName()));
      return;
    }
    for (EventSubscriber s : takers) {
      s.onEvent(event);
    }
  }

  /** Ends the stream: no subscriber gets an event emitted from now on. Safe to call twice. */
  public void close() {
    closed = true;
  }

  /** The event kinds among {@code kinds} that no subscriber takes. */
  public List<Class<?>> unclaimed(List<Class<?>> kinds) {
    return kinds.stream().filter(k -> routes.get(k).length == 0).toList();
  }
}
