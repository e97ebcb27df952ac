package org.mqttchaos.check;

import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;

/**
 * Invariant 3: checks every accepted CONNACK's session-present flag against the {@link SessionModel}
 * (0 for a clean session, 1 when a stored session is resumed) and counts what it saw.
 */
public final class SessionPresentChecker {
  static final String RULE =
      "MQTT-3.2.2: session present is 0 for a clean session and 1 when the broker resumes a stored one";

  private final SessionModel model;
  private final FindingSink sink;

  public SessionPresentChecker(SessionModel model, RunMetrics metrics, Findings findings, long runStartNanos) {
    this.model = model;
    this.sink = new FindingSink(metrics, findings, runStartNanos);
  }

  /** Judges one accepted CONNACK; call it before the model learns of this connection. */
  public void connack(String clientId, boolean cleanSession, boolean received, long nanos) {
    boolean expected = model.expectedSessionPresent(clientId, cleanSession, nanos);
    sink.increment(Counters.SESSION_PRESENT_CHECKED);
    sink.increment(received ? Counters.SESSION_PRESENT_RECEIVED_1 : Counters.SESSION_PRESENT_RECEIVED_0);
    if (expected != received) {
      sink.increment(Counters.SESSION_PRESENT_MISMATCHES);
      sink.find("session-present-mismatch", RULE, clientId, nanos,
          "sessionPresent=" + (expected ? 1 : 0) + (cleanSession ? " (clean session)" : " (persistent session)"),
          "sessionPresent=" + (received ? 1 : 0));
    }
  }
}
