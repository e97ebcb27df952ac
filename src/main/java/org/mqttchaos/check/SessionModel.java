package org.mqttchaos.check;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model of the sessions the broker should hold, to predict CONNACK's session-present flag
 * (invariant 3: 0 for clean sessions, 1 on reconnect of a live persistent one).
 *
 * <p>Per client ID it remembers whether a persistent session exists and, for MQTT 5, when it expires.
 * Thread rules: called from every event loop at once; each client ID's entry is updated atomically.
 */
public final class SessionModel {
  /** What the model knows of one client ID's session at the broker. */
  private record SessionState(boolean exists, long expiresAtNanos, Object owner) {}

  private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();

  /**
   * The flag the broker must send in the CONNACK answering this CONNECT.
   *
   * @param nowNanos System.nanoTime of the CONNACK
   */
  public boolean expectedSessionPresent(String clientId, boolean cleanSession, long nowNanos) {
    if (cleanSession) {
      return false;
    }
    SessionState state = sessions.get(clientId);
    return state != null && state.exists && nowNanos < state.expiresAtNanos;
  }

  /**
   * Records an accepted CONNECT: a clean one ends any session; a persistent one creates or resumes one.
   * {@code owner} is the connection now holding the ID, so a late close of a taken-over connection
   * does not end its successor's session.
   */
  public void connected(String clientId, boolean cleanSession, Object owner) {
    sessions.put(clientId, new SessionState(!cleanSession, Long.MAX_VALUE, owner));
  }

  /**
   * Records the end of a connection. With MQTT 3.1.1 a persistent session lives on with no end
   * ({@code expiryNanos} = Long.MAX_VALUE); with MQTT 5 it expires {@code expiryNanos} after the close,
   * and a clean-start session with expiry 0 ends at once.
   */
  public void closed(String clientId, Object owner, long nowNanos, long expiryNanos) {
    sessions.computeIfPresent(clientId, (id, state) -> {
      if (state.owner != owner) {
        return state; // taken over: the session belongs to the newer connection
      }
      if (!state.exists) {
        return null;
      }
      long expiresAt = expiryNanos == Long.MAX_VALUE ? Long.MAX_VALUE : nowNanos + expiryNanos;
      return new SessionState(true, expiresAt, null);
    });
  }

  /** Checks a received flag against the model; returns true when they agree. */
  public boolean check(String clientId, boolean cleanSession, boolean received, long nowNanos) {
    return expectedSessionPresent(clientId, cleanSession, nowNanos) == received;
  }
}
