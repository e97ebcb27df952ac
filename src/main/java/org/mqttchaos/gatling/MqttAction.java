package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/**
 * Base of every MQTT action. Implements Gatling's {@link Action} directly, not {@code ChainableAction}:
 * a Java class cannot provide the Scala super-accessor that trait needs and fails at run time with
 * AbstractMethodError. So error handling is ours: every outcome is logged OK or KO to the stats engine
 * and the session always goes on to {@code next}, marked failed on KO; no virtual user is left stuck.
 */
abstract class MqttAction extends JavaAction {
  protected final String requestName;
  protected final MqttComponents components;
  protected final Action next;
  private final RequestLog log;

  MqttAction(String requestName, MqttComponents components, Action next) {
    this.requestName = requestName;
    this.components = components;
    this.next = next;
    this.log = new RequestLog(requestName, components);
  }

  @Override
  public String name() {
    return requestName;
  }

  @Override
  public final void execute(Session session) {
    try {
      run(session);
    } catch (RuntimeException e) {
      long now = nowMillis();
      ko(session, now, now, "crash", e.toString());
    }
  }

  /** Does the action; must end by calling {@link #ok} or {@link #ko} exactly once, on the user's event loop. */
  protected abstract void run(Session session);

  protected long nowMillis() {
    return log.nowMillis();
  }

  /** OK when {@code outcome} completes normally, KO "error" with its reason otherwise. */
  protected void okWhenDone(java.util.concurrent.CompletableFuture<?> outcome, Session session, long startMillis) {
    outcome.whenComplete((v, error) -> {
      if (error != null) {
        ko(session, startMillis, nowMillis(), "error", String.valueOf(error.getMessage()));
      } else {
        ok(session, startMillis, nowMillis());
      }
    });
  }

  protected void ok(Session session, long startMillis, long endMillis) {
    log.ok(session, startMillis, endMillis);
    next.execute(session);
  }

  protected void ko(Session session, long startMillis, long endMillis, String code, String message) {
    log.ko(session, startMillis, endMillis, code, message);
    next.execute(session.markAsFailed());
  }
}
