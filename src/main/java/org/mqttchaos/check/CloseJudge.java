package org.mqttchaos.check;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.client.Will;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;

/**
 * The domain rules of a close, in one place: what the close of a live connection was, one {@link CloseKind} by
 * the ordered rules there (our graceful DISCONNECT, our abrupt drop, a takeover, a keep-alive cut, a broker
 * DISCONNECT with a reason, an error, another close by the broker), and what it owes. A graceful
 * DISCONNECT forbids the will ([MQTT-3.1.2-10]); an abrupt drop, a keep-alive cut, another broker close or (MQTT 5)
 * a DISCONNECT with reason 0x04 owes it ([MQTT-3.1.2-8]), after its Will Delay Interval if it has one; a takeover
 * is recorded, never judged (3.1.1 leaves it open); a close the broker's going away
 * caused ({@link BrokerOutages}) owes none: a broker that is gone cannot publish, and one that restarts without the
 * session has no will to publish. It tells the flap, keep-alive and
 * will checkers, in that order, since the will's verdict needs the flap tracker's takeover decision.
 * Thread rules: called from every event loop at once; its only state is the concurrent set of connections ever
 * taken over.
 */
public final class CloseJudge implements EventSubscriber {
  private final RunMetrics metrics;
  private final FlapTracker flaps;
  private final KeepAliveChecker keepAlive;
  private final WillChecker wills;
  private final BrokerOutages outages; // null: the broker never goes away
  private final Set<Integer> takenOverUsers = ConcurrentHashMap.newKeySet(); // connection indexes, few

  public CloseJudge(RunMetrics metrics, FlapTracker flaps, KeepAliveChecker keepAlive, WillChecker wills) {
    this(metrics, flaps, keepAlive, wills, null);
  }

  /** @param outages the run's broker outages: a close in one owes no will */
  public CloseJudge(RunMetrics metrics, FlapTracker flaps, KeepAliveChecker keepAlive, WillChecker wills,
      BrokerOutages outages) {
    this.outages = outages;
    this.metrics = metrics;
    this.flaps = flaps;
    this.keepAlive = keepAlive;
    this.wills = wills;
  }

  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return Set.of(Closed.class);
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    if (event instanceof Closed closed) {
      judge(closed);
    }
  }

  /**
   * Decides the close's one {@link CloseKind} (the flap tracker tells whether a newer connection of the ID took it
   * over, and counts the flap and the takeover), then tells each checker by that kind alone.
   */
  private void judge(Closed e) {
    Attempt attempt = e.attempt();
    String id = e.clientId();
    long t = e.nanoTime();
    if (!e.established()) {
      flaps.closed(id, attempt, t); // the attempt never got a CONNACK: not a drop of a live connection
      return;
    }
    CloseCause cause = e.cause();
    int reason = e.disconnectReason().orElse(-1);
    boolean takenOver = cause.byClient() ? flaps.closed(id, attempt, t)
        : flaps.closedByBroker(id, attempt, t, reason, attempt.version());
    CloseKind kind = CloseKind.of(cause, takenOver, e.from() == ConnectionState.SILENT, reason);
    Will will = attempt.options().will();
    switch (kind) {
      case OWN_DISCONNECT, OWN_DROP -> {
        metrics.increment(kind == CloseKind.OWN_DISCONNECT ? Counters.DROPS_GRACEFUL : Counters.DROPS_ABRUPT);
        keepAlive.closedByClient(attempt, t);
        if (will != null && takenOver) {
          // A newer connection of the ID was accepted first: the broker had taken this one over before it could
          // read the DISCONNECT or see the drop (over wss the takeover's close reached the client late), so its
          // will is a takeover's, neither forbidden nor owed. The close stays the client's own in every figure.
          wills.takeover(willOwner(will, id), willId(will), t, attempt.version());
        } else if (will != null && cause == CloseCause.GRACEFUL_BY_CLIENT) {
          wills.forbid(willOwner(will, id), willId(will), t);
        } else if (will != null) {
          // an abrupt drop, or DISCONNECT 0x04 (Disconnect with Will Message): the will is owed, after its delay
          wills.expect(willOwner(will, id), willId(will), t, cause == CloseCause.GRACEFUL_WITH_WILL_BY_CLIENT
              ? "DISCONNECT 0x04" : cause == CloseCause.ABRUPT_FIN_BY_CLIENT ? "abrupt FIN" : "abrupt RST", false,
              WillChecker.owedDelayNanos(attempt));
        }
        return;
      }
      case TAKEOVER -> {
        if (takenOverUsers.add(attempt.connection())) {
          metrics.increment(Counters.FLAPS_TAKEN_OVER_USERS); // users taken over at least once: both of a pair
        }
        keepAlive.closedByClient(attempt, t); // not a keep-alive cut: neither early, on time nor late
      }
      case KEEP_ALIVE_CUT -> keepAlive.closedByBroker(attempt, t);
      default -> keepAlive.closedByClient(attempt, t); // pings judged up to the close; no keep-alive cut
    }
    if (outages != null) {
      outages.closedByBroker(e, kind == CloseKind.TAKEOVER); // may begin an outage: judged below knowing it
    }
    if (will == null) {
      return;
    }
    if (kind == CloseKind.TAKEOVER) {
      wills.takeover(willOwner(will, id), willId(will), t, attempt.version());
    } else if (outages != null && outages.brokerDownAt(t)) {
      wills.outage(willOwner(will, id), willId(will), t); // the broker's going away closed it: no will owed
    } else {
      wills.expect(willOwner(will, id), willId(will), t, kind == CloseKind.KEEP_ALIVE_CUT ? "keep-alive cut"
          : "broker close", true, WillChecker.owedDelayNanos(attempt));
    }
  }

  /**
   * The client ID the will's payload names (the CONNECT's, which an MQTT 5 broker may have replaced with an Assigned
   * Client Identifier since), which the observer's received will is matched by; {@code id} when it names none.
   */
  private static String willOwner(Will will, String id) {
    return WillPayload.parse(will.payload()).map(WillPayload::clientId).orElse(id);
  }

  /** The run-wide attempt id the will's payload names, which the observer's received will is matched by. */
  private static int willId(Will will) {
    return WillPayload.parse(will.payload()).map(WillPayload::connectionId).orElse(-1);
  }
}
