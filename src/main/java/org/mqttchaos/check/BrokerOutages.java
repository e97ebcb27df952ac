package org.mqttchaos.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectFailure;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.Summary;

/**
 * Notices, from the run's event stream, when the broker goes away and when it comes back: each such outage is a
 * fact of the run (run.json, summary.json's {@code broker.outages}, timeline.csv's {@code brokerDown}), and the
 * verdicts read it: a connection the broker's going away closed owes no will, and persistent sessions it does not
 * resume after it came back are one {@code sessions-lost-on-broker-restart} finding per outage.
 *
 * <p>The rule. Only the broker's own doing counts; the harness's drops (graceful or abrupt, one client or a planned
 * mass drop) never do. A <em>peer close</em> is the broker closing an established connection ({@link
 * CloseCause#BY_BROKER}: FIN, reset, or an MQTT 5 DISCONNECT), except a takeover (the flap tracker's decision: a
 * close after another connection of the ID sent CONNECT), a keep-alive cut of a silent client and a DISCONNECT
 * 0x8E (taken over) or 0x8D (keep-alive timeout): those are the broker at work. Peer closes that follow
 * each other within {@link #BURST_GAP_NANOS} form a burst; an accepted CONNACK after the burst began ends it (the
 * broker is up). An outage begins when
 * <ol>
 *   <li>a burst of at least {@link #MIN_BURST} peer closes leaves no connection of the run live: the broker closed
 *       every live connection at once. It began at the burst's first close; or</li>
 *   <li>a TCP connect is refused or times out while no connection of the run is live, after the broker had accepted
 *       a connect: nothing answers on the broker's port. It began at the burst's first close when a burst left no
 *       connection live (one client, or one close), else at that connect's failure.</li>
 * </ol>
 * It ends at the first accepted CONNACK after it began. A takeover storm never makes one: every takeover close
 * follows an accepted CONNACK for the same ID, so a connection stays live and each burst is cut short. Nor does a
 * mass drop, whose closes are the client's.
 *
 * <p>Thread rules: called from every event loop at once; the live count is an atomic, everything else is guarded by
 * this object's monitor, taken for accepted CONNACKs, peer closes and failed TCP connects only.
 */
public final class BrokerOutages implements EventSubscriber {
  /** The longest gap between two peer closes of one burst. */
  public static final long BURST_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** A burst that leaves no connection live is an outage from this many peer closes; one needs a failed connect. */
  public static final int MIN_BURST = 2;

  static final String KIND_SESSIONS_LOST = "sessions-lost-on-broker-restart";
  static final String RULE_SESSIONS_LOST = "MQTT-3.1.2-4: the server keeps a persistent session after its connection"
      + " ends, and resumes it with session present 1; a broker that loses its sessions when it restarts breaks this"
      + " for every offline and every dropped client";

  private static final int TAKEN_OVER = 0x8E;
  private static final int KEEP_ALIVE_TIMEOUT = 0x8D;

  /** One outage; to is Long.MAX_VALUE while it lasts. Guarded by the enclosing monitor. */
  private static final class Outage {
    final long fromNanos;
    long toNanos = Long.MAX_VALUE;
    long connectionsLost;
    long sessionsLost;

    Outage(long fromNanos, long connectionsLost) {
      this.fromNanos = fromNanos;
      this.connectionsLost = connectionsLost;
    }
  }

  private final RunMetrics metrics;
  private final FindingSink sink;
  private final WillChecker wills; // null: no will to release
  private final AtomicLong live = new AtomicLong();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final List<Outage> outages = new ArrayList<>();
  private boolean everAccepted;
  private Outage open;
  private long burstStart;
  private long burstLast;
  private int burstCount;
  /** The current burst left no connection live. */
  private boolean burstEmptied;

  /** @param wills told of every outage, so the wills of the closes it caused are not owed; null for none */
  public BrokerOutages(RunMetrics metrics, Findings findings, long runStartNanos, WillChecker wills) {
    this.metrics = metrics;
    this.sink = new FindingSink(metrics, findings, runStartNanos);
    this.wills = wills;
  }

  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return Set.of(ConnAckReceived.class, Closed.class);
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    if (event instanceof ConnAckReceived e && e.accepted()) {
      live.incrementAndGet();
      accepted(e.nanoTime());
    } else if (event instanceof Closed e && e.established()) {
      live.decrementAndGet(); // whether the broker closed it is the close judge's to say: closedByBroker
    } else if (event instanceof Closed e
        && (e.failure() == ConnectFailure.TCP_REFUSED || e.failure() == ConnectFailure.TCP_TIMEOUT)) {
      connectFailed(e.nanoTime());
    }
  }

  /**
   * The broker closed the live connection of {@code e} ({@link CloseJudge} tells, after this detector saw the event
   * and with the flap tracker's takeover decision). Counts toward a burst unless it was a takeover or a keep-alive
   * cut.
   */
  public void closedByBroker(Closed e, boolean takeover) {
    if (!takeover && peerClose(e)) {
      peerClosed(e.nanoTime());
    }
  }

  /** The broker closed a live connection, and not as a takeover or a keep-alive cut. */
  static boolean peerClose(Closed e) {
    if (!e.established() || e.cause() != CloseCause.BY_BROKER || e.from() == ConnectionState.SILENT) {
      return false;
    }
    int reason = e.disconnectReason().orElse(-1);
    return reason != TAKEN_OVER && reason != KEEP_ALIVE_TIMEOUT;
  }

  private synchronized void accepted(long nanos) {
    everAccepted = true;
    if (open != null && nanos > open.fromNanos) {
      open.toNanos = nanos;
      open = null;
      metrics.brokerDown(false);
    }
    if (burstCount > 0 && nanos > burstStart) {
      burstCount = 0;
      burstEmptied = false;
    }
  }

  private synchronized void peerClosed(long nanos) {
    if (open != null) {
      if (nanos >= open.fromNanos) {
        open.connectionsLost++; // a connection the broker's going away closed after the outage was known
      }
      return;
    }
    if (burstCount == 0 || nanos - burstLast > BURST_GAP_NANOS) {
      burstStart = nanos;
      burstLast = nanos;
      burstCount = 0;
      burstEmptied = false;
    }
    burstCount++;
    burstLast = Math.max(burstLast, nanos);
    if (live.get() <= 0) {
      burstEmptied = true;
      if (burstCount >= MIN_BURST) {
        begin(burstStart, burstCount, nanos);
      }
    }
  }

  private synchronized void connectFailed(long nanos) {
    if (open != null || !everAccepted || live.get() > 0) {
      return;
    }
    if (burstEmptied && burstCount > 0) {
      begin(burstStart, burstCount, nanos);
    } else {
      begin(nanos, 0, nanos);
    }
  }

  private void begin(long fromNanos, long lost, long nowNanos) {
    open = new Outage(fromNanos, lost);
    outages.add(open);
    burstCount = 0;
    burstEmptied = false;
    metrics.brokerDown(true);
    metrics.increment(Counters.BROKER_OUTAGES);
    if (wills != null) {
      wills.brokerGone(fromNanos, nowNanos); // the burst's closes were judged before it was known
    }
  }

  /** True when {@code nanos} falls in an outage: a live connection closed then was closed by the broker's going away. */
  public synchronized boolean brokerDownAt(long nanos) {
    for (Outage o : outages) {
      if (nanos >= o.fromNanos && nanos < o.toNanos) {
        return true;
      }
    }
    return false;
  }

  /**
   * A CONNACK at {@code connackNanos} with session present 0 for a persistent session the model held since
   * {@code heldSinceNanos}: true, and counted as that outage's lost session, when an outage began between the two
   * (the broker went down holding the session and came back without it); false otherwise (a mismatch to judge).
   */
  public synchronized boolean sessionLost(long heldSinceNanos, long connackNanos) {
    for (int i = outages.size() - 1; i >= 0; i--) {
      Outage o = outages.get(i);
      if (o.fromNanos < connackNanos && o.fromNanos > heldSinceNanos) {
        o.sessionsLost++;
        return true;
      }
    }
    return false;
  }

  /**
   * Run end: one {@code sessions-lost-on-broker-restart} finding for each outage after which persistent sessions
   * were not resumed, with their count. Once only.
   */
  public void finish() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    List<Outage> lost;
    synchronized (this) {
      lost = outages.stream().filter(o -> o.sessionsLost > 0).toList();
    }
    for (Outage o : lost) {
      long n;
      long to;
      synchronized (this) {
        n = o.sessionsLost;
        to = o.toNanos;
      }
      sink.find(KIND_SESSIONS_LOST, RULE_SESSIONS_LOST, n + (n == 1 ? " client" : " clients"),
          to == Long.MAX_VALUE ? o.fromNanos : to,
          "session present 1 for the " + n + " persistent " + (n == 1 ? "session" : "sessions")
              + " the broker held when it went down",
          "session present 0: the broker lost " + (n == 1 ? "it" : "them") + " when it restarted");
    }
  }

  /** The outages so far, in the order they began, in seconds since {@code runStartNanos} (milliseconds precise). */
  public synchronized List<Summary.Outage> list(long runStartNanos) {
    List<Summary.Outage> out = new ArrayList<>();
    for (Outage o : outages) {
      out.add(new Summary.Outage(seconds(o.fromNanos - runStartNanos),
          o.toNanos == Long.MAX_VALUE ? null : seconds(o.toNanos - runStartNanos), o.connectionsLost,
          o.sessionsLost));
    }
    return out;
  }

  private static double seconds(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos) / 1000.0;
  }
}
