package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import org.mqttchaos.metrics.MetricNames;

/**
 * Connects the virtual user (first connect or reconnect on the same connection object) and reports OK,
 * or KO with the CONNACK code or the reason, to Gatling. Latencies, codes and the session-present check
 * are measured from the connection's events by its {@link ConnectionTracker}; this action adds start-lag,
 * the harness's own delay in starting the user.
 */
final class ConnectAction extends MqttAction {
  private final ConnectSpec spec;

  ConnectAction(String requestName, ConnectSpec spec, MqttComponents components, Action next) {
    super(requestName, components, next);
    this.spec = spec;
  }

  @Override
  protected void run(Session session) {
    long startMillis = nowMillis();
    UserConnection user = components.connectionOf(session);
    Session withConnection = session.set(MqttComponents.CONNECTION_ATTR, user);
    if (session.contains(MqttComponents.SCHEDULED_NANOS_ATTR) && user.tracker().attempts() == 0) {
      long scheduled = (Long) session.attributes().apply(MqttComponents.SCHEDULED_NANOS_ATTR);
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
