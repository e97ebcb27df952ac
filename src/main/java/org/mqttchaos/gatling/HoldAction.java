package org.mqttchaos.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import java.time.Duration;
import org.mqttchaos.chaos.UserChaos;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.ReconnectPolicy;
import org.mqttchaos.run.MessageDrain;

/**
 * Keeps the virtual user connected for a while, injecting its planned faults and reconnecting after
 * unsolicited closes when a reconnect policy is set ({@link HoldLoop}), and with a {@link PublishingSpec}
 * publishing stamped messages at their planned instants over the hold ({@link MessagePublisher}). OK when the hold
 * is over; for a user that subscribed, once the run's messages on their way to it have arrived ({@link DrainWait}).
 */
final class HoldAction extends ConnectedAction {
  /** The Gatling request each reconnect of the hold's policy is logged as. */
  static final String AUTO_RECONNECT = "reconnect (auto)";

  private final RequestLog reconnects;
  private final Duration hold;
  private final ReconnectPolicy policy;
  private final boolean plannedFaults;
  private final PublishingSpec publishing;

  /** @param publishing what to publish over the hold; null: nothing */
  HoldAction(String requestName, Duration hold, ReconnectPolicy policy, boolean plannedFaults,
      PublishingSpec publishing, MqttComponents components, Action next) {
    super(requestName, components, next);
    this.hold = hold;
    this.policy = policy;
    this.plannedFaults = plannedFaults;
    this.publishing = publishing;
    this.reconnects = new RequestLog(AUTO_RECONNECT, components);
  }

  @Override
  protected void run(Session session, UserConnection user, long start) {
    UserChaos chaos = plannedFaults && session.contains(MqttComponents.FAULTS_ATTR)
        ? (UserChaos) session.attributes().apply(MqttComponents.FAULTS_ATTR) : null;
    long seed = session.contains(MqttComponents.SEED_ATTR)
        ? ((Number) session.attributes().apply(MqttComponents.SEED_ATTR)).longValue() : session.userId();
    long now = System.nanoTime();
    HoldLoop loop = new HoldLoop(user, session, reconnects, policy, seed, components.run(), now + hold.toNanos());
    MessagePublisher publisher = publisher(session, user, now, now + hold.toNanos());
    loop.start(chaos, () -> {
      if (publisher != null) {
        publisher.stop();
      }
      MessageDrain drain = components.run().messageDrain();
      if (user.subscribes() && !loop.silenced() && user.connection().state() == ConnectionState.CONNECTED
          && (drain.publishing() || drain.activity() > 0)) {
        // a subscriber stays while the load's messages are still on their way to it (bounded: run.MessageDrain)
        new DrainWait(user.connection(), drain, () -> ok(session, start, nowMillis()))
            .start();
      } else {
        ok(session, start, nowMillis());
      }
    });
    if (publisher != null) {
      publisher.start();
    }
  }

  /** The user's publisher over the hold, null when it does not publish. */
  private MessagePublisher publisher(Session session, UserConnection user, long first, long end) {
    if (publishing == null || end <= first) {
      return null;
    }
    Integer index = publishing.publisher().apply(session);
    if (index == null || index < 0) {
      return null;
    }
    String topic = publishing.topic().apply(session).replace("{clientId}", user.connection().attempt().clientId());
    return new MessagePublisher(user.connection(), components.run(), topic, index, publishing, first, end,
        components.protocol().startGrid().toNanos());
  }
}
