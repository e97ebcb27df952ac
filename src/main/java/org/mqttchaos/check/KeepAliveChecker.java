package org.mqttchaos.check;

import java.util.Set;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.DisconnectReceived;
import org.mqttchaos.client.ConnectionEvent.PingReqSent;
import org.mqttchaos.client.ConnectionEvent.PingRespReceived;
import org.mqttchaos.client.ConnectionEvent.Silenced;
import org.mqttchaos.client.EventSubscriber;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MetricNames;

/**
 * Invariants 2 and 5: a silent client is cut by the broker within 1.5 x keep-alive plus the stated
 * tolerance (never sooner than keep-alive, else a warning), and every PINGREQ is answered while the
 * connection lives. The tolerance is the profile's, stated up front; it is never widened to let a broker pass.
 * Keep-alive is the one in force: an MQTT 5 broker's Server Keep Alive replaces the CONNECT's ([MQTT-3.2.2-21]:
 * the client must use it), so a broker that lowered it is judged against its own value, 1.5 x Server Keep Alive.
 *
 * <p>Thread rules: called from every event loop at once; a connection's state is written only by its own
 * event loop (single writer), and at {@link #finish} after the run. A connection has an entry only while it is
 * silent or has a PINGREQ outstanding: an idle connection between pings costs the checker nothing.
 */
public final class KeepAliveChecker implements EventSubscriber {
  static final String RULE_LATE =
      "MQTT-3.1.2-24: the Server disconnects a client that sends nothing for 1.5 x Keep Alive";
  static final String RULE_PING = "MQTT-3.12.4-1: the Server sends PINGRESP in response to PINGREQ";

  /** One connection; -1 = not silent / no PINGREQ outstanding. */
  private static final class Conn {
    volatile String clientId;
    volatile long keepAliveNanos;
    volatile long silentSinceNanos = -1;
    volatile long pingOutstandingSinceNanos = -1;
  }

  private final FindingSink sink;
  private final long toleranceNanos;
  private final Map<Object, Conn> conns = new ConcurrentHashMap<>();
  private final AtomicBoolean finished = new AtomicBoolean();

  public KeepAliveChecker(RunMetrics metrics, Findings findings, long runStartNanos, long toleranceNanos) {
    this.sink = new FindingSink(metrics, findings, runStartNanos);
    this.toleranceNanos = toleranceNanos;
  }

  /** Pings, silences and the broker's DISCONNECT 0x8D; closes come from {@link CloseJudge}. */
  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return Set.of(PingReqSent.class, PingRespReceived.class, Silenced.class, DisconnectReceived.class);
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    if (event instanceof PingReqSent e) {
      if (!conns.containsKey(e.attempt())) {
        opened(e.clientId(), e.attempt(), e.attempt().keepAliveSeconds());
      }
      pingSent(e.attempt(), e.nanoTime());
    } else if (event instanceof PingRespReceived e) {
      pingAnswered(e.attempt(), e.nanoTime());
    } else if (event instanceof Silenced e) {
      silent(e.clientId(), e.attempt(), e.lastSentNanos(), e.attempt().keepAliveSeconds());
    } else if (event instanceof DisconnectReceived e && e.reasonCode() == CloseKind.KEEP_ALIVE_TIMEOUT) {
      keepAliveTimeout(e.clientId(), e.attempt(), e.lastSentNanos(), e.attempt().keepAliveSeconds());
    }
  }

  /** An established connection, so its PINGREQs can be followed; keep-alive 0 means none. */
  public void opened(String clientId, Object connection, int keepAliveSeconds) {
    Conn c = conns.computeIfAbsent(connection, k -> new Conn());
    c.clientId = clientId;
    c.keepAliveNanos = TimeUnit.SECONDS.toNanos(keepAliveSeconds);
  }

  /** The client stopped sending anything; {@code lastSentNanos} is its last packet's write. */
  public void silent(String clientId, Object connection, long lastSentNanos, int keepAliveSeconds) {
    opened(clientId, connection, keepAliveSeconds);
    conns.get(connection).silentSinceNanos = lastSentNanos;
    sink.increment(Counters.KEEPALIVE_SILENT_CLIENTS);
  }

  /**
   * The broker sent DISCONNECT 0x8D (Keep Alive timeout, MQTT 5 section 3.1.2.10) to a connection whose last packet
   * was written at {@code lastSentNanos}: its close is judged as a silent one's, from that last packet (a silent
   * connection keeps the instant it went silent, and neither is counted among the silent clients again).
   */
  public void keepAliveTimeout(String clientId, Object connection, long lastSentNanos, int keepAliveSeconds) {
    Conn c = conns.get(connection);
    if (c == null || c.silentSinceNanos < 0) {
      opened(clientId, connection, keepAliveSeconds);
      conns.get(connection).silentSinceNanos = lastSentNanos;
    }
  }

  /** A PINGREQ written on {@code connection}: counted in keepAlive.pingsSent. */
  public void pingSent(Object connection, long nanos) {
    sink.increment(Counters.KEEPALIVE_PINGS_SENT);
    Conn c = conns.get(connection);
    if (c != null && c.pingOutstandingSinceNanos < 0) {
      c.pingOutstandingSinceNanos = nanos; // the oldest unanswered one counts
    }
  }

  /**
   * A PINGRESP received (counted in keepAlive.pingsAnswered): the outstanding PINGREQ was answered, and nothing is
   * left to judge of a connection that is not silent.
   */
  public void pingAnswered(Object connection, long nanos) {
    sink.increment(Counters.KEEPALIVE_PINGS_ANSWERED);
    Conn c = conns.get(connection);
    if (c == null) {
      return;
    }
    if (c.silentSinceNanos < 0) {
      conns.remove(connection);
    } else {
      c.pingOutstandingSinceNanos = -1;
    }
  }

  /** A keep-alive cut ({@link CloseKind#KEEP_ALIVE_CUT}): judged early, on time or late when it was silent. */
  public void closedByBroker(Object connection, long nanos) {
    Conn c = conns.remove(connection);
    if (c == null) {
      return;
    }
    if (c.silentSinceNanos < 0) {
      checkPing(c, nanos);
      return;
    }
    long delay = nanos - c.silentSinceNanos;
    sink.metrics().recordNanos(MetricNames.KEEPALIVE_DETECTION, delay);
    sink.increment(Counters.KEEPALIVE_CLOSED_BY_BROKER);
    if (c.keepAliveNanos == 0) {
      return; // no keep-alive asked: the broker owes nothing
    }
    if (delay < c.keepAliveNanos) {
      sink.increment(Counters.KEEPALIVE_EARLY); // a warning: the broker cut sooner than the spec allows for
    } else if (delay > limit(c)) {
      sink.increment(Counters.KEEPALIVE_LATE);
      sink.find("keepalive-late", RULE_LATE, c.clientId, nanos, "<= " + FindingSink.millis(limit(c)),
          FindingSink.millis(delay));
    }
  }

  /**
   * The connection closed without a keep-alive cut: the client closed it itself (graceful, abrupt, end of run), or
   * a takeover, another broker DISCONNECT or an error did ({@link CloseKind}): judged as still open at {@code nanos}.
   */
  public void closedByClient(Object connection, long nanos) {
    Conn c = conns.remove(connection);
    if (c != null) {
      judgeOpen(c, nanos);
    }
  }

  /** Run end: silent clients never cut, PINGREQs never answered on connections still open. Once only. */
  public void finish(long nowNanos) {
    if (finished.compareAndSet(false, true)) {
      conns.values().forEach(c -> judgeOpen(c, nowNanos));
    }
  }

  /** A connection the broker had not closed by {@code nanos}. */
  private void judgeOpen(Conn c, long nanos) {
    if (c.silentSinceNanos < 0) {
      checkPing(c, nanos);
    } else if (c.keepAliveNanos > 0 && nanos - c.silentSinceNanos > limit(c)) {
      sink.increment(Counters.KEEPALIVE_NEVER_CLOSED);
      sink.find("keepalive-not-enforced", RULE_LATE, c.clientId, nanos, "closed by the broker <= "
          + FindingSink.millis(limit(c)) + " after the last packet",
          "still open " + FindingSink.millis(nanos - c.silentSinceNanos) + " after the last packet");
    }
  }

  private void checkPing(Conn c, long nanos) {
    long since = c.pingOutstandingSinceNanos;
    if (since >= 0 && c.keepAliveNanos > 0 && nanos - since > c.keepAliveNanos) {
      sink.increment(Counters.KEEPALIVE_PINGS_UNANSWERED);
      sink.find("pingresp-missing", RULE_PING, c.clientId, nanos, "PINGRESP within "
          + FindingSink.millis(c.keepAliveNanos), "none " + FindingSink.millis(nanos - since) + " after PINGREQ");
    }
  }

  private long limit(Conn c) {
    return c.keepAliveNanos * 3 / 2 + toleranceNanos;
  }
}
