package org.mqttchaos.check;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.client.MqttVersion;

import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;

/**
 * Invariant 3: checks every accepted CONNACK's session-present flag against the {@link SessionModel}
 * (0 for a clean session, 1 when a stored session is resumed) and counts what it saw. A persistent session the
 * broker held when it went down (a {@link BrokerOutages} outage began after the session's CONNACK) and does not
 * resume after it came back is the outage's lost session, not a mismatch: the run makes one
 * {@code sessions-lost-on-broker-restart} finding per outage with the count. A persistent connect that overlapped
 * another connect of its client ID (each CONNECT written before the other's CONNACK was read, {@link
 * FlapTracker#overlapsAnother}) was accepted in an order the client cannot see, and the flag depends on that order
 * (the one accepted second resumes, or finds discarded, what the first left): a flag that differs from the model's
 * is then counted in {@code sessionPresent.orderUnknown}, never a mismatch.
 */
public final class SessionPresentChecker implements EventSubscriber {
  static final String RULE =
      "MQTT-3.2.2: session present is 0 for a clean session and 1 when the broker resumes a stored one";

  private final SessionModel model;
  private final FindingSink sink;
  private final BrokerOutages outages; // null: the broker never goes away
  private final FlapTracker overlaps; // null: no connect's order is in doubt

  public SessionPresentChecker(SessionModel model, RunMetrics metrics, Findings findings, long runStartNanos) {
    this(model, metrics, findings, runStartNanos, null);
  }

  /**
   * @param outages the run's broker outages: a persistent session not resumed after one is counted there (one
   *                finding per outage), not as a mismatch
   */
  public SessionPresentChecker(SessionModel model, RunMetrics metrics, Findings findings, long runStartNanos,
      BrokerOutages outages) {
    this(model, metrics, findings, runStartNanos, outages, null);
  }

  /**
   * @param overlaps the run's flap tracker, which knows when each connect of an ID was written and answered: a
   *                 flag of a connect that overlapped another of its ID is not judged (see the class doc)
   */
  public SessionPresentChecker(SessionModel model, RunMetrics metrics, Findings findings, long runStartNanos,
      BrokerOutages outages, FlapTracker overlaps) {
    this.model = model;
    this.sink = new FindingSink(metrics, findings, runStartNanos);
    this.outages = outages;
    this.overlaps = overlaps;
  }

  /** Accepting CONNACKs are judged, then the model learns of them; closes of live connections end their hold. */
  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return Set.of(ConnAckReceived.class, Closed.class);
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    if (event instanceof ConnAckReceived e && e.accepted()) {
      boolean clean = e.attempt().options().cleanSession();
      // (a clean session's flag is 0 whatever the order, [MQTT-3.2.2-1])
      boolean orderUnknown = !clean && overlaps != null
          && overlaps.overlapsAnother(e.clientId(), e.attempt(), e.nanoTime());
      connack(e.clientId(), clean, e.sessionPresent(), e.nanoTime(), orderUnknown);
      if (clean && e.attempt().version() == MqttVersion.V3_1_1) {
        model.cleanSession311(e.clientId());
      } else {
        model.connected(e.clientId(), clean, e.attempt(), expiryNanos(e.attempt()), e.nanoTime());
      }
    } else if (event instanceof Closed e && e.established()) {
      model.closed(e.clientId(), e.attempt(), e.nanoTime(), expiryNanos(e.attempt()));
    }
  }

  /**
   * How long the broker keeps a persistent session after a close: forever in 3.1.1, in 5 the Session Expiry Interval
   * in force (the CONNACK's if the broker set one, section 3.2.2.3.2, else the CONNECT's).
   */
  private static long expiryNanos(Attempt attempt) {
    if (attempt.version() == MqttVersion.V3_1_1) {
      return SessionModel.MQTT_3_1_1;
    }
    long seconds = attempt.sessionExpirySeconds();
    return seconds >= 0xFFFF_FFFFL ? Long.MAX_VALUE : TimeUnit.SECONDS.toNanos(seconds); // 0xFFFFFFFF: never expires
  }

  /**
   * Judges one accepted CONNACK; call it before the model learns of this connection. A CONNACK within the model's
   * expiry tolerance of the session's expiry gets no verdict (counted in sessionPresent.withinExpiryTolerance).
   */
  public void connack(String clientId, boolean cleanSession, boolean received, long nanos) {
    connack(clientId, cleanSession, received, nanos, false);
  }

  /**
   * As {@link #connack(String, boolean, boolean, long)}; {@code orderUnknown}: the connect overlapped another of its
   * ID, so a flag other than the model's is counted in sessionPresent.orderUnknown, not judged.
   */
  public void connack(String clientId, boolean cleanSession, boolean received, long nanos, boolean orderUnknown) {
    SessionModel.Expected expectation = model.expected(clientId, cleanSession, nanos);
    sink.increment(Counters.SESSION_PRESENT_CHECKED);
    sink.increment(received ? Counters.SESSION_PRESENT_RECEIVED_1 : Counters.SESSION_PRESENT_RECEIVED_0);
    if (expectation == SessionModel.Expected.EITHER) {
      sink.increment(Counters.SESSION_PRESENT_WITHIN_EXPIRY_TOLERANCE);
      return;
    }
    boolean expected = expectation == SessionModel.Expected.PRESENT;
    if (expected && !received && outages != null
        && outages.sessionLost(model.heldSinceNanos(clientId), nanos)) {
      sink.increment(Counters.SESSION_PRESENT_LOST_ON_BROKER_RESTART); // the broker went down since: one finding
    } else if (expected != received && orderUnknown) {
      sink.increment(Counters.SESSION_PRESENT_ORDER_UNKNOWN);
    } else if (expected != received) {
      sink.increment(Counters.SESSION_PRESENT_MISMATCHES);
      sink.find("session-present-mismatch", RULE, clientId, nanos,
          "sessionPresent=" + (expected ? 1 : 0) + (cleanSession ? " (clean session)" : " (persistent session)"),
          "sessionPresent=" + (received ? 1 : 0));
    }
  }
}
