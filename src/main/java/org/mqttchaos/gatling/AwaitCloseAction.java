package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.LoopTimer;
import org.mqttchaos.client.MqttConnection;

/**
 * Waits until the current connection ends (the broker cut it: keep-alive expiry, takeover) or the timeout
 * passes. OK when it closed, KO "timeout" when it was still open; either way the user goes on.
 *
 * <p>In its keep-alive-cut form ({@link #keepAliveCut}) it waits only for a silent connection: one that is silent now
 * is waited for until it is closed for any cause (the broker's keep-alive cut, a takeover, the broker's end), bounded
 * by 1.5 x the keep-alive in force (the Server Keep Alive when the CONNACK set one, [MQTT-3.2.2-21]) plus a
 * tolerance and {@link #CUT_SLACK}; one already closed while silent is OK at once; and a user whose connection never
 * went silent (the silence fell due while it was down, or its connection was replaced) has no cut to wait for and
 * goes on at once without a request.
 */
final class AwaitCloseAction extends ConnectedAction {
  /** Added to a keep-alive cut's bound: the broker's timer granularity and the harness's own delays. */
  static final Duration CUT_SLACK = Duration.ofSeconds(5);

  private final Duration timeout;
  private final Duration tolerance;

  private AwaitCloseAction(String requestName, Duration timeout, Duration tolerance, MqttComponents components,
      Action next) {
    super(requestName, components, next);
    this.timeout = timeout;
    this.tolerance = tolerance;
  }

  /** Waits for the current connection's close, at most {@code timeout}. */
  AwaitCloseAction(String requestName, Duration timeout, MqttComponents components, Action next) {
    this(requestName, timeout, null, components, next);
  }

  /** Waits for the broker to cut the user's silent connection (see the class); {@code tolerance} widens the bound. */
  static AwaitCloseAction keepAliveCut(String requestName, Duration tolerance, MqttComponents components,
      Action next) {
    return new AwaitCloseAction(requestName, null, tolerance, components, next);
  }

  /**
   * How long a broker may take to cut a silent connection: 1.5 x {@code keepAliveSeconds} (the keep-alive in
   * force; 0: none, the broker never cuts) plus {@code tolerance} plus {@link #CUT_SLACK}.
   */
  static Duration cutBound(int keepAliveSeconds, Duration tolerance) {
    return Duration.ofMillis(keepAliveSeconds * 1500L).plus(tolerance).plus(CUT_SLACK);
  }

  @Override
  protected void run(Session session, UserConnection user, long start) {
    MqttConnection connection = user.connection();
    Duration bound = timeout;
    if (tolerance != null) {
      if (connection.state() != ConnectionState.SILENT) {
        Closed last = connection.closed().getNow(null);
        if (last != null && last.from() == ConnectionState.SILENT) {
          ok(session, start, start); // its silent connection is closed already
        } else {
          next.execute(session); // never silent: no cut to wait for
        }
        return;
      }
      bound = cutBound(connection.attempt().keepAliveSeconds(), tolerance);
    }
    Duration limit = bound;
    // Our own future: the connection's closed() future must never be completed from outside.
    CompletableFuture<Closed> outcome = new CompletableFuture<>();
    connection.closed().whenComplete((event, error) -> outcome.complete(event));
    var timer = LoopTimer.of(session.eventLoop()).schedule(
        () -> outcome.complete(null), limit.toNanos(), TimeUnit.NANOSECONDS);
    outcome.whenComplete((Closed event, Throwable error) -> {
      timer.cancel();
      if (event == null) {
        ko(session, start, nowMillis(), "timeout", "connection still open after " + limit.toMillis() + " ms");
      } else {
        ok(session, start, nowMillis());
      }
    });
  }
}
