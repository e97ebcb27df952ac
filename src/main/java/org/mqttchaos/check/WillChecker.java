package org.mqttchaos.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.Will;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MetricNames;

/**
 * Invariant 1: a will is published exactly once after every abrupt close, keep-alive cut or DISCONNECT with reason
 * 0x04 (MQTT 5) of a client that set one, and never after a plain graceful DISCONNECT. Closes are announced by the
 * connection's tracker, wills by the observer client; {@link WillPayload} ties a will to its connection attempt.
 *
 * <p>MQTT 5 Will Delay Interval (section 3.1.3.2, [MQTT-3.1.3-9]): the will is owed at the close plus the delay, or
 * when the session ends if sooner (the Session Expiry Interval: a clean session's ends at the close, so its will is
 * owed at once), and not at all if the client comes back within the delay: an accepted CONNACK for its client ID with
 * session present ({@link #onEvent}). A CONNACK without session present (a clean start) ends the session, and the
 * will is owed then. Brokers run whole-second clocks, so a will counts as early only when it arrives more than the
 * delay tolerance ({@link #delayTolerance}, default 1 s) before it was owed ({@code will-early}); one that arrives
 * although the client came back more than the tolerance before it was owed is {@code will-after-return}; a return
 * within the tolerance of the owed time allows either outcome. A will owed and never received is
 * {@code will-missing}, as without a delay. The will-delay histogram measures from the close to the arrival either
 * way.
 *
 * <p>The observer's event loop can report a will before the closed client's loop reports the close, so a
 * will for a connection whose close is not known yet is kept and judged when the close arrives.
 *
 * <p>The observer is a client too: while it is not subscribed (lost, reconnecting, never connected) it cannot see
 * a will, so a will owed in such a window and never received is {@code unknown}, not {@code missing}: the harness
 * never blames the broker for what it could not watch.
 * Thread rules: called from every event loop at once; each connection's record has its own monitor.
 */
public final class WillChecker implements EventSubscriber {
  static final String RULE_MISSING =
      "MQTT-3.1.2-8: the will is published when the network connection is closed without DISCONNECT";
  static final String RULE_DISCONNECT = "MQTT-3.1.2-10: the will is deleted, not published, after DISCONNECT";
  static final String RULE_ONCE = "Invariant 1: a will is published exactly once per close";
  static final String RULE_EARLY = "MQTT 5 section 3.1.3.2: the will is published when the Will Delay Interval has"
      + " passed or the session ends, whichever happens first, not before";
  static final String RULE_RETURN = "MQTT-3.1.3-9: the will is not sent if a new network connection to the session"
      + " is made before the Will Delay Interval has passed";
  static final String RULE_DELAY_MISSING = "MQTT 5 section 3.1.3.2: the will is published when the Will Delay"
      + " Interval has passed or the session ends, whichever happens first";

  /** How much earlier than owed a delayed will may arrive: brokers count the delay on whole-second clocks. */
  public static final long DEFAULT_DELAY_TOLERANCE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long NONE = Long.MIN_VALUE;

  /**
   * How much earlier than the client saw its close the broker may have published the will: a broker's close
   * (keep-alive cut) reaches the client's loop after the broker acted, by up to this much on a loaded harness.
   */
  static final long CLOSE_SEEN_LATE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** The longest the run's end waits for wills still arriving, in graces past the last close that owes one. */
  public static final int MAX_GRACES = 4;

  private enum Close { EXPECTED, FORBIDDEN, TAKEOVER, OUTAGE }

  private record Key(String clientId, int connectionId) {}

  /** One connection attempt: how it closed (null until known) and the wills received for it. */
  private static final class Record {
    Close close;
    long closeNanos;
    String reason;
    boolean byBroker; // an expected will of a broker's close: released if an outage turns out to have caused it
    int received;
    long firstReceivedNanos;
    long delayNanos; // the will is owed at closeNanos + delayNanos (Will Delay Interval, capped by session expiry)
    long returnedNanos = NONE; // the client came back with its session at, before the will was owed
    boolean withdrawn; // came back in time, before any will arrived: no will owed (counted cancelled)
    boolean judgedReceived; // its first will was judged received in time (not early), so a late-known return may
                            // still turn it into a will after the return
  }

  private final FindingSink sink;
  private final String runTag;
  private final Map<Key, Record> records = new ConcurrentHashMap<>();
  private final AtomicLong expected = new AtomicLong();
  private final AtomicLong matched = new AtomicLong();
  private final AtomicLong lastExpectation = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong lastArrival = new AtomicLong(Long.MIN_VALUE); // of an expected will, nanoTime
  private final AtomicBoolean finished = new AtomicBoolean();
  private final Object progress = new Object(); // notified when an expected will arrives
  /** The observer's blind windows as [from, to) nanoTime pairs; to is Long.MAX_VALUE while open. */
  private final List<long[]> blind = new ArrayList<>(); // guarded by itself
  /** Delayed wills not owed yet, by client ID: a return of the ID within the delay withdraws them. */
  private final Map<String, List<Record>> awaitingReturn = new ConcurrentHashMap<>();
  private volatile long delayToleranceNanos = DEFAULT_DELAY_TOLERANCE_NANOS;

  /** @param runTag the tag this run writes into every will payload; other tags are foreign */
  public WillChecker(RunMetrics metrics, Findings findings, long runStartNanos, String runTag) {
    this.sink = new FindingSink(metrics, findings, runStartNanos);
    this.runTag = runTag;
  }

  /**
   * How much earlier than owed (close + Will Delay Interval) a delayed will may arrive before it is
   * {@code will-early}, and how close to that instant a return leaves either outcome right; nanoseconds, >= 0.
   */
  public void delayTolerance(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("will delay tolerance must be >= 0 ns, was " + nanos);
    }
    delayToleranceNanos = nanos;
  }

  /**
   * The delay after which a close of {@code attempt} owes its will, in nanoseconds: MQTT 5's Will Delay Interval,
   * capped by the Session Expiry Interval in force, the CONNACK's else the CONNECT's (the session's end publishes the
   * will if sooner; a clean session ends at the close); 0 without a will, for MQTT 3.1.1, and without a delay.
   */
  public static long owedDelayNanos(Attempt attempt) {
    Will will = attempt.options().will();
    if (will == null || attempt.version() != MqttVersion.V5) {
      return 0;
    }
    return TimeUnit.SECONDS.toNanos(Math.min(will.delaySeconds(), attempt.sessionExpirySeconds()));
  }

  /** The will payload for one connection attempt of this run. */
  public byte[] payload(String clientId, int connectionId) {
    return WillPayload.payload(clientId, connectionId, runTag);
  }

  /** A close that must publish the will: abrupt by the client, keep-alive cut, a broker close not a takeover. */
  public void expect(String clientId, int connectionId, long closeNanos, String reason) {
    expect(clientId, connectionId, closeNanos, reason, false);
  }

  /**
   * As {@link #expect(String, int, long, String)}; {@code byBroker}: the broker closed it (keep-alive cut, another
   * broker close), so an outage found later ({@link #brokerGone}) releases the will.
   */
  public void expect(String clientId, int connectionId, long closeNanos, String reason, boolean byBroker) {
    expect(clientId, connectionId, closeNanos, reason, byBroker, 0);
  }

  /**
   * As {@link #expect(String, int, long, String, boolean)}, for a will owed {@code delayNanos} after the close
   * ({@link #owedDelayNanos}): unless the client comes back with its session before then.
   */
  public void expect(String clientId, int connectionId, long closeNanos, String reason, boolean byBroker,
      long delayNanos) {
    if (classify(clientId, connectionId, Close.EXPECTED, closeNanos, reason, byBroker, Math.max(0, delayNanos))) {
      expected.incrementAndGet();
      lastExpectation.accumulateAndGet(closeNanos + Math.max(0, delayNanos), Math::max);
    }
  }

  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return Set.of(ConnAckReceived.class);
  }

  /** An accepted CONNACK: the client ID came back, which withdraws or brings forward its delayed wills. */
  @Override
  public void onEvent(ConnectionEvent event) {
    if (event instanceof ConnAckReceived e && e.accepted() && !awaitingReturn.isEmpty()) {
      returned(e.clientId(), e.nanoTime(), e.sessionPresent());
    }
  }

  /**
   * The client ID connected again at {@code nanos}: with its session ({@code resumed}, session present), a delayed
   * will not yet owed is owed no more ([MQTT-3.1.3-9]); without it, its session ended, so the will is owed now.
   */
  public void returned(String clientId, long nanos, boolean resumed) {
    List<Record> waiting = awaitingReturn.get(clientId);
    if (waiting == null) {
      return;
    }
    long tolerance = delayToleranceNanos;
    List<Record> withdrawn = new ArrayList<>();
    List<Record> turned = new ArrayList<>();
    synchronized (waiting) {
      for (Record r : waiting) {
        synchronized (r) {
          long owed = r.closeNanos + r.delayNanos;
          if (r.close != Close.EXPECTED || r.returnedNanos != NONE || nanos <= r.closeNanos || nanos >= owed) {
            continue;
          }
          if (!resumed) {
            r.delayNanos = nanos - r.closeNanos; // a clean start ended the session: the will is due now
            continue;
          }
          r.returnedNanos = nanos;
          if (nanos >= owed - tolerance) {
            continue; // too close to the owed instant to call: either outcome is right
          }
          if (r.received == 0) {
            r.withdrawn = true;
            withdrawn.add(r);
          } else if (r.judgedReceived && r.firstReceivedNanos > nanos) {
            r.judgedReceived = false; // the will came after the return, which was only known later
            turned.add(r);
          }
        }
      }
      waiting.removeIf(r -> r.returnedNanos != NONE || r.closeNanos + r.delayNanos <= nanos);
    }
    awaitingReturn.computeIfPresent(clientId, (id, list) -> {
      synchronized (list) {
        return list.isEmpty() ? null : list;
      }
    });
    for (Record r : withdrawn) {
      expected.decrementAndGet();
      sink.metrics().add(Counters.WILLS_EXPECTED, -1);
      sink.increment(Counters.WILLS_CANCELLED);
    }
    for (Record r : turned) {
      expected.decrementAndGet();
      matched.decrementAndGet();
      sink.metrics().add(Counters.WILLS_EXPECTED, -1);
      sink.metrics().add(Counters.WILLS_RECEIVED, -1);
      afterReturn(clientId, r.closeNanos, r.delayNanos, nanos, r.firstReceivedNanos);
    }
    if (!withdrawn.isEmpty()) {
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private void afterReturn(String clientId, long closeNanos, long delayNanos, long returnedNanos, long receivedNanos) {
    sink.increment(Counters.WILLS_AFTER_RETURN);
    sink.find("will-after-return", RULE_RETURN, clientId, receivedNanos,
        "no will: the client came back with its session " + FindingSink.millis(returnedNanos - closeNanos)
            + " after the close, within the Will Delay Interval (" + FindingSink.millis(delayNanos) + ")",
        "will received " + FindingSink.millis(receivedNanos - closeNanos) + " after the close");
  }

  /**
   * A close the broker's going away caused (check.BrokerOutages): no will is owed. A will that comes anyway is
   * counted {@code wills.afterOutage}, never judged.
   */
  public void outage(String clientId, int connectionId, long closeNanos) {
    classify(clientId, connectionId, Close.OUTAGE, closeNanos, "broker outage", true);
  }

  /**
   * An outage began at {@code fromNanos} and was known at {@code toNanos}: the broker closes judged meanwhile, before
   * it was known, owe no will after all. Their expectations are withdrawn, and a will already received for one (it
   * often comes before the outage is known) moves from received to {@code wills.afterOutage}, as if the outage had
   * been known at its close.
   */
  public void brokerGone(long fromNanos, long toNanos) {
    long released = 0;
    long receivedAlready = 0;
    for (Record r : records.values()) {
      synchronized (r) {
        if (r.close == Close.EXPECTED && r.byBroker && r.closeNanos >= fromNanos && r.closeNanos <= toNanos
            && (r.received == 0 || r.judgedReceived)) {
          r.close = Close.OUTAGE;
          r.reason = "broker outage";
          released++;
          if (r.received > 0) {
            r.judgedReceived = false;
            receivedAlready++;
          }
        }
      }
    }
    if (released > 0) {
      expected.addAndGet(-released);
      sink.metrics().add(Counters.WILLS_EXPECTED, -released);
    }
    if (receivedAlready > 0) {
      matched.addAndGet(-receivedAlready);
      sink.metrics().add(Counters.WILLS_RECEIVED, -receivedAlready);
      sink.metrics().add(Counters.WILLS_AFTER_OUTAGE, receivedAlready);
    }
    if (released > 0) {
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  /** A graceful DISCONNECT: the broker must discard the will. */
  public void forbid(String clientId, int connectionId, long closeNanos) {
    classify(clientId, connectionId, Close.FORBIDDEN, closeNanos, "graceful DISCONNECT");
  }

  /**
   * A takeover close. MQTT 3.1.1 leaves the will open here; MQTT 5 (3.1.4-3) says the existing client's
   * will is published, subject to its will delay. Either way it is recorded as behaviour, never a finding.
   */
  public void takeover(String clientId, int connectionId, long closeNanos, MqttVersion version) {
    classify(clientId, connectionId, Close.TAKEOVER, closeNanos, "takeover (MQTT " + version.label() + ")");
  }

  /**
   * The observer stopped watching at {@code nanos} (its connection lost, or not yet made): wills owed from then
   * until {@link #observerWatching} and never received are unknown.
   */
  public void observerBlind(long nanos) {
    synchronized (blind) {
      if (blind.isEmpty() || blind.get(blind.size() - 1)[1] != Long.MAX_VALUE) {
        blind.add(new long[] {nanos, Long.MAX_VALUE});
      }
    }
  }

  /** The observer is subscribed again (or resumed its session with the subscription) at {@code nanos}. */
  public void observerWatching(long nanos) {
    synchronized (blind) {
      if (!blind.isEmpty() && blind.get(blind.size() - 1)[1] == Long.MAX_VALUE) {
        blind.get(blind.size() - 1)[1] = nanos;
      }
    }
  }

  /** Nanoseconds the observer was blind between {@code fromNanos} and {@code toNanos}. */
  public long blindNanos(long fromNanos, long toNanos) {
    long total = 0;
    synchronized (blind) {
      for (long[] w : blind) {
        total += Math.max(0, Math.min(w[1], toNanos) - Math.max(w[0], fromNanos));
      }
    }
    return total;
  }

  /** A PUBLISH the observer received on a will topic, delivered live (not a replay). */
  public void received(String topic, byte[] payload, long nanos) {
    received(topic, payload, nanos, false);
  }

  /**
   * A PUBLISH the observer received on a will topic. {@code replay}: it came with DUP (QoS 1 redelivery after the
   * observer's reconnect) or RETAIN set (a retained will sent again for a new subscription); a replay of a will
   * already received is allowed by the spec and is not a duplicate.
   */
  public void received(String topic, byte[] payload, long nanos, boolean replay) {
    Optional<WillPayload> parsed = WillPayload.parse(payload);
    if (parsed.isEmpty() || !parsed.get().runTag().equals(runTag)) {
      sink.increment(Counters.WILLS_FOREIGN);
      return;
    }
    WillPayload will = parsed.get();
    Record r = records.computeIfAbsent(new Key(will.clientId(), will.connectionId()), k -> new Record());
    Close close;
    int nth;
    long closeNanos;
    synchronized (r) {
      if (replay && r.received > 0) {
        return;
      }
      nth = ++r.received;
      if (nth == 1) {
        r.firstReceivedNanos = nanos;
      }
      close = r.close;
      closeNanos = r.closeNanos;
    }
    if (close != null) {
      judge(will.clientId(), r, close, nth, closeNanos, nanos);
    }
  }

  /** Records how a connection closed and judges wills that arrived before; false when already known. */
  private boolean classify(String clientId, int connectionId, Close close, long closeNanos, String reason) {
    return classify(clientId, connectionId, close, closeNanos, reason, false, 0);
  }

  private boolean classify(String clientId, int connectionId, Close close, long closeNanos, String reason,
      boolean byBroker) {
    return classify(clientId, connectionId, close, closeNanos, reason, byBroker, 0);
  }

  private boolean classify(String clientId, int connectionId, Close close, long closeNanos, String reason,
      boolean byBroker, long delayNanos) {
    Record r = records.computeIfAbsent(new Key(clientId, connectionId), k -> new Record());
    int early;
    long firstReceived;
    synchronized (r) {
      if (r.close != null) {
        return false;
      }
      r.close = close;
      r.closeNanos = closeNanos;
      r.reason = reason;
      r.byBroker = byBroker;
      r.delayNanos = delayNanos;
      early = r.received;
      firstReceived = r.firstReceivedNanos;
    }
    if (close == Close.EXPECTED && delayNanos > 0) {
      awaitingReturn.compute(clientId, (id, waiting) -> {
        List<Record> list = waiting != null ? waiting : new ArrayList<>();
        synchronized (list) {
          list.add(r);
        }
        return list;
      });
    }
    if (close == Close.EXPECTED) {
      sink.increment(Counters.WILLS_EXPECTED);
    }
    for (int nth = 1; nth <= early; nth++) {
      judge(clientId, r, close, nth, closeNanos, nth == 1 ? firstReceived : closeNanos);
    }
    return true;
  }

  private void judge(String clientId, Record r, Close close, int nth, long closeNanos, long receivedNanos) {
    if (close == Close.FORBIDDEN) {
      sink.increment(Counters.WILLS_UNEXPECTED);
      sink.find("will-after-disconnect", RULE_DISCONNECT, clientId, receivedNanos,
          "no will after a graceful DISCONNECT", "will received " + FindingSink.millis(receivedNanos - closeNanos)
              + " after the DISCONNECT close");
    } else if (nth > 1) {
      sink.increment(Counters.WILLS_DUPLICATES);
      sink.find("will-duplicate", RULE_ONCE, clientId, receivedNanos, "1 will for the close", nth + " wills");
    } else if (close == Close.TAKEOVER) {
      sink.increment(Counters.WILLS_AFTER_TAKEOVER);
    } else if (close == Close.OUTAGE) {
      sink.increment(Counters.WILLS_AFTER_OUTAGE);
    } else {
      long delay;
      long returnedAt;
      boolean withdrawn;
      synchronized (r) {
        delay = r.delayNanos;
        returnedAt = r.returnedNanos;
        withdrawn = r.withdrawn;
      }
      if (withdrawn) { // the client came back in time, and its will was withdrawn from the expected ones
        afterReturn(clientId, closeNanos, delay, returnedAt, receivedNanos);
        return;
      }
      boolean early = delay > 0 && receivedNanos < closeNanos + delay - delayToleranceNanos;
      if (early) {
        sink.increment(Counters.WILLS_EARLY);
        sink.find("will-early", RULE_EARLY, clientId, receivedNanos,
            "the will " + FindingSink.millis(delay) + " after the close (" + reasonOf(r)
                + ", Will Delay Interval; tolerance " + FindingSink.millis(delayToleranceNanos) + ")",
            "will received " + FindingSink.millis(Math.max(0, receivedNanos - closeNanos)) + " after the close");
      } else {
        synchronized (r) {
          r.judgedReceived = true;
        }
      }
      sink.increment(Counters.WILLS_RECEIVED);
      lastArrival.accumulateAndGet(System.nanoTime(), Math::max);
      matched.incrementAndGet();
      synchronized (progress) {
        progress.notifyAll();
      }
      // The observer may see the will before the client's own close event: that delay counts as 0.
      sink.metrics().recordNanos(MetricNames.WILL_DELAY, Math.max(0, receivedNanos - closeNanos));
    }
  }

  private static String reasonOf(Record r) {
    synchronized (r) {
      return r.reason;
    }
  }

  /** The latest instant a will is owed (close + its delay), or Long.MIN_VALUE when none: wait up to grace past it. */
  public long lastExpectationNanos() {
    return lastExpectation.get();
  }

  /** True when every expected will has arrived: the end of the run need not wait any longer. */
  public boolean allExpectedReceived() {
    return matched.get() >= expected.get();
  }

  /**
   * Run end: waits until every expected will has arrived, or {@code graceNanos} passed since the last close that
   * expects one and since the last expected will that arrived, whichever is later, but no longer than
   * {@link #MAX_GRACES} graces past that close; true when all arrived. Wills still arriving earn more time: a broker
   * may publish them slowly (mosquitto over WebSocket on a loaded machine, seen 5 s after the close), and a will that
   * comes late is not a will that is missing.
   */
  public boolean awaitExpected(long graceNanos) throws InterruptedException {
    synchronized (progress) {
      while (!allExpectedReceived()) {
        long last = lastExpectation.get();
        long deadline = Math.min(Math.max(last, lastArrival.get()) + graceNanos, last + MAX_GRACES * graceNanos);
        long left = deadline - System.nanoTime();
        if (last == Long.MIN_VALUE || left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
      return true;
    }
  }

  /**
   * Run end, after waiting up to {@code graceNanos} past the last expected close: missing wills, or unknown ones
   * where the observer was blind at any moment in which the will was due (from shortly before the close to
   * {@code graceNanos} after it). Once only.
   */
  public void finish(long nowNanos, long graceNanos) {
    finish(nowNanos, graceNanos, false);
  }

  /**
   * As {@link #finish(long, long)}; {@code cut}: the run was interrupted at {@code nowNanos} without waiting for
   * wills still on their way, so a will owed and not received is {@code unknown} unless the longest wait a whole run
   * gives it ({@link #MAX_GRACES} graces past the instant it was owed) had passed by then: only then is it
   * {@code will-missing}. Every expected will thus ends in one bucket: expected = received + missing + unknown
   * (cancelled ones left {@code expected} when they were withdrawn). Once only.
   */
  public void finish(long nowNanos, long graceNanos, boolean cut) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    sink.metrics().add(Counters.WILLS_OBSERVER_BLIND_MILLIS,
        TimeUnit.NANOSECONDS.toMillis(blindNanos(Long.MIN_VALUE, nowNanos)));
    long tolerance = delayToleranceNanos;
    records.forEach((key, r) -> {
      synchronized (r) {
        long owed = r.closeNanos + r.delayNanos;
        if (r.close == Close.EXPECTED && r.received == 0 && r.withdrawn) {
          return; // the client came back in time: counted cancelled when it did
        } else if (r.close == Close.EXPECTED && r.received == 0 && r.returnedNanos != NONE) {
          // came back within the tolerance of the owed instant: no will is as right as one
          sink.metrics().add(Counters.WILLS_EXPECTED, -1);
          sink.increment(Counters.WILLS_CANCELLED);
        } else if (r.close == Close.EXPECTED && r.received == 0
            && blindNanos(owed - (r.delayNanos > 0 ? tolerance : 0) - CLOSE_SEEN_LATE_NANOS,
                Math.min(nowNanos, owed + MAX_GRACES * graceNanos)) > 0) {
          sink.increment(Counters.WILLS_UNKNOWN); // the observer could not have seen it: no verdict
        } else if (cut && r.close == Close.EXPECTED && r.received == 0
            && nowNanos < owed + MAX_GRACES * graceNanos) {
          sink.increment(Counters.WILLS_UNKNOWN); // the run ended before it was due or could have arrived
        } else if (r.close == Close.EXPECTED && r.received == 0 && r.delayNanos > 0) {
          sink.increment(Counters.WILLS_MISSING);
          sink.find("will-missing", RULE_DELAY_MISSING, key.clientId(), owed,
              "1 will " + FindingSink.millis(r.delayNanos) + " after the close (" + r.reason
                  + ", Will Delay Interval), within " + FindingSink.millis(graceNanos) + " of then",
              "none " + FindingSink.millis(nowNanos - r.closeNanos) + " after the close");
        } else if (r.close == Close.EXPECTED && r.received == 0) {
          sink.increment(Counters.WILLS_MISSING);
          sink.find("will-missing", RULE_MISSING, key.clientId(), r.closeNanos,
              "1 will within " + FindingSink.millis(graceNanos) + " of the close (" + r.reason + ")",
              "none " + FindingSink.millis(nowNanos - r.closeNanos) + " after the close");
        } else if (r.close == null && r.received > 0) {
          sink.increment(Counters.WILLS_UNMATCHED); // a will for a connection whose close was never reported
        }
      }
    });
  }
}
