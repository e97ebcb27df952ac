package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.LoopTimer;

/**
 * Waits until the current connection ends (the broker cut it: keep-alive expiry, takeover) or the timeout
 * passes. OK when it closed, KO "timeout" when it was still open; either way the user goes on.
 */
final class AwaitCloseAction extends MqttAction {
  private final Duration timeout;

  AwaitCloseAction(String requestName, Duration timeout, MqttComponents components, Action next) {
    super(requestName, components, next);
    this.timeout = timeout;
  }

  @Override
  protected void run(Session session) {
    long start = nowMillis();
    UserConnection user = connectionOrKo(session, start);
    if (user == null) {
      return;
    }
    // Our own future: the connection's closed() future must never be completed from outside.
    CompletableFuture<Closed> outcome = new CompletableFuture<>();
    user.connection().closed().whenComplete((event, error) -> outcome.complete(event));
    var timer = LoopTimer.of(session.eventLoop()).schedule(
        () -> outcome.complete(null), timeout.toNanos(), TimeUnit.NANOSECONDS);
    outcome.whenComplete((Closed event, Throwable error) -> {
      timer.cancel();
      if (event == null) {
        ko(session, start, nowMillis(), "timeout", "connection still open after " + timeout.toMillis() + " ms");
      } else {
        ok(session, start, nowMillis());
      }
    });
  }
}
