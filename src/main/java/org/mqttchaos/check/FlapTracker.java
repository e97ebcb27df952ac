package org.mqttchaos.check;

import java.util.Set;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.TcpConnected;
import org.mqttchaos.client.EventSubscriber;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.mqttchaos.check.ClientIdFlaps.Conn;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MetricNames;

/**
 * Flaps, takeovers and throttling per client ID (invariant 4 and MQTT 5's 0x8E). A flap is a close of an
 * established connection that the client did not ask for; a takeover is a flap caused by another connection with
 * the same ID (see {@link ClientIdFlaps#takenOver}; {@link CloseKind} puts it before every other cause the close may
 * also have had).
 *
 * <p>Calm: a flapping ID (2+ flaps) has calmed when, after its last flap, a connection of it stayed up for at least
 * the quiet period ({@code quietNanos}, the profile's {@code reconnect.quietPeriod}) before it was closed by its own
 * client or the run ended, and, if several clients share the ID, another of them tried to connect meanwhile (its
 * CONNECT was refused, or did not take the ID over): a pair that stops flapping because one of them left did not
 * calm, its collision ended. Its time to calm is then its first flap to its last. Otherwise it never calmed
 * ({@code flaps.neverCalmed}): a pair reconnecting on a fixed period knocks each connection off within about that
 * period, so the quiet period must be longer than the longest reconnect delay (maxDelay x (1 + jitter)).
 *
 * <p>Throttling: a CONNACK refusing a connect because the broker limits connects (MQTT 5: 0x89 Server busy, 0x97
 * Quota exceeded, 0x9F Connection rate exceeded; MQTT 3.1.1: return code 3, Server unavailable) is counted in
 * {@code flaps.throttled}. Such an attempt was never established, so it is no flap, and a refused newcomer takes
 * nothing over: once refused, a close of the ID's older connection is not put down to it.
 *
 * <p>Thread rules: called from every event loop at once; each client ID's state is guarded by its own
 * monitor, so different IDs never wait for each other. {@code connection} is any object identifying one
 * connection (one live connection per object at a time: a per-user tracker may pass itself).
 */
public final class FlapTracker implements EventSubscriber {
  public static final long DEFAULT_TOLERANCE_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** MQTT 5 DISCONNECT reason code "Session taken over". */
  public static final int SESSION_TAKEN_OVER = 0x8E;
  static final String RULE_0X8E =
      "MQTT 5 3.1.4-3: the Server sends DISCONNECT with 0x8E Session taken over to the existing connection";
  static final String RULE_TWO_LIVE =
      "Invariant 4: after a takeover the old connection is closed; never two live connections for one ID "
          + "longer than the tolerance";

  /** One row of {@link #topFlapping}. */
  public record FlapCount(String clientId, long flaps) {}

  private final FindingSink sink;
  private final long toleranceNanos;
  private final long quietNanos;
  private final Map<String, ClientIdFlaps> ids = new ConcurrentHashMap<>();
  private final AtomicBoolean finished = new AtomicBoolean();

  /**
   * @param toleranceNanos how long two live connections of one ID may overlap after a takeover
   * @param quietNanos     the quiet period: how long a connection of a flapping ID must stay up after its last flap
   *                       for the ID to have calmed; > 0
   */
  public FlapTracker(RunMetrics metrics, Findings findings, long runStartNanos, long toleranceNanos,
      long quietNanos) {
    this.sink = new FindingSink(metrics, findings, runStartNanos);
    this.toleranceNanos = toleranceNanos;
    this.quietNanos = quietNanos;
  }

  /** TCP up (CONNECT is written next) and CONNACKs; closes come from {@link CloseJudge}. */
  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return Set.of(TcpConnected.class, ConnAckReceived.class);
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    if (event instanceof TcpConnected e && !e.clientId().isEmpty()) { // empty: the broker assigns one at CONNACK
      // Told before CONNECT is written (the client writes it right after this event): the broker's takeover
      // close of the older connection, seen on another event loop, cannot come first.
      connecting(e.clientId(), e.attempt(), e.nanoTime());
    } else if (event instanceof ConnAckReceived e && e.accepted()) {
      connected(e.clientId(), e.attempt(), e.nanoTime(), e.attempt().label());
    } else if (event instanceof ConnAckReceived e) {
      refused(e.clientId(), e.attempt(), e.code(), e.attempt().version());
    }
  }

  /** True when CONNACK {@code code} refuses a connect because the broker limits connects (see the class doc). */
  public static boolean throttling(int code, MqttVersion version) {
    if (version == MqttVersion.V5) {
      return code == 0x89 || code == 0x97 || code == 0x9F;
    }
    return code == 3;
  }

  /**
   * A CONNACK refused the connect with {@code code}: counted in {@code flaps.throttled} when it is a throttling
   * code, and in any case the attempt no longer counts as a newcomer that could take the ID's connection over.
   */
  public void refused(String clientId, Object connection, int code, MqttVersion version) {
    if (throttling(code, version)) {
      sink.increment(Counters.FLAPS_THROTTLED);
    }
    ClientIdFlaps id = ids.get(clientId);
    if (id != null) {
      synchronized (id) {
        for (Conn c : id.conns()) {
          if (c.connection == connection && !c.established()) {
            c.connectSentNanos = -1;
          }
        }
      }
    }
  }

  /**
   * True when the connect of {@code connection}, whose CONNACK was read at {@code connackNanos}, overlapped another
   * connect of {@code clientId} this run made (each CONNECT written before the other's CONNACK was read): the broker
   * accepted the two in an order the client cannot see, and what a CONNACK says may depend on it (session present).
   * Ask before {@link #connected} is told of this CONNACK.
   */
  public boolean overlapsAnother(String clientId, Object connection, long connackNanos) {
    ClientIdFlaps id = ids.get(clientId);
    if (id == null) {
      return false;
    }
    synchronized (id) {
      return id.overlapsAnother(connection, connackNanos);
    }
  }

  /** CONNECT written: lets a close seen before the newcomer's CONNACK still count as a takeover. */
  public void connecting(String clientId, Object connection, long nanos) {
    withId(clientId, id -> {
      id.conn(connection).connectSentNanos = nanos;
      id.attempted(nanos);
      return null;
    });
  }

  public void connected(String clientId, Object connection, long nanos) {
    connected(clientId, connection, nanos, null);
  }

  /** Accepted CONNACK; {@code role} (may be null) labels the connection for per-role flap counts. */
  public void connected(String clientId, Object connection, long nanos, String role) {
    withId(clientId, id -> {
      id.connected(connection, nanos, role);
      return null;
    });
  }

  /**
   * A close the client did not initiate (broker close or error) of an established connection: a flap.
   *
   * @param disconnectReason MQTT 5 DISCONNECT reason code received before the close, -1 if none
   * @return true when the close was a takeover (the will checker must not expect a will for it)
   */
  public boolean closedByBroker(String clientId, Object connection, long nanos, int disconnectReason,
      MqttVersion version) {
    record Flap(Conn conn, boolean takeover, long interval) {}
    Flap flap = withId(clientId, id -> {
      Conn removed = id.remove(connection);
      return new Flap(removed, removed != null && id.takenOver(removed), id.flap(nanos));
    });
    Conn conn = flap.conn();
    boolean takeover = flap.takeover();
    long interval = flap.interval();
    long supersededAt = conn == null ? -1 : conn.supersededAtNanos;
    sink.increment(Counters.FLAPS_TOTAL);
    if (interval >= 0) {
      sink.metrics().recordNanos(MetricNames.FLAP_INTERVAL, interval);
    }
    if (conn != null && conn.role != null) {
      sink.increment(Counters.flapsByRole(conn.role));
    }
    connectedTime(conn, nanos);
    if (!takeover) {
      if (disconnectReason == SESSION_TAKEN_OVER) {
        sink.increment(Counters.FLAPS_UNEXPLAINED_0X8E); // the newcomer may be outside this run
      }
      return false;
    }
    sink.increment(Counters.FLAPS_TAKEOVERS);
    judgeTakeover(clientId, nanos, disconnectReason, version, supersededAt);
    return true;
  }

  /**
   * Any other close of a connection seen by {@link #connecting} or {@link #connected}, a failed attempt too.
   *
   * @return true when a newer connection of its client ID had its CONNACK before this close: the broker took this
   *     one over before it could read whatever the client sent last (a DISCONNECT included)
   */
  public boolean closed(String clientId, Object connection, long nanos) {
    ClientIdFlaps id = ids.get(clientId);
    if (id == null) {
      return false;
    }
    Conn conn;
    synchronized (id) {
      conn = id.remove(connection);
      id.up(conn, nanos, quietNanos);
      if (id.noConns() && id.flaps() == 0 && !id.retired) {
        // Nothing left to judge or report for this ID: forget it, or a churn run of millions of unique IDs
        // would keep one entry per ID to its end.
        id.retired = true;
        ids.remove(clientId, id);
      }
    }
    connectedTime(conn, nanos);
    if (conn != null && conn.supersededAtNanos >= 0 && nanos - conn.supersededAtNanos > toleranceNanos) {
      twoLive(clientId, nanos, nanos - conn.supersededAtNanos, "closed by the client");
    }
    return conn != null && conn.supersededAtNanos >= 0 && conn.supersededAtNanos <= nanos;
  }

  private void judgeTakeover(String clientId, long nanos, int reason, MqttVersion version, long supersededAt) {
    if (reason == SESSION_TAKEN_OVER) {
      sink.increment(Counters.FLAPS_TAKEOVERS_WITH_0X8E);
    } else if (version == MqttVersion.V5) {
      sink.find("takeover-without-0x8E", RULE_0X8E, clientId, nanos, "DISCONNECT 0x8E before the close",
          reason < 0 ? "closed without DISCONNECT" : String.format("DISCONNECT 0x%02X", reason));
    }
    // Closed before the newcomer's CONNACK was seen: the two were never both live.
    long delay = supersededAt < 0 ? 0 : Math.max(0, nanos - supersededAt);
    sink.metrics().recordNanos(MetricNames.TAKEOVER_CLOSE, delay);
    if (delay > toleranceNanos) {
      sink.find("takeover-slow", RULE_TWO_LIVE, clientId, nanos, "closed <= " + FindingSink.millis(toleranceNanos)
          + " after the newer CONNACK", "closed " + FindingSink.millis(delay) + " after the newer CONNACK");
    }
  }

  private void twoLive(String clientId, long atNanos, long liveNanos, String how) {
    sink.find("two-live-connections", RULE_TWO_LIVE, clientId, atNanos,
        "older connection closed <= " + FindingSink.millis(toleranceNanos) + " after the newer CONNACK",
        "older connection still open " + FindingSink.millis(liveNanos) + " after the newer CONNACK (" + how + ")");
  }

  private void connectedTime(Conn conn, long closeNanos) {
    if (conn != null && conn.established() && conn.role != null) {
      sink.metrics().add(Counters.connectedClientMillisByRole(conn.role),
          TimeUnit.NANOSECONDS.toMillis(closeNanos - conn.connackNanos));
    }
  }

  /** How many client IDs the tracker holds state for (connecting, live, or flapped). */
  int trackedIds() {
    return ids.size();
  }

  /** The {@code n} client IDs with the most flaps, most first (ties by ID). */
  public List<FlapCount> topFlapping(int n) {
    List<FlapCount> all = new ArrayList<>();
    ids.forEach((clientId, id) -> {
      synchronized (id) {
        if (id.flaps() > 0) {
          all.add(new FlapCount(clientId, id.flaps()));
        }
      }
    });
    all.sort(Comparator.comparingLong(FlapCount::flaps).reversed().thenComparing(FlapCount::clientId));
    return List.copyOf(all.subList(0, Math.min(n, all.size())));
  }

  /**
   * Run end: flapping IDs, calm (connections still open count as up until {@code endNanos}), open connections'
   * time, two live connections. Once only.
   */
  public void finish(long endNanos) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    ids.forEach((clientId, id) -> {
      synchronized (id) {
        for (Conn c : id.conns()) {
          id.up(c, endNanos, quietNanos); // still open at the run's end
        }
        if (id.flaps() >= 2) {
          sink.increment(Counters.FLAPS_FLAPPING_IDS);
          long calm = id.timeToCalm();
          if (calm < 0) {
            sink.increment(Counters.FLAPS_NEVER_CALMED);
          } else {
            sink.metrics().recordNanos(MetricNames.TIME_TO_CALM, calm);
          }
        }
        for (Conn c : id.conns()) {
          connectedTime(c, endNanos); // still open: its time so far counts toward the role's rate
          if (c.supersededAtNanos >= 0 && endNanos - c.supersededAtNanos > toleranceNanos) {
            twoLive(clientId, endNanos, endNanos - c.supersededAtNanos, "no close seen by the run's end");
          }
        }
      }
    });
  }

  /**
   * Runs {@code update} under the ID's monitor on its live state. An entry {@link #closed} retired (removed
   * from the map) may still be in another loop's hands: that caller takes the fresh entry instead.
   */
  private <R> R withId(String clientId, Function<ClientIdFlaps, R> update) {
    while (true) {
      ClientIdFlaps id = ids.computeIfAbsent(clientId, k -> new ClientIdFlaps());
      synchronized (id) {
        if (!id.retired) {
          return update.apply(id);
        }
      }
    }
  }
}
