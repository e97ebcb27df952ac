package org.mqttchaos.summary;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * Every figure and verdict of one run: the summary.json schema of DESIGN.md, key for key and in that order.
 * Latencies are in microseconds ({@link Micros}). Sections a run did not exercise are present with zeros.
 * The records are the schema: {@link SummaryFigures} derives the figures an assertion may name from them, so a
 * component added here is a figure, and each record's property order is its component order.
 */
@JsonPropertyOrder({"profile", "seed", "startedAt", "durationS", "broker", "clients", "connects", "latency",
    "sessionPresent", "flaps", "drops", "keepAlive", "wills", "messages", "findings", "findingsByKind", "findingsKept", "assertions", "harness",
    "interrupted", "harnessVersion", "events", "loadStartS"})
public record Summary(
    String profile,
    long seed,
    String startedAt,
    double durationS,
    Broker broker,
    int clients,
    Connects connects,
    Latency latency,
    SessionPresent sessionPresent,
    Flaps flaps,
    Drops drops,
    KeepAlive keepAlive,
    Wills wills,
    Messages messages,
    long findings,
    @Keyed Map<String, Long> findingsByKind,
    long findingsKept,
    List<AssertionResult> assertions,
    Harness harness,
    boolean interrupted,
    String harnessVersion,
    Events events,
    Double loadStartS) {

  public Summary {
    if (events == null) { // a summary.json written before the section existed
      events = Events.NONE;
    }
    if (messages == null) { // a summary.json written before the section existed
      messages = Messages.NONE;
    }
  }

  /** A summary of a run without messages (its messages section all zeros). */
  public Summary(String profile, long seed, String startedAt, double durationS, Broker broker, int clients,
      Connects connects, Latency latency, SessionPresent sessionPresent, Flaps flaps, Drops drops,
      KeepAlive keepAlive, Wills wills, long findings, Map<String, Long> findingsByKind,
      List<AssertionResult> assertions, Harness harness, boolean interrupted, String harnessVersion, Events events) {
    this(profile, seed, startedAt, durationS, broker, clients, connects, latency, sessionPresent, flaps, drops,
        keepAlive, wills, Messages.NONE, findings, findingsByKind, findings, assertions, harness, interrupted,
        harnessVersion, events, null);
  }

  /** This summary with {@code results} as its assertion results. */
  public Summary withAssertions(List<AssertionResult> results) {
    return new Summary(profile, seed, startedAt, durationS, broker, clients, connects, latency, sessionPresent, flaps,
        drops, keepAlive, wills, messages, findings, findingsByKind, findingsKept, results, harness, interrupted,
        harnessVersion, events, loadStartS);
  }

  /** The assertions that did not hold; a run or report with any exits 1. Not a key of summary.json. */
  @JsonIgnore
  public List<AssertionResult> failedAssertions() {
    return assertions == null ? List.of() : assertions.stream().filter(a -> !a.passed()).toList();
  }

  /**
   * The broker under test; {@code outages}: each time the run saw it go away and come back (check.BrokerOutages
   * states the rule), in the order they began; empty when it never went away. {@code overrides}: what the broker's
   * MQTT 5 CONNACKs set other than what the clients asked for (client.ConnAckValues), one entry per property, asked
   * and set value, in property order; empty when it changed nothing. {@code refusedLocally}: packets the clients did
   * not send because the CONNACK ruled them out, by the CONNACK property that did (maximumQos, retainAvailable,
   * maximumPacketSize, wildcardSubscriptionAvailable, sharedSubscriptionAvailable); only those the run saw.
   */
  @JsonPropertyOrder({"url", "embedded", "mqttVersion", "outages", "overrides", "refusedLocally"})
  public record Broker(String url, boolean embedded, String mqttVersion, List<Outage> outages,
      List<BrokerOverride> overrides, @Keyed Map<String, Long> refusedLocally) {
    public Broker {
      if (outages == null) { // a summary.json written before the key existed
        outages = List.of();
      }
      overrides = overrides == null ? List.of() : overrides; // likewise
      refusedLocally = refusedLocally == null ? Map.of() : refusedLocally;
    }

    /** A broker that never went away. */
    public Broker(String url, boolean embedded, String mqttVersion) {
      this(url, embedded, mqttVersion, List.of());
    }

    /** A broker whose CONNACKs changed nothing the clients asked for. */
    public Broker(String url, boolean embedded, String mqttVersion, List<Outage> outages) {
      this(url, embedded, mqttVersion, outages, List.of(), Map.of());
    }
  }

  /**
   * One value the broker set in its CONNACKs other than the one the clients asked for: {@code property} as MQTT 5
   * names it in camel case (serverKeepAlive, sessionExpiryInterval, assignedClientIdentifier, receiveMaximum,
   * maximumPacketSize, maximumQos, retainAvailable, topicAliasMaximum, wildcardSubscriptionAvailable,
   * sharedSubscriptionAvailable); {@code asked}: the CONNECT's value (seconds for keep-alive and session expiry), or
   * for the broker's own limits the spec's default that applies when CONNACK is silent; {@code set}: the CONNACK's;
   * {@code connections}: accepted CONNACKs that set it so.
   */
  @JsonPropertyOrder({"property", "asked", "set", "connections"})
  public record BrokerOverride(String property, String asked, String set, long connections) {}

  /**
   * One broker outage. {@code from}: seconds into the run when it began (the first close of the burst that took
   * every live connection, or the first refused or timed-out connect); {@code to}: seconds into the run when a
   * connect was accepted again, null when the run ended during it; {@code connectionsLost}: live connections the
   * broker's going away closed (they owe no will); {@code sessionsLost}: persistent sessions the broker held when
   * it went down and did not resume after it came back (session present 0 where 1 was owed).
   */
  @JsonPropertyOrder({"from", "to", "connectionsLost", "sessionsLost"})
  public record Outage(double from, Double to, long connectionsLost, long sessionsLost) {
    /** Seconds it lasted, or until {@code endS} (the run's end) while it had not ended. */
    public double seconds(double endS) {
      return (to == null ? Math.max(from, endS) : to) - from;
    }
  }

  /**
   * Connect attempts. {@code byCode} maps the CONNACK return / reason code (decimal) to its count, in numeric
   * order, "0" always present; {@code noConnack} counts failures that never got a CONNACK (refused, timeout),
   * so failed = non-zero codes + noConnack. {@code reconnectsAttempted}: reconnects the reconnect policy started
   * (part of attempted). {@code failedBy}: every failed attempt under its one reason ({@link FailedBy} keys, in
   * that order, only the reasons the run saw), so its counts add up to failed.
   */
  @JsonPropertyOrder({"attempted", "succeeded", "failed", "byCode", "noConnack", "reconnectsAttempted", "failedBy"})
  public record Connects(long attempted, long succeeded, long failed,
      @Keyed(pattern = "\\d{1,3}", always = "0") Map<String, Long> byCode, long noConnack, long reconnectsAttempted,
      @Keyed(keys = FailedBy.class) Map<String, Long> failedBy) {
    public Connects {
      if (failedBy == null) { // a summary.json written before the key existed
        failedBy = Map.of();
      }
    }

    /** Connects without a breakdown of their failures. */
    public Connects(long attempted, long succeeded, long failed, Map<String, Long> byCode, long noConnack,
        long reconnectsAttempted) {
      this(attempted, succeeded, failed, byCode, noConnack, reconnectsAttempted, Map.of());
    }
  }

  /**
   * {@code tlsHandshake}: TCP established to TLS finished, full handshakes; {@code tlsHandshakeResumed}: handshakes
   * that resumed an earlier session; {@code wsUpgrade}: the stage before to the WebSocket upgrade's 101. Empty
   * (count 0) over plain TCP.
   */
  @JsonPropertyOrder({"connect", "connectFirst", "connectReconnect", "tcpConnect", "startLag", "connectClean",
      "connectPersistent", "tlsHandshake", "tlsHandshakeResumed", "wsUpgrade"})
  public record Latency(
      HistogramSummary connect,
      HistogramSummary connectFirst,
      HistogramSummary connectReconnect,
      HistogramSummary tcpConnect,
      HistogramSummary startLag,
      HistogramSummary connectClean,
      HistogramSummary connectPersistent,
      HistogramSummary tlsHandshake,
      HistogramSummary tlsHandshakeResumed,
      HistogramSummary wsUpgrade) {
    public Latency {
      // a summary.json written before transports had these: empty, like any histogram a run did not record
      tlsHandshake = tlsHandshake == null ? HistogramSummary.EMPTY : tlsHandshake;
      tlsHandshakeResumed = tlsHandshakeResumed == null ? HistogramSummary.EMPTY : tlsHandshakeResumed;
      wsUpgrade = wsUpgrade == null ? HistogramSummary.EMPTY : wsUpgrade;
    }
  }

  /**
   * {@code lostOnBrokerRestart}: persistent sessions not resumed after a broker outage (session present 0 where 1
   * was owed): one finding per outage (sessions-lost-on-broker-restart), not a mismatch each.
   * {@code withinExpiryTolerance}: CONNACKs (part of checked) that came within sessions.expiryTolerance of the
   * instant their session expired, so either flag was right and none was judged. {@code orderUnknown}: persistent
   * CONNACKs (part of checked) whose flag differed from the model's while their connect overlapped another of the
   * same client ID, so the broker's order, which decides the flag, was not visible; not judged.
   */
  @JsonPropertyOrder({"checked", "mismatches", "lostOnBrokerRestart", "withinExpiryTolerance", "orderUnknown"})
  public record SessionPresent(long checked, long mismatches, long lostOnBrokerRestart, long withinExpiryTolerance,
      long orderUnknown) {
    public SessionPresent(long checked, long mismatches) {
      this(checked, mismatches, 0);
    }

    public SessionPresent(long checked, long mismatches, long lostOnBrokerRestart) {
      this(checked, mismatches, lostOnBrokerRestart, 0);
    }

    public SessionPresent(long checked, long mismatches, long lostOnBrokerRestart, long withinExpiryTolerance) {
      this(checked, mismatches, lostOnBrokerRestart, withinExpiryTolerance, 0);
    }
  }

  /**
   * Flaps; {@code perClientMinute} is flaps per connected client-minute. {@code protocolErrors}: flaps that were
   * the client closing the connection because the broker sent bytes that are not MQTT (a packet that did not
   * decode, or larger than the client accepts). {@code byRole} holds every chaos role the run had (colliding,
   * silent, dropper, plain, in that order); {@code top} the most flapping client IDs. {@code neverCalmed}: flapping
   * IDs none of whose connections stayed up reconnect.quietPeriod after the ID's last flap; {@code timeToCalm} the
   * others' first flap to last flap. {@code throttled}: connects refused with a throttling CONNACK code (MQTT 5 0x89
   * Server busy, 0x97 Quota exceeded, 0x9F Connection rate exceeded; 3.1.1 return code 3 Server unavailable), never
   * flaps or takeovers.
   */
  @JsonPropertyOrder({"total", "takeovers", "perClientMinute", "flappingIds", "interval", "takeoversWith0x8E",
      "neverCalmed", "timeToCalm", "takeoverClose", "byRole", "top", "protocolErrors", "throttled"})
  public record Flaps(long total, long takeovers, double perClientMinute, long flappingIds,
      HistogramSummary interval, long takeoversWith0x8E, long neverCalmed, HistogramSummary timeToCalm,
      HistogramSummary takeoverClose, @Keyed Map<String, RoleFlaps> byRole, List<FlapCount> top,
      long protocolErrors, long throttled) {
    /** Flaps without the throttling count (a summary.json written before it existed reads it as 0). */
    public Flaps(long total, long takeovers, double perClientMinute, long flappingIds, HistogramSummary interval,
        long takeoversWith0x8E, long neverCalmed, HistogramSummary timeToCalm, HistogramSummary takeoverClose,
        Map<String, RoleFlaps> byRole, List<FlapCount> top, long protocolErrors) {
      this(total, takeovers, perClientMinute, flappingIds, interval, takeoversWith0x8E, neverCalmed, timeToCalm,
          takeoverClose, byRole, top, protocolErrors, 0);
    }
  }

  @JsonPropertyOrder({"flaps", "connectedMinutes", "perClientMinute"})
  public record RoleFlaps(long flaps, double connectedMinutes, double perClientMinute) {}

  @JsonPropertyOrder({"clientId", "flaps"})
  public record FlapCount(String clientId, long flaps) {}

  /** {@code recovery}: mass drop to reconnected; {@code connectDuringRecovery}: those reconnects' CONNECT latency. */
  @JsonPropertyOrder({"abrupt", "graceful", "massDrops", "recovery", "connectDuringRecovery", "massDrop"})
  public record Drops(long abrupt, long graceful, long massDrops, HistogramSummary recovery,
      HistogramSummary connectDuringRecovery, List<MassDrop> massDrop) {}

  /**
   * One mass drop of the profile, by its index in chaos.massDrop: clients it {@code dropped} and those of them
   * {@code recovered}; of the clients the plan put in it, {@code notConnected} were holding but not connected at its
   * time, {@code notHolding} were not holding (its time fell before their hold or after it, e.g. after the run's
   * end): it could not drop those. A drop that dropped none did not happen.
   */
  @JsonPropertyOrder({"index", "dropped", "recovered", "notConnected", "notHolding"})
  public record MassDrop(int index, long dropped, long recovered, long notConnected, long notHolding) {
    /** A mass drop every planned client of which was connected at its time. */
    public MassDrop(int index, long dropped, long recovered) {
      this(index, dropped, recovered, 0, 0);
    }
  }

  /**
   * Keep-alive: {@code pingsSent} counts the PINGREQs the clients wrote, {@code pingsAnswered} the PINGRESPs they
   * received (a PINGREQ still in flight when its connection closed or the run ended is sent, not answered, and no
   * finding unless it waited longer than keep-alive: that is {@code pingsUnanswered}).
   */
  @JsonPropertyOrder({"silentClients", "closedByBroker", "early", "late", "detection", "neverClosed",
      "pingsUnanswered", "pingsSent", "pingsAnswered"})
  public record KeepAlive(long silentClients, long closedByBroker, long early, long late,
      HistogramSummary detection, long neverClosed, long pingsUnanswered, long pingsSent, long pingsAnswered) {
    /** Keep-alive without the ping counts (a summary.json written before they existed reads them as 0). */
    public KeepAlive(long silentClients, long closedByBroker, long early, long late, HistogramSummary detection,
        long neverClosed, long pingsUnanswered) {
      this(silentClients, closedByBroker, early, late, detection, neverClosed, pingsUnanswered, 0, 0);
    }
  }

  /**
   * Wills: {@code unknown} are owed wills never received while the will observer was not subscribed (no verdict);
   * {@code observerLost} counts the observer's lost connections, {@code observerBlindMillis} the run's time it
   * was not subscribed; {@code afterOutage} counts wills received for connections a broker outage closed, which
   * owe none. MQTT 5 Will Delay Interval: {@code early} wills arrived more than the tolerance before close + delay
   * (also in {@code received}); {@code afterReturn} arrived although the client came back with its session within
   * the delay; {@code cancelled} were owed no more because it did (not in {@code expected}).
   */
  @JsonPropertyOrder({"expected", "received", "missing", "unexpected", "duplicates", "delay", "afterTakeover",
      "unmatched", "foreign", "unknown", "observerLost", "observerBlindMillis", "afterOutage", "early", "afterReturn",
      "cancelled"})
  public record Wills(long expected, long received, long missing, long unexpected, long duplicates,
      HistogramSummary delay, long afterTakeover, long unmatched, long foreign, long unknown, long observerLost,
      long observerBlindMillis, long afterOutage, long early, long afterReturn, long cancelled) {
    /** Wills without the Will Delay Interval's counts (a summary.json written before they existed reads them as 0). */
    public Wills(long expected, long received, long missing, long unexpected, long duplicates,
        HistogramSummary delay, long afterTakeover, long unmatched, long foreign, long unknown, long observerLost,
        long observerBlindMillis, long afterOutage) {
      this(expected, received, missing, unexpected, duplicates, delay, afterTakeover, unmatched, foreign, unknown,
          observerLost, observerBlindMillis, afterOutage, 0, 0, 0);
    }

    public Wills(long expected, long received, long missing, long unexpected, long duplicates,
        HistogramSummary delay, long afterTakeover, long unmatched, long foreign, long unknown, long observerLost,
        long observerBlindMillis) {
      this(expected, received, missing, unexpected, duplicates, delay, afterTakeover, unmatched, foreign, unknown,
          observerLost, observerBlindMillis, 0);
    }
  }

  /**
   * The harness's stamped messages (every payload starts with client.MessageStamp; other payloads, wills among them,
   * are not counted): what the load did (metrics.MessageRecorder) and what the delivery checker concluded about each
   * message and each subscriber session entitled to it (check.DeliveryChecker, summary.MessageOutcomes), side by
   * side. Counts, not rates.
   *
   * <p>The load: {@code published}: stamped messages written, each once (a DUP retransmission on a resumed session
   * is the same message, not counted again; the checker counts the same messages by their stamp, and the two
   * agree); {@code acknowledged}: QoS 1 PUBACKs and QoS 2 PUBCOMPs received for them; {@code notSent}: messages
   * planned and never written (so planned = published + notSent), {@code notSentBy} why: {@code notConnected} due
   * while their publisher was not connected, skipped; {@code queuedAtHoldEnd} still queued behind the in-flight window
   * (Receive Maximum) when the publisher's hold ended; {@code queueFull} refused by the full queue behind the window;
   * {@code sessionEnded} queued behind the window when a clean session's connection closed; {@code received}: every
   * stamped PUBLISH subscribers read (one per subscription the broker matched, a redelivery counted again, retained
   * replays included); {@code retainedOnSubscribe}: those with RETAIN set, sent because a subscription was made
   * [MQTT-3.3.1-8], not timed and not judged; {@code subscriptions}: SUBSCRIBEs the load's clients wrote,
   * {@code subscriptionsRefused} those SUBACK refused (0x80 or an MQTT 5 reason >= 0x80).
   *
   * <p>The checker, over pairs (a message and one subscriber session, or one shared-subscription group, entitled to
   * it): {@code expected = delivered + lost + unknown + expectedLoss}; {@code delivered}: expected pairs that arrived
   * at least once; {@code lost}: QoS 1/2 pairs the broker owed that never came (one finding each);
   * {@code duplicated}: copies beyond the first; {@code outOfOrder}: first arrivals before an earlier message of the
   * same publisher, topic and QoS on one connection (one finding each); {@code unknown}: missing pairs the harness
   * cannot judge (a persistent session offline at the end, due within the drain window of the end, an unacknowledged
   * message of a persistent publisher); {@code expectedLoss}: missing pairs MQTT lets go (QoS 0, a session that
   * ended, a message its publisher's lost session gave up); {@code late}: delivered pairs that came on a later
   * connection than the one live at the publish; {@code unexpected}: arrivals nobody was entitled to (one finding
   * each); {@code foreign}: stamps that are not this run's. MessageOutcomes states each rule.
   *
   * <p>{@code byQos}: the same counts per QoS: published, acknowledged and notSent by the QoS of the PUBLISH sent,
   * received by the QoS it arrived with, the checker's pairs by the delivery's QoS (the smaller of the PUBLISH's
   * and the granted one). Latencies in microseconds: {@code delivery} from each message's planned instant (its
   * stamp) to its arrival at each subscriber, retained deliveries left out; {@code puback} from the PUBLISH written
   * to its PUBACK, {@code pubcomp} to its PUBCOMP.
   */
  @JsonPropertyOrder({"published", "acknowledged", "notSent", "notSentBy", "expected", "delivered", "lost",
      "duplicated", "outOfOrder", "unknown", "expectedLoss", "late", "unexpected", "foreign", "received",
      "retainedOnSubscribe", "subscriptions", "subscriptionsRefused", "byQos", "delivery", "puback", "pubcomp"})
  public record Messages(long published, long acknowledged, long notSent, NotSentBy notSentBy, long expected,
      long delivered, long lost,
      long duplicated, long outOfOrder, long unknown, long expectedLoss, long late, long unexpected, long foreign,
      long received, long retainedOnSubscribe, long subscriptions, long subscriptionsRefused, ByQos byQos,
      HistogramSummary delivery, HistogramSummary puback, HistogramSummary pubcomp) {
    /** A run without messages. */
    public static final Messages NONE = new Messages(0, 0, 0, NotSentBy.NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, ByQos.NONE, HistogramSummary.EMPTY, HistogramSummary.EMPTY, HistogramSummary.EMPTY);

    public Messages {
      notSentBy = notSentBy == null ? NotSentBy.NONE : notSentBy;
      byQos = byQos == null ? ByQos.NONE : byQos;
      delivery = delivery == null ? HistogramSummary.EMPTY : delivery;
      puback = puback == null ? HistogramSummary.EMPTY : puback;
      pubcomp = pubcomp == null ? HistogramSummary.EMPTY : pubcomp;
    }
  }

  /** Why messages were not sent, all QoS together (they add up to {@link Messages#notSent}); see {@link Messages}. */
  @JsonPropertyOrder({"notConnected", "queuedAtHoldEnd", "queueFull", "sessionEnded"})
  public record NotSentBy(long notConnected, long queuedAtHoldEnd, long queueFull, long sessionEnded) {
    public static final NotSentBy NONE = new NotSentBy(0, 0, 0, 0);
  }

  /** The message counts of QoS 0, 1 and 2, always all three; see {@link Messages}. */
  @JsonPropertyOrder({"qos0", "qos1", "qos2"})
  public record ByQos(QosCounts qos0, QosCounts qos1, QosCounts qos2) {
    public static final ByQos NONE = new ByQos(QosCounts.ZERO, QosCounts.ZERO, QosCounts.ZERO);

    public ByQos {
      qos0 = qos0 == null ? QosCounts.ZERO : qos0;
      qos1 = qos1 == null ? QosCounts.ZERO : qos1;
      qos2 = qos2 == null ? QosCounts.ZERO : qos2;
    }

    /** The counts of {@code qos}, 0 to 2. */
    public QosCounts of(int qos) {
      return qos == 0 ? qos0 : qos == 1 ? qos1 : qos2;
    }
  }

  /** The message counts of one QoS, the load's and the delivery checker's; see {@link Messages}. */
  @JsonPropertyOrder({"published", "acknowledged", "notSent", "expected", "delivered", "lost", "duplicated",
      "outOfOrder", "unknown", "expectedLoss", "late", "unexpected", "received"})
  public record QosCounts(long published, long acknowledged, long notSent, long expected, long delivered, long lost,
      long duplicated, long outOfOrder, long unknown, long expectedLoss, long late, long unexpected, long received) {
    public static final QosCounts ZERO = new QosCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * The event stream's own counts, each map listing only the kinds the run saw: what a connection did not expect
   * ({@code unexpected}, by packet type or call, e.g. "PUBACK"), event kinds no subscriber takes ({@code unclaimed}),
   * packets sent and received by event kind ({@code packets}, e.g. "PublishSent"), and the broker's DISCONNECT
   * reason codes (decimal).
   */
  @JsonPropertyOrder({"unexpected", "unclaimed", "packets", "disconnectsByReason"})
  public record Events(@Keyed Map<String, Long> unexpected, @Keyed Map<String, Long> unclaimed,
      @Keyed Map<String, Long> packets, @Keyed(pattern = "\\d{1,3}") Map<String, Long> disconnectsByReason) {
    /** A run that counted none of them. */
    public static final Events NONE = new Events(Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** One profile assertion, evaluated against this summary; {@code actual} is the measured value, in words. */
  @JsonPropertyOrder({"text", "passed", "actual"})
  public record AssertionResult(String text, boolean passed, String actual) {}

  /**
   * Harness health: saturated when start-lag p99 or loop-lag p99 (µs, the lag of a periodic task on each event
   * loop) after the warm-up (report.SummaryBuilder.WARM_UP_SECONDS) exceeds
   * report.SummaryBuilder.SATURATION_START_LAG_P99_US. startLagP99 and loopLagP99 cover the whole run.
   * {@code startsAfterWarmUp}: the users that started after the warm-up; when none did, startLagP99AfterWarmUp is
   * the whole run's (what its users felt), and the verdict says so.
   */
  @JsonPropertyOrder({"saturated", "startLagP99", "loopLagP99", "startLagP99AfterWarmUp", "loopLagP99AfterWarmUp",
      "startsAfterWarmUp"})
  public record Harness(boolean saturated, @Micros long startLagP99, @Micros long loopLagP99,
      @Micros long startLagP99AfterWarmUp, @Micros long loopLagP99AfterWarmUp, long startsAfterWarmUp) {
    public Harness(boolean saturated, long startLagP99) {
      this(saturated, startLagP99, 0, startLagP99, 0, 0);
    }
  }
}
