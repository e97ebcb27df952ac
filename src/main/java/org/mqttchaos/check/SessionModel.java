package org.mqttchaos.check;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model of the sessions the broker should hold, to predict CONNACK's session-present flag
 * (invariant 3: 0 for clean sessions, 1 on reconnect of a live persistent one).
 *
 * <p>Per client ID it remembers the session's owner (the connection holding it, null once closed), how
 * long the session outlives its connection and, once closed, when it expires. Expiry arguments follow
 * one convention: {@link #MQTT_3_1_1} means 3.1.1 rules (a clean session ends with its connection, a
 * persistent one never expires); any other value is an MQTT 5 session expiry, which alone decides, clean
 * start or not. A takeover resumes a live session only if it would outlive its connection: with MQTT 5
 * expiry 0 the session ends with the connection the takeover closes (mosquitto 2 does this).
 * Thread rules: called from every event loop at once; each client ID's entry is updated atomically.
 */
public final class SessionModel {
  /** Expiry argument meaning "MQTT 3.1.1 rules". */
  public static final long MQTT_3_1_1 = Long.MAX_VALUE;

  /**
   * @param afterCloseNanos how long the session outlives its connection: 0 none, MAX forever
   * @param sinceNanos      the accepted CONNACK that created or last resumed it
   */
  private record SessionState(Object owner, long afterCloseNanos, long expiresAtNanos, long sinceNanos) {}

  /** What a CONNACK's session-present flag must be. */
  public enum Expected {
    /** 0: no session to resume. */
    ABSENT,
    /** 1: a live session is resumed. */
    PRESENT,
    /** Either: the CONNACK came within the expiry tolerance of the session's expiry, so no verdict. */
    EITHER
  }

  private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();
  private final long expiryToleranceNanos;

  /** A model that judges session expiry to the nanosecond (no tolerance). */
  public SessionModel() {
    this(0);
  }

  /**
   * @param expiryToleranceNanos how far from a session's expiry instant (its close + the Session Expiry Interval in
   *                             force) a CONNACK may come and still get either flag: brokers count expiry on
   *                             whole-second clocks and sweep expired sessions periodically (section 4.1)
   */
  public SessionModel(long expiryToleranceNanos) {
    this.expiryToleranceNanos = Math.max(0, expiryToleranceNanos);
  }

  /**
   * The flag the broker must send in the CONNACK answering this CONNECT, deciding a CONNACK within the tolerance of
   * the session's expiry by the exact instant.
   *
   * @param nowNanos System.nanoTime of the CONNACK
   */
  public boolean expectedSessionPresent(String clientId, boolean cleanSession, long nowNanos) {
    Expected e = expected(clientId, cleanSession, nowNanos);
    if (e != Expected.EITHER) {
      return e == Expected.PRESENT;
    }
    return nowNanos < sessions.get(clientId).expiresAtNanos;
  }

  /**
   * The flag the broker must send in the CONNACK answering this CONNECT: {@link Expected#EITHER} when the CONNACK
   * came within the expiry tolerance of the instant the session expires (either flag is right then).
   *
   * @param nowNanos System.nanoTime of the CONNACK
   */
  public Expected expected(String clientId, boolean cleanSession, long nowNanos) {
    if (cleanSession) {
      return Expected.ABSENT;
    }
    SessionState state = sessions.get(clientId);
    if (state == null) {
      return Expected.ABSENT;
    }
    if (state.owner != null) {
      return state.afterCloseNanos > 0 ? Expected.PRESENT : Expected.ABSENT; // taken over while live
    }
    if (state.expiresAtNanos != Long.MAX_VALUE && Math.abs(nowNanos - state.expiresAtNanos) <= expiryToleranceNanos) {
      return Expected.EITHER;
    }
    return nowNanos < state.expiresAtNanos ? Expected.PRESENT : Expected.ABSENT;
  }

  /** {@link #connected(String, boolean, Object, long)} with MQTT 3.1.1 rules. */
  public void connected(String clientId, boolean cleanSession, Object owner) {
    connected(clientId, cleanSession, owner, MQTT_3_1_1);
  }

  /**
   * Records an accepted CONNECT: the session (new, or resumed) now belongs to {@code owner}, so a late
   * close of a taken-over connection does not end its successor's session.
   */
  public void connected(String clientId, boolean cleanSession, Object owner, long expiryNanos) {
    connected(clientId, cleanSession, owner, expiryNanos, Long.MIN_VALUE);
  }

  /** As {@link #connected(String, boolean, Object, long)}, at {@code nowNanos} (System.nanoTime of the CONNACK). */
  public void connected(String clientId, boolean cleanSession, Object owner, long expiryNanos, long nowNanos) {
    sessions.put(clientId, new SessionState(owner, afterClose(cleanSession, expiryNanos), Long.MAX_VALUE, nowNanos));
  }

  /**
   * When the session the model holds for {@code clientId} was created or last resumed (System.nanoTime of its
   * CONNACK), or {@link Long#MAX_VALUE} when it holds none: a broker that went down after this lost it if it does
   * not resume it.
   */
  public long heldSinceNanos(String clientId) {
    SessionState state = sessions.get(clientId);
    return state == null ? Long.MAX_VALUE : state.sinceNanos;
  }

  /**
   * Records an accepted CONNECT of an MQTT 3.1.1 clean session: any stored session of the ID is discarded, and
   * this one ends with its connection, so the model keeps nothing for it (a clean client costs it no entry).
   */
  public void cleanSession311(String clientId) {
    sessions.remove(clientId);
  }

  /**
   * Records the end of a connection; the session then lives on for its expiry (see the class comment).
   * {@code expiryNanos} is the one the connection asked for; it overrides the one given at connect.
   */
  public void closed(String clientId, Object owner, long nowNanos, long expiryNanos) {
    sessions.computeIfPresent(clientId, (id, state) -> {
      if (state.owner != owner) {
        return state; // taken over: the session belongs to the newer connection
      }
      long after = expiryNanos == MQTT_3_1_1 ? state.afterCloseNanos : expiryNanos;
      if (after <= 0) {
        return null;
      }
      long expiresAt = after > Long.MAX_VALUE - Math.max(0, nowNanos) ? Long.MAX_VALUE : nowNanos + after;
      return new SessionState(null, after, expiresAt, state.sinceNanos);
    });
  }

  private static long afterClose(boolean cleanSession, long expiryNanos) {
    if (expiryNanos == MQTT_3_1_1) {
      return cleanSession ? 0 : Long.MAX_VALUE;
    }
    return Math.max(0, expiryNanos);
  }
}
