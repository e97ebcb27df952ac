package org.mqttchaos.summary;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of run.json's counters: what the run counts (checkers, trackers, actions) and the report reads back.
 * Named with dots, as summary.json nests them; a counter never touched is absent from run.json and reads zero.
 * Some counters are raw facts that no summary figure shows (closes by cause, actions): run.json keeps them for
 * whoever reads it. The name of a counter is written here and nowhere else.
 */
public final class Counters {
  // connects
  public static final String CONNECTS_ATTEMPTED = "connects.attempted";
  public static final String CONNECTS_SUCCEEDED = "connects.succeeded";
  /** Non-zero CONNACK codes and attempts that never got a CONNACK. */
  public static final String CONNECTS_FAILED = "connects.failed";
  /** TCP refused or timed out, CONNACK timed out: failed without a code. */
  public static final String CONNECTS_NO_CONNACK = "connects.noConnack";
  /** Prefix of {@link #byCode}. */
  public static final String BY_CODE_PREFIX = "connects.byCode.";
  /** Reconnects the reconnect policy started (part of connects.attempted). */
  public static final String RECONNECTS_ATTEMPTED = "reconnects.attempted";
  /** Prefix of {@link #failedBy}. */
  public static final String FAILED_BY_PREFIX = "connects.failedBy.";

  // session present
  public static final String SESSION_PRESENT_CHECKED = "sessionPresent.checked";
  public static final String SESSION_PRESENT_MISMATCHES = "sessionPresent.mismatches";
  public static final String SESSION_PRESENT_RECEIVED_0 = "sessionPresent.received0";
  public static final String SESSION_PRESENT_RECEIVED_1 = "sessionPresent.received1";
  /** Persistent sessions a broker outage lost: session present 0 where 1 was owed, after the broker came back. */
  public static final String SESSION_PRESENT_LOST_ON_BROKER_RESTART = "sessionPresent.lostOnBrokerRestart";

  /**
   * Accepted CONNACKs that came within the session expiry tolerance of the instant the session expired: either flag is
   * right, so they got no verdict.
   */
  public static final String SESSION_PRESENT_WITHIN_EXPIRY_TOLERANCE = "sessionPresent.withinExpiryTolerance";
  public static final String SESSION_PRESENT_ORDER_UNKNOWN = "sessionPresent.orderUnknown";

  // flaps
  public static final String FLAPS_TOTAL = "flaps.total";
  public static final String FLAPS_TAKEOVERS = "flaps.takeovers";
  /** Established connections the client closed because the broker sent bytes that are not MQTT (part of total). */
  public static final String FLAPS_PROTOCOL_ERRORS = "flaps.protocolErrors";
  public static final String FLAPS_FLAPPING_IDS = "flaps.flappingIds";
  public static final String FLAPS_TAKEOVERS_WITH_0X8E = "flaps.takeoversWith0x8E";
  public static final String FLAPS_NEVER_CALMED = "flaps.neverCalmed";
  /** Connects the broker refused with a throttling CONNACK code (0x89, 0x97, 0x9F; 3.1.1: 3): never flaps. */
  public static final String FLAPS_THROTTLED = "flaps.throttled";
  /** DISCONNECT 0x8E with no newer connection of this run for the ID: the newcomer may be outside the run. */
  public static final String FLAPS_UNEXPLAINED_0X8E = "flaps.unexplained0x8E";
  /** Users taken over at least once: both members of a pair. */
  public static final String FLAPS_TAKEN_OVER_USERS = "flaps.takenOverUsers";
  /** Connected time of every client added up, in milliseconds: the denominator of flaps per client-minute. */
  public static final String FLAPS_CONNECTED_CLIENT_MILLIS = "flaps.connectedClientMillis";
  /** Prefix of {@link #flapsByRole}. */
  public static final String FLAPS_BY_ROLE_PREFIX = "flaps.byRole.";
  /** Prefix of {@link #connectedClientMillisByRole}. */
  public static final String CONNECTED_CLIENT_MILLIS_BY_ROLE_PREFIX = FLAPS_CONNECTED_CLIENT_MILLIS + ".byRole.";

  // drops
  public static final String DROPS_ABRUPT = "drops.abrupt";
  public static final String DROPS_GRACEFUL = "drops.graceful";
  /** Mass drops that dropped at least one client. */
  public static final String DROPS_MASS_DROPS = "drops.massDrops";
  private static final String MASS_DROP_PREFIX = "massDrop.";
  private static final String DROPPED = "dropped";
  private static final String RECOVERED = "recovered";
  private static final String NOT_HOLDING = "notHolding";
  private static final String NOT_CONNECTED = "notConnected";
  private static final Pattern MASS_DROP = Pattern.compile(Pattern.quote(MASS_DROP_PREFIX) + "(\\d+)\\.("
      + DROPPED + "|" + RECOVERED + "|" + NOT_HOLDING + "|" + NOT_CONNECTED + ")");

  // keep-alive
  public static final String KEEPALIVE_SILENT_CLIENTS = "keepAlive.silentClients";
  public static final String KEEPALIVE_CLOSED_BY_BROKER = "keepAlive.closedByBroker";
  public static final String KEEPALIVE_EARLY = "keepAlive.early";
  public static final String KEEPALIVE_LATE = "keepAlive.late";
  public static final String KEEPALIVE_NEVER_CLOSED = "keepAlive.neverClosed";
  public static final String KEEPALIVE_PINGS_UNANSWERED = "keepAlive.pingsUnanswered";
  /** PINGREQs the clients wrote (their keep-alive timers fired with nothing else sent). */
  public static final String KEEPALIVE_PINGS_SENT = "keepAlive.pingsSent";
  /** PINGRESPs the clients received. */
  public static final String KEEPALIVE_PINGS_ANSWERED = "keepAlive.pingsAnswered";

  // wills
  public static final String WILLS_EXPECTED = "wills.expected";
  public static final String WILLS_RECEIVED = "wills.received";
  public static final String WILLS_MISSING = "wills.missing";
  public static final String WILLS_UNEXPECTED = "wills.unexpected";
  public static final String WILLS_DUPLICATES = "wills.duplicates";
  public static final String WILLS_AFTER_TAKEOVER = "wills.afterTakeover";
  public static final String WILLS_UNMATCHED = "wills.unmatched";
  public static final String WILLS_FOREIGN = "wills.foreign";
  /** The will observer's own connection lost. */
  public static final String WILLS_OBSERVER_LOST = "wills.observerLost";
  /** Wills owed while the observer was not subscribed and never received: no verdict either way. */
  public static final String WILLS_UNKNOWN = "wills.unknown";
  /** Milliseconds of the run in which the will observer was not subscribed. */
  public static final String WILLS_OBSERVER_BLIND_MILLIS = "wills.observerBlindMillis";
  /** Wills received for connections a broker outage closed: they owed none, so no verdict either way. */
  public static final String WILLS_AFTER_OUTAGE = "wills.afterOutage";
  /** MQTT 5 Will Delay Interval: wills that arrived more than the tolerance before they were owed (findings). */
  public static final String WILLS_EARLY = "wills.early";
  /** Wills that arrived although the client came back with its session within the delay (findings). */
  public static final String WILLS_AFTER_RETURN = "wills.afterReturn";
  /** Delayed wills owed no more: the client came back with its session within the delay, and none arrived. */
  public static final String WILLS_CANCELLED = "wills.cancelled";

  // messages (the harness's stamped messages; see Summary.Messages)
  /** Prefix of {@link #messagesPublished}, {@link #messagesAcknowledged}, {@link #messagesReceived}... */
  public static final String MESSAGES_PREFIX = "messages.";
  /** Deliveries with RETAIN set, sent because a subscription was made: not timed. */
  public static final String MESSAGES_RETAINED_ON_SUBSCRIBE = "messages.retainedOnSubscribe";
  /** SUBSCRIBEs the load's clients wrote (the will observer's not counted). */
  public static final String MESSAGES_SUBSCRIPTIONS = "messages.subscriptions";
  /** ... that SUBACK refused. */
  public static final String MESSAGES_SUBSCRIPTIONS_REFUSED = "messages.subscriptionsRefused";
  private static final String[] PUBLISHED = byQos("published");
  private static final String[] ACKNOWLEDGED = byQos("acknowledged");
  private static final String[] RECEIVED = byQos("received");
  private static final String[] NOT_SENT = byQos("notSent");

  // delivery checker (check.DeliveryChecker): its outcomes, read back by summary.MessageOutcomes
  /** Prefix of {@link #delivery}. */
  public static final String DELIVERY_PREFIX = "delivery.";

  /** A {@link MessageOutcomes} figure: {@code delivery.<field>.qos<0|1|2>}, or {@code delivery.<field>} untold by QoS. */
  public static String delivery(String field, int qos) {
    return qos < 0 ? DELIVERY_PREFIX + field : DELIVERY_PREFIX + field + ".qos" + qos;
  }

  // the broker
  /** Broker outages the run saw begin (run.json lists each one under outages). */
  public static final String BROKER_OUTAGES = "broker.outages";
  /** Prefix of {@link #brokerOverride}: accepted CONNACKs whose values differ from what the clients asked for. */
  public static final String BROKER_OVERRIDES_PREFIX = "broker.overrides.";
  /** Prefix of {@link #refusedLocally}: packets not sent because the broker's CONNACK ruled them out. */
  public static final String BROKER_REFUSED_LOCALLY_PREFIX = "broker.refusedLocally.";

  /** Invariant violations, all of them (findings.json keeps the first check.Findings.MAX_KEPT). */
  public static final String FINDINGS = "findings";
  /** Prefix of {@link #findingsOfKind}: every finding by its kind, findings.json's limit notwithstanding. */
  public static final String FINDINGS_BY_KIND_PREFIX = "findings.byKind.";

  // the harness
  /** Virtual users whose scenario started. */
  public static final String USERS_STARTED = "users.started";
  /** Seconds in which some event loop ran a periodic task more than 10 ms late. */
  public static final String HARNESS_SATURATED_SECONDS = "harness.saturatedSeconds";
  /** Device certificates (broker.tls.deviceCerts) made before the run's clock started: minted or loaded. */
  public static final String TLS_DEVICE_CERTS = "tls.deviceCerts";
  /** How long making them took, in milliseconds (summed over shards by merge). */
  public static final String TLS_DEVICE_CERTS_MILLIS = "tls.deviceCertsMillis";
  /** Planned faults skipped because the connection was not established at their time. */
  public static final String FAULTS_SKIPPED = "faults.skipped";

  // the event stream
  /** Prefix of {@link #unexpectedEvent}: what a connection did not expect, by kind (a packet type or a call). */
  public static final String EVENTS_UNEXPECTED_PREFIX = "events.unexpected.";
  /** Prefix of {@link #unclaimedEvent}: events of a kind no subscriber takes, by kind. */
  public static final String EVENTS_UNCLAIMED_PREFIX = "events.unclaimed.";
  /** Prefix of {@link #packets}: packets sent and received, by event kind (PublishSent, DisconnectReceived...). */
  public static final String PACKETS_PREFIX = "packets.";
  /** Prefix of {@link #disconnectsByReason}: DISCONNECTs the broker sent, by reason code. */
  public static final String DISCONNECTS_BY_REASON_PREFIX = "disconnects.byReason.";
  private static final String CLOSES_PREFIX = "closes.";
  private static final String ACTIONS_OK_PREFIX = "actions.ok.";
  private static final String ACTIONS_KO_PREFIX = "actions.ko.";

  private Counters() {}

  /** Stamped PUBLISH packets written at this QoS (0 to 2), retransmissions not counted again. */
  public static String messagesPublished(int qos) {
    return PUBLISHED[qos];
  }

  /** PUBACKs (QoS 1) or PUBCOMPs (QoS 2) received for stamped messages. */
  public static String messagesAcknowledged(int qos) {
    return ACKNOWLEDGED[qos];
  }

  /** Stamped PUBLISH packets received by subscribers (every copy), by the QoS they arrived with. */
  public static String messagesReceived(int qos) {
    return RECEIVED[qos];
  }

  /**
   * Messages planned and never written, by the QoS they would have had: due while their publisher was not connected,
   * or left behind the in-flight window (queue full, session ended, hold ended); see the notSentBy counters.
   */
  public static String messagesNotSent(int qos) {
    return NOT_SENT[qos];
  }

  /** Messages due while their publisher was not connected (all QoS); a part of the notSent counts. */
  public static final String MESSAGES_NOT_SENT_NOT_CONNECTED = "messages.notSentBy.notConnected";
  /** Messages still queued behind the in-flight window when their publisher's hold ended (all QoS). */
  public static final String MESSAGES_NOT_SENT_QUEUED_AT_HOLD_END = "messages.notSentBy.queuedAtHoldEnd";
  /** Messages refused because the queue behind the in-flight window was full (all QoS). */
  public static final String MESSAGES_NOT_SENT_QUEUE_FULL = "messages.notSentBy.queueFull";
  /** Messages that waited behind the window when their session ended (a clean session's close; all QoS). */
  public static final String MESSAGES_NOT_SENT_SESSION_ENDED = "messages.notSentBy.sessionEnded";

  /** "messages.published.qos0" ... "messages.published.qos2". */
  private static String[] byQos(String figure) {
    return new String[] {MESSAGES_PREFIX + figure + ".qos0", MESSAGES_PREFIX + figure + ".qos1",
        MESSAGES_PREFIX + figure + ".qos2"};
  }

  /** Findings of {@code kind} ("message-lost"...), all of them. */
  public static String findingsOfKind(String kind) {
    return FINDINGS_BY_KIND_PREFIX + kind;
  }

  /** CONNACKs with this return / reason code. */
  public static String byCode(int code) {
    return BY_CODE_PREFIX + code;
  }

  /** Failed connect attempts of one reason, a {@link FailedBy#key()}: they add up to connects.failed. */
  public static String failedBy(String key) {
    return FAILED_BY_PREFIX + key;
  }

  /**
   * Accepted CONNACKs in which the broker set a property to another value than the client asked for;
   * {@code override} is {@code <property>.<asked>.<set>} (none of them contains a dot), e.g.
   * {@code serverKeepAlive.16.10}.
   */
  public static String brokerOverride(String override) {
    return BROKER_OVERRIDES_PREFIX + override;
  }

  /**
   * Packets the client did not send because the CONNACK's {@code limit} ruled them out (maximumQos, retainAvailable,
   * maximumPacketSize: PUBLISH; wildcardSubscriptionAvailable, sharedSubscriptionAvailable: SUBSCRIBE).
   */
  public static String refusedLocally(String limit) {
    return BROKER_REFUSED_LOCALLY_PREFIX + limit;
  }

  /** Flaps of the clients of a chaos role (colliding, silent, dropper, plain). */
  public static String flapsByRole(String role) {
    return FLAPS_BY_ROLE_PREFIX + role;
  }

  /** Connected milliseconds of the clients of a chaos role. */
  public static String connectedClientMillisByRole(String role) {
    return CONNECTED_CLIENT_MILLIS_BY_ROLE_PREFIX + role;
  }

  /** Clients dropped by the mass drop of this index in chaos.massDrop. */
  public static String massDropDropped(int index) {
    return MASS_DROP_PREFIX + index + "." + DROPPED;
  }

  /** Clients dropped by the mass drop of this index that connected again. */
  public static String massDropRecovered(int index) {
    return MASS_DROP_PREFIX + index + "." + RECOVERED;
  }

  /**
   * Clients the plan put in the mass drop of this index whose hold did not span its time (it came after their hold,
   * or before it began): it could not drop them.
   */
  public static String massDropNotHolding(int index) {
    return MASS_DROP_PREFIX + index + "." + NOT_HOLDING;
  }

  /** Clients of the mass drop of this index that were holding but not connected at its time: not dropped. */
  public static String massDropNotConnected(int index) {
    return MASS_DROP_PREFIX + index + "." + NOT_CONNECTED;
  }

  /** The mass drop index a {@code massDrop.<index>.<figure>} counter name is about, else -1. */
  public static int massDropIndex(String counter) {
    Matcher m = MASS_DROP.matcher(counter);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Closes of connections by their cause (a client.CloseCause name). */
  public static String unexpectedEvent(String kind) {
    return EVENTS_UNEXPECTED_PREFIX + kind;
  }

  public static String unclaimedEvent(String kind) {
    return EVENTS_UNCLAIMED_PREFIX + kind;
  }

  public static String packets(String kind) {
    return PACKETS_PREFIX + kind;
  }

  public static String disconnectsByReason(int code) {
    return DISCONNECTS_BY_REASON_PREFIX + code;
  }

  public static String closes(String cause) {
    return CLOSES_PREFIX + cause;
  }

  /** Gatling requests of this name that ended OK. */
  public static String actionsOk(String requestName) {
    return ACTIONS_OK_PREFIX + requestName;
  }

  /** Gatling requests of this name that ended KO. */
  public static String actionsKo(String requestName) {
    return ACTIONS_KO_PREFIX + requestName;
  }
}
