package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.metrics.MetricNames;

/**
 * Connects the virtual user (first connect or reconnect on the same connection object) and reports OK,
 * or KO with the CONNACK code or the reason, to Gatling. Latencies, codes and the session-present check
 * are measured from the connection's events by its {@link ConnectionTracker}; this action adds start-lag,
 * the harness's own delay in starting the user.
 */
final class ConnectAction extends MqttAction {
  private final ConnectSpec spec;
  /**
   * Planned connects start on this grid of the loop's clock: the users due within one millisecond start in
   * one wake-up of their loop. Measured at 5,000 connects/s against mosquitto: each user on its own timer
   * cost ~3.3 CPU s more per 100,000 connects (one extra loop wake-up each) than this grid, which adds at
   * most 1 ms to start-lag (p50 0.6 ms).
   */
  static final long START_GRID_NANOS = 1_000_000L;

  ConnectAction(String requestName, ConnectSpec spec, MqttComponents components, Action next) {
    super(requestName, components, next);
    this.spec = spec;
  }

  @Override
  protected void run(Session session) {
    UserConnection user = components.connectionOf(session);
    if (session.contains(MqttComponents.SCHEDULED_NANOS_ATTR) && user.tracker().attempts() == 0) {
      // A planned first connect starts at its planned instant, which the engine puts a little after Gatling's
      // injection: Gatling starts users up to tens of milliseconds late in batches, our loop's timer does not.
      long scheduled = (Long) session.attributes().apply(MqttComponents.SCHEDULED_NANOS_ATTR);
      long onGrid = Math.floorDiv(scheduled + START_GRID_NANOS - 1, START_GRID_NANOS) * START_GRID_NANOS;
      long early = onGrid - System.nanoTime();
      if (early > 0) {
        session.eventLoop().schedule(() -> connect(session, user, scheduled), early, TimeUnit.NANOSECONDS);
      } else {
        connect(session, user, scheduled);
      }
    } else {
      connect(session, user, 0);
    }
  }

  /** Connects now; a first connect that was planned ({@code scheduled} != 0) records its start-lag. */
  private void connect(Session session, UserConnection user, long scheduled) {
    long startMillis = nowMillis();
    Session withConnection = session.set(MqttComponents.CONNECTION_ATTR, user);
    if (scheduled != 0) {
      components.run().metrics().recordNanos(MetricNames.START_LAG, System.nanoTime() - scheduled);
    }
    user.connect(attempt -> spec.options(session, components.protocol(), components.run(), attempt)).whenComplete((result, error) -> {
      if (error != null) {
        ko(withConnection, startMillis, nowMillis(), "error", error.toString());
      } else if (result.connected()) {
        ok(withConnection, startMillis, nowMillis());
      } else {
        String code = result.returnCode() >= 0 ? Integer.toString(result.returnCode()) : "no-connack";
        ko(withConnection, startMillis, nowMillis(), code, result.failure());
      }
    });
  }
}
