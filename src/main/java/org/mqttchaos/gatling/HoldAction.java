package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import java.time.Duration;
import org.mqttchaos.chaos.UserChaos;
import org.mqttchaos.client.ReconnectPolicy;

/**
 * Keeps the virtual user connected for a while, injecting its planned faults and reconnecting after
 * unsolicited closes when a reconnect policy is set ({@link HoldLoop}). OK when the hold is over.
 */
final class HoldAction extends MqttAction {
  private final Duration hold;
  private final ReconnectPolicy policy;
  private final boolean plannedFaults;

  HoldAction(String requestName, Duration hold, ReconnectPolicy policy, boolean plannedFaults,
      MqttComponents components, Action next) {
    super(requestName, components, next);
    this.hold = hold;
    this.policy = policy;
    this.plannedFaults = plannedFaults;
  }

  @Override
  protected void run(Session session) {
    long start = nowMillis();
    UserConnection user = connectionOrKo(session, start);
    if (user == null) {
      return;
    }
    UserChaos chaos = plannedFaults && session.contains(MqttComponents.FAULTS_ATTR)
        ? (UserChaos) session.attributes().apply(MqttComponents.FAULTS_ATTR) : null;
    long seed = session.contains(MqttComponents.SEED_ATTR)
        ? ((Number) session.attributes().apply(MqttComponents.SEED_ATTR)).longValue() : session.userId();
    HoldLoop loop = new HoldLoop(user, policy, seed, components.run(),
        System.nanoTime() + hold.toNanos());
    loop.start(chaos, () -> ok(session, start, nowMillis()));
  }
}
