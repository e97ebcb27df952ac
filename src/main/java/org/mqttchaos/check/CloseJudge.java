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
 * The domain rules of a close, in one place: what the close of a live connection was (our graceful DISCONNECT,
 * our abrupt drop, a takeover, a keep-alive cut, another close by the broker) and what it owes. A graceful
 * DISCONNECT forbids the will ([MQTT-3.1.2-10]); an abrupt drop, a keep-alive cut, another broker close or (MQTT 5)
 * a DISCONNECT with reason 0x04 owes it ([MQTT-3.1.2-8]), after its Will Delay Interval if it has one; a takeover is recorded, never judged (3.1.1 leaves it open); a close the broker's going away
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
  private final Set<Integer> takenOver = ConcurrentHashMap.newKeySet(); // connection indexes, few

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

  private void judge(Closed e) {
    Attempt attempt = e.attempt();
    String id = e.clientId();
    long t = e.nanoTime();
    if (!e.established()) {
      flaps.closed(id, attempt, t); // the attempt never got a CONNACK: not a drop of a live connection
      return;
    }
    Will will = attempt.options().will();
    CloseCause cause = e.cause();
    if (cause == CloseCause.GRACEFUL_BY_CLIENT || cause.byClient()) {
      boolean graceful = cause == CloseCause.GRACEFUL_BY_CLIENT;
      metrics.increment(cause.graceful() ? Counters.DROPS_GRACEFUL : Counters.DROPS_ABRUPT);
      boolean takenOver = flaps.closed(id, attempt, t);
      keepAlive.closedByClient(attempt, t);
      if (will != null && takenOver) {
        // A newer connection of the ID was accepted first: the broker had taken this one over before it could read
        // the DISCONNECT or see the drop (over wss the takeover's close reached the client late), so its will is a
        // takeover's, neither forbidden nor owed.
        wills.takeover(id, willId(will), t, attempt.version());
      } else if (will != null && graceful) {
        wills.forbid(id, willId(will), t);
      } else if (will != null) {
        // an abrupt drop, or DISCONNECT 0x04 (Disconnect with Will Message): the will is owed, after its delay
        wills.expect(id, willId(will), t, cause == CloseCause.GRACEFUL_WITH_WILL_BY_CLIENT ? "DISCONNECT 0x04"
            : cause == CloseCause.ABRUPT_FIN_BY_CLIENT ? "abrupt FIN" : "abrupt RST", false,
            WillChecker.owedDelayNanos(attempt));
      }
      return;
    }
    boolean takeover = flaps.closedByBroker(id, attempt, t, e.disconnectReason().orElse(-1), attempt.version());
    if (takeover && takenOver.add(attempt.connection())) {
      metrics.increment(Counters.FLAPS_TAKEN_OVER_USERS); // users taken over at least once: both members of a pair
    }
    keepAlive.closedByBroker(attempt, t);
    if (outages != null) {
      outages.closedByBroker(e, takeover); // may begin an outage: judged below knowing it
    }
    if (will != null && takeover) {
      wills.takeover(id, willId(will), t, attempt.version());
    } else if (will != null && outages != null && outages.brokerDownAt(t)) {
      wills.outage(id, willId(will), t); // the broker's going away closed it: no will owed
    } else if (will != null) {
      wills.expect(id, willId(will), t, e.from() == ConnectionState.SILENT ? "keep-alive cut" : "broker close", true,
          WillChecker.owedDelayNanos(attempt));
    }
  }

  /** The run-wide attempt id the will's payload names, which the observer's received will is matched by. */
  private static int willId(Will will) {
    return WillPayload.parse(will.payload()).map(WillPayload::connectionId).orElse(-1);
  }
}
