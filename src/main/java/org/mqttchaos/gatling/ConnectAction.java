package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import org.mqttchaos.check.Finding;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectResult;
import org.mqttchaos.metrics.MetricNames;
import org.mqttchaos.metrics.RunMetrics;

/**
 * Connects the virtual user (first connect or reconnect on the same connection object), records
 * tcp-connect, connect and start-lag latencies and the CONNACK code, and checks session present
 * against the {@link org.mqttchaos.check.SessionModel}.
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
    RunMetrics metrics = components.run().metrics();
    boolean firstAttempt = !user.tracker().everConnected();
    if (session.contains(MqttComponents.SCHEDULED_NANOS_ATTR) && user.tracker().attempts() == 0) {
      long scheduled = (Long) session.attributes().apply(MqttComponents.SCHEDULED_NANOS_ATTR);
      metrics.recordNanos(MetricNames.START_LAG, System.nanoTime() - scheduled);
    }
    ConnectOptions options = spec.options(session, components.protocol());
    user.tracker().connecting(options);
    metrics.increment("connects.attempted");
    user.connection().connect(options).whenComplete((result, error) -> {
      if (error != null) {
        metrics.increment("connects.failed");
        metrics.increment("connects.noConnack");
        ko(withConnection, startMillis, nowMillis(), "error", error.toString());
      } else {
        completed(withConnection, options, result, firstAttempt, startMillis);
      }
    });
  }

  private void completed(Session session, ConnectOptions options, ConnectResult result, boolean first, long startMillis) {
    RunMetrics metrics = components.run().metrics();
    if (result.tcpConnectNanos() >= 0) {
      metrics.recordNanos(MetricNames.TCP_CONNECT, result.tcpConnectNanos());
    }
    if (result.returnCode() >= 0) {
      metrics.increment("connects.byCode." + result.returnCode());
    }
    if (!result.connected()) {
      metrics.increment("connects.failed");
      if (result.returnCode() < 0) {
        metrics.increment("connects.noConnack");
      }
      String code = result.returnCode() >= 0 ? Integer.toString(result.returnCode()) : "no-connack";
      ko(session, startMillis, nowMillis(), code, result.failure());
      return;
    }
    long now = System.nanoTime();
    metrics.increment("connects.succeeded");
    metrics.recordNanos(MetricNames.CONNECT, result.connectNanos());
    metrics.recordNanos(first ? MetricNames.CONNECT_FIRST : MetricNames.CONNECT_RECONNECT, result.connectNanos());
    metrics.recordNanos(options.cleanSession() ? MetricNames.CONNECT_CLEAN : MetricNames.CONNECT_PERSISTENT,
        result.connectNanos());
    checkSessionPresent(options, result, now);
    UserConnection user = components.connectionOf(session);
    user.tracker().established(now);
    ok(session, startMillis, nowMillis());
  }

  private void checkSessionPresent(ConnectOptions options, ConnectResult result, long now) {
    RunContext run = components.run();
    boolean expected = run.sessions().expectedSessionPresent(options.clientId(), options.cleanSession(), now);
    run.metrics().increment("sessionPresent.checked");
    run.metrics().increment(result.sessionPresent() ? "sessionPresent.received1" : "sessionPresent.received0");
    if (expected != result.sessionPresent()) {
      run.metrics().increment("sessionPresent.mismatches");
      run.metrics().increment("findings");
      run.findings().add(new Finding("session-present-mismatch",
          "MQTT-3.2.2: session present is 0 for a clean session and 1 when the broker resumes a stored one",
          options.clientId(), run.sinceStartMillis(now),
          "sessionPresent=" + (expected ? 1 : 0) + (options.cleanSession() ? " (clean session)" : " (persistent session)"),
          "sessionPresent=" + (result.sessionPresent() ? 1 : 0)));
    }
  }
}
