package org.mqttchaos.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MetricNames;

/**
 * Invariant 1: a will is published exactly once after every abrupt close or keep-alive cut of a client
 * that set one, and never after a graceful DISCONNECT. Closes are announced by the connection's tracker,
 * wills by the observer client; {@link WillPayload} ties a will to its connection attempt.
 *
 * <p>The observer's event loop can report a will before the closed client's loop reports the close, so a
 * will for a connection whose close is not known yet is kept and judged when the close arrives.
 *
 * <p>The observer is a client too: while it is not subscribed (lost, reconnecting, never connected) it cannot see
 * a will, so a will owed in such a window and never received is {@code unknown}, not {@code missing}: the harness
 * never blames the broker for what it could not watch.
 * Thread rules: called from every event loop at once; each connection's record has its own monitor.
 */
public final class WillChecker {
  static final String RULE_MISSING =
      "MQTT-3.1.2-8: the will is published when the network connection is closed without DISCONNECT";
  static final String RULE_DISCONNECT = "MQTT-3.1.2-10: the will is deleted, not published, after DISCONNECT";
  static final String RULE_ONCE = "Invariant 1: a will is published exactly once per close";

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

  /** @param runTag the tag this run writes into every will payload; other tags are foreign */
  public WillChecker(RunMetrics metrics, Findings findings, long runStartNanos, String runTag) {
    this.sink = new FindingSink(metrics, findings, runStartNanos);
    this.runTag = runTag;
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
    if (classify(clientId, connectionId, Close.EXPECTED, closeNanos, reason, byBroker)) {
      expected.incrementAndGet();
      lastExpectation.accumulateAndGet(closeNanos, Math::max);
    }
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
   * it was known, owe no will after all. Their expectations are withdrawn (a will already received for one stays
   * received).
   */
  public void brokerGone(long fromNanos, long toNanos) {
    long released = 0;
    for (Record r : records.values()) {
      synchronized (r) {
        if (r.close == Close.EXPECTED && r.byBroker && r.received == 0 && r.closeNanos >= fromNanos
            && r.closeNanos <= toNanos) {
          r.close = Close.OUTAGE;
          r.reason = "broker outage";
          released++;
        }
      }
    }
    if (released > 0) {
      expected.addAndGet(-released);
      sink.metrics().add(Counters.WILLS_EXPECTED, -released);
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
      judge(will.clientId(), close, nth, closeNanos, nanos);
    }
  }

  /** Records how a connection closed and judges wills that arrived before; false when already known. */
  private boolean classify(String clientId, int connectionId, Close close, long closeNanos, String reason) {
    return classify(clientId, connectionId, close, closeNanos, reason, false);
  }

  private boolean classify(String clientId, int connectionId, Close close, long closeNanos, String reason,
      boolean byBroker) {
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
      early = r.received;
      firstReceived = r.firstReceivedNanos;
    }
    if (close == Close.EXPECTED) {
      sink.increment(Counters.WILLS_EXPECTED);
    }
    for (int nth = 1; nth <= early; nth++) {
      judge(clientId, close, nth, closeNanos, nth == 1 ? firstReceived : closeNanos);
    }
    return true;
  }

  private void judge(String clientId, Close close, int nth, long closeNanos, long receivedNanos) {
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

  /** The latest close that expects a will, or Long.MIN_VALUE when none: wait up to grace past it. */
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
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    sink.metrics().add(Counters.WILLS_OBSERVER_BLIND_MILLIS,
        TimeUnit.NANOSECONDS.toMillis(blindNanos(Long.MIN_VALUE, nowNanos)));
    records.forEach((key, r) -> {
      synchronized (r) {
        if (r.close == Close.EXPECTED && r.received == 0
            && blindNanos(r.closeNanos - CLOSE_SEEN_LATE_NANOS,
                Math.min(nowNanos, r.closeNanos + MAX_GRACES * graceNanos)) > 0) {
          sink.increment(Counters.WILLS_UNKNOWN); // the observer could not have seen it: no verdict
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
