package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import org.mqttchaos.summary.MetricNames;

/**
 * Connects the virtual user (first connect or reconnect on the same connection object) and reports OK,
 * or KO with the CONNACK code or the reason, to Gatling. Latencies, codes and the session-present check
 * are measured from the connection's events by the run's recorders and checkers; this action adds start-lag,
 * the harness's own delay in starting the user.
 */
final class ConnectAction extends MqttAction {
  private final ConnectSpec spec;
  private final long startGridNanos;

  ConnectAction(String requestName, ConnectSpec spec, MqttComponents components, Action next) {
    super(requestName, components, next);
    this.spec = spec;
    this.startGridNanos = components.protocol().startGrid().toNanos();
  }

  @Override
  protected void run(Session session) {
    UserConnection user = components.connectionOf(session);
    if (session.contains(MqttComponents.SCHEDULED_NANOS_ATTR) && user.neverConnected()) {
      // A planned first connect starts at its planned instant, which the engine puts a little after Gatling's
      // injection: Gatling starts users up to tens of milliseconds late in batches, our loop's timer does not.
      long scheduled = (Long) session.attributes().apply(MqttComponents.SCHEDULED_NANOS_ATTR);
      StartPacer.of(session.eventLoop(), startGridNanos)
          .startAt(scheduled, () -> connect(session, user, scheduled));
    } else {
      connect(session, user, 0);
    }
  }

  /** Connects now; a first connect that was planned ({@code scheduled} != 0) records its start-lag. */
  private void connect(Session session, UserConnection user, long scheduled) {
    long startMillis = nowMillis();
    // The planned start is spent once the first connect runs: the session the user keeps holds one entry less,
    // removed before the connection is added, so four attributes stay in Scala's compact Map4 (a hash map of five
    // costs ~110 B more per user).
    Session withConnection = session.remove(MqttComponents.SCHEDULED_NANOS_ATTR)
        .set(MqttComponents.CONNECTION_ATTR, user);
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
