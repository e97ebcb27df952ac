package org.mqttchaos.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Test listener: keeps every event and lets a test await the first one matching a condition, without sleeping. */
final class RecordingListener implements ConnectionListener {
  private final List<ConnectionEvent> events = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();

  private record Waiter(Predicate<ConnectionEvent> condition, CompletableFuture<ConnectionEvent> future) {}

  @Override
  public synchronized void onEvent(ConnectionEvent event) {
    events.add(event);
    waiters.removeIf(w -> w.condition.test(event) && w.future.complete(event));
  }

  synchronized List<ConnectionEvent> events() {
    return List.copyOf(events);
  }

  /** The kinds of the events so far, in order. */
  synchronized List<Class<?>> types() {
    return events.stream().<Class<?>>map(Object::getClass).toList();
  }

  synchronized <T extends ConnectionEvent> List<T> ofType(Class<T> kind) {
    return events.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** The first event, past or future, matching {@code condition}. */
  synchronized CompletableFuture<ConnectionEvent> first(Predicate<ConnectionEvent> condition) {
    for (ConnectionEvent e : events) {
      if (condition.test(e)) {
        return CompletableFuture.completedFuture(e);
      }
    }
    CompletableFuture<ConnectionEvent> f = new CompletableFuture<>();
    waiters.add(new Waiter(condition, f));
    return f;
  }

  <T extends ConnectionEvent> T await(Class<T> kind, long timeoutSeconds) throws Exception {
    return kind.cast(first(kind::isInstance).get(timeoutSeconds, TimeUnit.SECONDS));
  }
}
