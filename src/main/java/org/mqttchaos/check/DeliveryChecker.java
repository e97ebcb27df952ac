package org.mqttchaos.check;

import static org.mqttchaos.check.DeliveryHistory.ABANDONED;
import static org.mqttchaos.check.DeliveryHistory.PERSISTENT_PUBLISHER;
import static org.mqttchaos.check.DeliveryHistory.QOS_MASK;
import static org.mqttchaos.check.DeliveryHistory.RELEASED;
import static org.mqttchaos.check.DeliveryHistory.RESENT;
import static org.mqttchaos.check.DeliveryHistory.RETAIN;
import static org.mqttchaos.check.DeliveryHistory.SENT;
import static org.mqttchaos.check.DeliveryHistory.copies;
import static org.mqttchaos.check.DeliveryHistory.count;
import static org.mqttchaos.check.DeliveryHistory.stream;
import static org.mqttchaos.check.DeliveryJudge.LATE;
import static org.mqttchaos.check.DeliveryJudge.OUT_OF_ORDER;
import static org.mqttchaos.check.DeliveryJudge.PUBLISHED;
import static org.mqttchaos.check.DeliveryJudge.UNEXPECTED;

import io.netty.util.collection.LongObjectHashMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.mqttchaos.check.DeliveryHistory.Accepted;
import org.mqttchaos.check.DeliveryHistory.Candidate;
import org.mqttchaos.check.DeliveryHistory.Conn;
import org.mqttchaos.check.DeliveryHistory.Epoch;
import org.mqttchaos.check.DeliveryHistory.Group;
import org.mqttchaos.check.DeliveryHistory.Publisher;
import org.mqttchaos.check.DeliveryHistory.Stray;
import org.mqttchaos.check.DeliveryHistory.Sub;
import org.mqttchaos.check.DeliveryHistory.Subscriber;
import org.mqttchaos.check.DeliveryHistory.Topics;
import org.mqttchaos.check.DeliveryJudge.Target;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.TopicFilter;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.DisconnectSent;
import org.mqttchaos.client.ConnectionEvent.MessageAbandoned;
import org.mqttchaos.client.ConnectionEvent.PubAckReceived;
import org.mqttchaos.client.ConnectionEvent.PubCompReceived;
import org.mqttchaos.client.ConnectionEvent.PublishReceived;
import org.mqttchaos.client.ConnectionEvent.PublishResent;
import org.mqttchaos.client.ConnectionEvent.PublishSent;
import org.mqttchaos.client.ConnectionEvent.Silenced;
import org.mqttchaos.client.ConnectionEvent.SubAckReceived;
import org.mqttchaos.client.ConnectionEvent.SubscribeSent;
import org.mqttchaos.client.ConnectionEvent.UnsubAckReceived;
import org.mqttchaos.client.ConnectionEvent.UnsubscribeSent;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.client.MessageStamp;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MessageOutcomes;

/**
 * Invariant 7, in the spirit of Jepsen's total-queue checker: over the run's whole history, for every stamped message
 * ({@link MessageStamp}) and every subscriber session (or shared-subscription group) entitled to it, one outcome:
 * delivered, lost, unknown or expected loss; copies beyond the first are duplicates, first arrivals before an earlier
 * message of the same stream are out of order, arrivals nobody was entitled to are unexpected. Payloads without a
 * stamp are not the harness's and are ignored. The figures are a {@link MessageOutcomes}; the violations are findings.
 *
 * <p><b>Entitlement.</b> The broker takes a message somewhere between our PUBLISH's write ({@code sent}) and its
 * PUBACK / PUBCOMP ({@code acked}); a subscription is sure between its SUBACK and the UNSUBSCRIBE's write (or its
 * session's end), possible between the SUBSCRIBE's write and the UNSUBACK. A message is owed to a session when one of
 * its subscriptions matching the topic (section 4.7, {@link TopicFilter}) was sure over the whole of
 * [{@code sent}, {@code acked}]; it may go either way when a possible one overlaps it. To a shared subscription
 * ({@code $share/group/filter}, MQTT 5 section 4.8.2) a message is owed once per group, to any member. The delivery's
 * QoS is the smaller of the PUBLISH's and the granted QoS (the largest granted among overlapping subscriptions,
 * [MQTT-3.3.5-1]; the smallest among a group's members).
 *
 * <p><b>Sessions.</b> A session of a client ID begins with a CONNACK whose session present is 0 and lasts through every
 * later CONNACK with session present 1, until the next one with 0 ([MQTT-3.2.2-2]); between two connections a
 * persistent session (MQTT 3.1.1 clean session 0, MQTT 5 session expiry above 0) stores the messages of its
 * subscriptions ([MQTT-3.1.2-5]) and resumes them ([MQTT-4.4.0-1]). A clean session ends when its connection does. A
 * connection is live from its CONNACK until it closes, goes silent (chaos: keep-alive expiry), sends DISCONNECT or is
 * taken over by a newer connection of the ID, whichever comes first.
 *
 * <p><b>Rules</b>, each a finding kind; the drain window {@code D} is given to {@link #finish}:
 * <ul>
 *   <li>{@code message-lost} ([MQTT-3.1.2-5], section 4.3): an owed message at QoS 1 or 2 that its publisher had
 *   acknowledged never arrived, though a later message of its stream (same publisher, topic and delivery QoS) arrived
 *   first on a connection of the session (the broker sends a stream in order and TCP keeps it: it skipped this one),
 *   or the session's connection was live at the run's end and had the drain window {@code D} after the message was
 *   due on it (its acknowledgement, or the resume's CONNACK for one stored offline). Otherwise not a finding:
 *   {@code expectedLoss} when the delivery QoS is 0 or the session ended (clean session closed, session present 0
 *   later: what was still queued for it may go), {@code unknown} when the session lives on (a persistent session
 *   offline at the run's end, a message due within {@code D} of the end). A message its publisher never saw
 *   acknowledged is owed by nobody: {@code expectedLoss} for a clean-session publisher, {@code unknown} otherwise;
 *   one its publisher resent is never judged by a later one. For a shared group a missing message is
 *   {@code unknown} when any member's connection ended after the publish (the broker SHOULD, not MUST, resend it to
 *   another member), {@code lost} when a member was live at the end for {@code D} after it.</li>
 *   <li>{@code message-duplicate} ([MQTT-4.3.3-2]): a QoS 2 delivery arrived more than once, a later copy sent as a new
 *   message (DUP 0); one more copy per further overlapping subscription is allowed ([MQTT-3.3.5-1]). QoS 1 copies and
 *   DUP resends (a client that forgot its QoS 2 state across a reconnect) are counted in {@code duplicated} only.</li>
 *   <li>{@code message-out-of-order} ([MQTT-4.6.0-5], every topic an Ordered Topic): on one connection, the first copy
 *   of a message arrived after the first copy of a later message of the same publisher, topic and QoS, both sent once
 *   and in that order. Copies after the first and arrivals on different connections are not compared: the spec's
 *   non-normative comment in 4.6 lets a resend follow its successors.</li>
 *   <li>{@code message-unexpected} (section 4.7, [MQTT-3.10.4-2]): a message of this run arrived at a session none of
 *   whose subscriptions could have matched it while it was published (never subscribed, or unsubscribed).</li>
 * </ul>
 * {@code late} counts delivered pairs whose first copy came on a later connection than the one live at the publish
 * (the offline queue, or a resend after a resume); a message published while a session is offline can only arrive
 * after the resume, so late is a figure, never a finding. Arrivals with RETAIN set are replays for a new subscription
 * ([MQTT-3.3.1-8]) and are counted, not judged. A session resumed from before the run (session present 1 before any
 * subscription of ours) may hold subscriptions we did not see: what arrives there unmatched is {@code foreign}.
 *
 * <p><b>Memory</b>: per published message 21 bytes in primitive arrays (send instant, acknowledgement delay, planned
 * instant's low bits, topic index, flags), per message and receiving session or group one byte (copies and marks),
 * per subscription, connection and session a small object (a subscription's with an entry per topic that arrived
 * through its session); one small record per out-of-order candidate and per
 * arrival at a client that never subscribed. Nothing per delivery beyond that.
 *
 * <p><b>Publisher sessions.</b> A PUBLISH retransmitted with DUP on a resumed session (PublishResent, MQTT 3.1.1
 * section 4.4) is the message sent before, not a new one: its acknowledgement on the resuming connection completes
 * it, and it is marked resent. A message the client gave up unacknowledged because its session was lost
 * (MessageAbandoned) is owed by nobody: missing, an expected loss; a released QoS 2 one (PUBREC had come) missing is
 * unknown, since whether the broker began onward delivery depends on whether our PUBREL reached it (section 4.3.3,
 * Method A) and it may discard it with the publisher's session.
 *
 * <p>Unsubscribes: UnsubscribeSent and UnsubAckReceived (also {@link #unsubscribeSent} and
 * {@link #unsubAckReceived}, for several filters at once). Thread rules: events come from every event loop at once; each publisher,
 * subscriber and group has its own monitor (taken subscriber, then group, then publisher); {@link #finish} runs once,
 * after the events.
 *
 * <p>Where to read on: this class subscribes to the events and records them; the history's types (and their
 * monitors) are in {@link DeliveryHistory}; the finish-time judgement by the rules above is {@link DeliveryJudge}.
 */
public final class DeliveryChecker implements EventSubscriber {
  static final String RULE_LOST = "MQTT-3.1.2-5 and section 4.3: a QoS 1 or 2 message matching a subscription of a live"
      + " or resumed session is delivered at least once (one stored offline after the resume)";
  static final String RULE_DUPLICATE = "MQTT-4.3.3-2: a QoS 2 message is delivered exactly once";
  static final String RULE_ORDER = "MQTT-4.6.0-5: one publisher's messages of one topic and QoS reach each subscriber"
      + " in the order the broker received them";
  static final String RULE_UNEXPECTED = "Section 4.7 and MQTT-3.10.4-2: a message goes only to sessions with a"
      + " matching subscription, never after UNSUBSCRIBE";

  /** The drain window a run uses unless told otherwise: messages due within it of the end are unknown if missing. */
  public static final long DEFAULT_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final Set<Class<? extends ConnectionEvent>> KINDS = Set.of(ConnAckReceived.class,
      SubscribeSent.class, SubAckReceived.class, UnsubscribeSent.class, UnsubAckReceived.class, PublishSent.class,
      PublishResent.class, MessageAbandoned.class, PubAckReceived.class, PubCompReceived.class,
      PublishReceived.class, Silenced.class, DisconnectSent.class, Closed.class);

  /** How far a received sequence may run ahead of its publisher's known sends before it is taken for foreign. */
  private static final int AHEAD = 1 << 16;
  private static final int MAX_SEQUENCE = 1 << 28;

  private final FindingSink sink;
  private final long runStartNanos;
  private final Map<Integer, Publisher> publishers = new ConcurrentHashMap<>();
  private final Map<Attempt, Publisher> publisherOf = new ConcurrentHashMap<>();
  private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
  private final Map<String, Group> groups = new ConcurrentHashMap<>();
  /** Client IDs that resumed a session (present 1) before any subscription of ours: it may hold unknown ones. */
  private final Set<String> resumedUnknown = ConcurrentHashMap.newKeySet();
  /**
   * The accepted CONNACK of each live connection whose client ID had no subscription yet, until its first SUBSCRIBE
   * (or its close): that connection's session and instant. Two connections of one ID (a collision) may both be
   * accepted before either subscribes; each is its own clean session, begun at its own CONNACK.
   */
  private final Map<Attempt, Accepted> unsubscribed = new ConcurrentHashMap<>();
  private final Topics topics = new Topics();
  private final List<Stray> strays = new ArrayList<>(); // guarded by itself
  private final List<Candidate> candidates = new ArrayList<>(); // guarded by itself
  private final LongAdder[] late = {new LongAdder(), new LongAdder(), new LongAdder()};
  private final LongAdder retainedReplays = new LongAdder();
  private final LongAdder foreign = new LongAdder();
  private volatile MessageOutcomes outcomes = MessageOutcomes.NONE;
  private boolean finished; // guarded by this

  public DeliveryChecker(RunMetrics metrics, Findings findings, long runStartNanos) {
    this.sink = new FindingSink(metrics, findings, runStartNanos);
    this.runStartNanos = runStartNanos;
  }

  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return KINDS;
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    if (event instanceof PublishReceived e) {
      received(e);
    } else if (event instanceof PublishSent e) {
      sent(e.payload(), e.attempt(), e.clientId(), e.packetId(), e.topic(), e.qos(), e.retain(), e.nanoTime(), false);
    } else if (event instanceof PublishResent e) {
      sent(e.payload(), e.attempt(), e.clientId(), e.packetId(), e.topic(), e.qos(), e.retain(), e.nanoTime(), true);
    } else if (event instanceof MessageAbandoned e) {
      abandoned(e);
    } else if (event instanceof PubAckReceived e) {
      acknowledged(e.attempt(), e.packetId(), e.nanoTime());
    } else if (event instanceof PubCompReceived e) {
      acknowledged(e.attempt(), e.packetId(), e.nanoTime());
    } else if (event instanceof ConnAckReceived e) {
      connAck(e);
    } else if (event instanceof SubscribeSent e) {
      subscribeSent(e);
    } else if (event instanceof SubAckReceived e) {
      subAck(e);
    } else if (event instanceof UnsubscribeSent e) {
      unsubscribeSent(e.attempt(), e.packetId(), List.of(e.topicFilter()), e.nanoTime());
    } else if (event instanceof UnsubAckReceived e) {
      if (e.reasonCodes().stream().anyMatch(code -> code >= 0x80)) {
        unsubscribeAnswered(e.attempt(), e.packetId(), e.nanoTime(), true); // MQTT 5: the subscription goes on
      } else {
        unsubAckReceived(e.attempt(), e.packetId(), e.nanoTime());
      }
    } else if (event instanceof Silenced e) {
      connectionEnds(e.attempt(), e.nanoTime(), 0);
    } else if (event instanceof DisconnectSent e) {
      connectionEnds(e.attempt(), e.nanoTime(), 1);
    } else if (event instanceof Closed e) {
      unsubscribed.remove(e.attempt());
      Publisher p = publisherOf.remove(e.attempt());
      if (p != null) {
        synchronized (p) {
          p.inflight.clear(); // a resend on the next attempt registers its packet id again
        }
      }
      connectionEnds(e.attempt(), e.nanoTime(), 2);
    }
  }

  /** The figures; all zeros until {@link #finish} ran. */
  public MessageOutcomes outcomes() {
    return outcomes;
  }

  // ------------------------------------------------------------------------------------------------ publishers

  /**
   * A stamped PUBLISH written: the first time ({@code resent} false, PublishSent) it is the message's send; a
   * retransmission with DUP on a resumed session (PublishResent, MQTT 3.1.1 section 4.4) is the same message, not a
   * new publish: it registers the packet identifier on the resuming attempt, so the acknowledgement that comes there
   * completes it, and marks the message resent (never judged by a later one of its stream, never compared for order).
   */
  private void sent(byte[] payload, Attempt attempt, String clientId, int packetId, String topic, int qos,
      boolean retain, long nanos, boolean resent) {
    if (!MessageStamp.stamped(payload)) {
      return;
    }
    int stampPublisher = MessageStamp.publisherOf(payload);
    long stampSequence = MessageStamp.sequenceOf(payload);
    long stampPlanned = MessageStamp.plannedNanosOf(payload);
    Publisher p = publishers.get(stampPublisher); // a plain get first: no bin lock per publish
    if (p == null) {
      p = publishers.computeIfAbsent(stampPublisher, Publisher::new);
    }
    synchronized (p) {
      if (stampSequence >= MAX_SEQUENCE || stampSequence > p.size + AHEAD) {
        foreign.increment(); // not a sequence the harness makes
        return;
      }
      int seq = (int) stampSequence;
      p.ensure(seq + 1);
      p.clientId = clientId;
      if ((p.flags[seq] & SENT) != 0) {
        p.flags[seq] |= RESENT;
      } else {
        p.sent[seq] = nanos;
        p.planned[seq] = (int) stampPlanned;
        p.topic[seq] = topics.id(topic);
        p.flags[seq] = (byte) (SENT | (qos & QOS_MASK) | (retain ? RETAIN : 0)
            | (persistent(attempt) ? PERSISTENT_PUBLISHER : 0) | (resent ? RESENT : 0));
      }
      if (qos > 0) {
        p.inflight.put(packetId, seq);
      }
    }
    if (qos > 0) {
      publisherOf.putIfAbsent(attempt, p);
    }
  }

  /**
   * The publisher's client gave a message up unacknowledged because its session is gone (MessageAbandoned): it will
   * never be resent, and its packet identifier is free again. Owed to nobody: missing, it is an expected loss, or
   * unknown when it was QoS 2 and released (PUBREC had come: the broker took it over [MQTT-4.3.3-9], but whether it
   * began onward delivery depends on our PUBREL reaching it, section 4.3.3's Method A, and a broker may discard it
   * with the publisher's session).
   */
  private void abandoned(MessageAbandoned e) {
    byte[] payload = e.payload();
    if (!MessageStamp.stamped(payload)) {
      return;
    }
    int stampPublisher = MessageStamp.publisherOf(payload);
    long stampSequence = MessageStamp.sequenceOf(payload);
    Publisher p = publishers.get(stampPublisher);
    if (p == null) {
      return;
    }
    synchronized (p) {
      if (stampSequence >= p.size || (p.flags[(int) stampSequence] & SENT) == 0) {
        return;
      }
      int seq = (int) stampSequence;
      Integer waiting = p.inflight.get(e.packetId());
      if (waiting != null && waiting == seq) {
        p.inflight.remove(e.packetId());
      }
      if (p.ackMicros[seq] == 0) {
        p.flags[seq] |= e.released() ? RELEASED : ABANDONED;
      }
    }
  }

  private void acknowledged(Attempt attempt, int packetId, long nanos) {
    Publisher p = publisherOf.get(attempt);
    if (p == null) {
      return;
    }
    synchronized (p) {
      Integer seq = p.inflight.remove(packetId);
      if (seq != null && p.ackMicros[seq] == 0) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos - p.sent[seq]));
        p.ackMicros[seq] = (int) Math.min(Integer.MAX_VALUE - 1, micros) + 1;
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ sessions

  private void connAck(ConnAckReceived e) {
    if (!e.accepted()) {
      return;
    }
    Subscriber s = subscribers.get(e.clientId());
    if (s == null) {
      if (e.sessionPresent()) {
        resumedUnknown.add(e.clientId());
      } else {
        resumedUnknown.remove(e.clientId());
      }
      unsubscribed.put(e.attempt(), new Accepted(e.nanoTime(), e.sessionPresent()));
      return;
    }
    synchronized (s) {
      Epoch epoch = e.sessionPresent() && !s.epochs.isEmpty() ? s.epochs.get(s.epochs.size() - 1) : null;
      if (epoch == null) {
        epoch = new Epoch(e.nanoTime(), e.sessionPresent());
        s.epochs.add(epoch);
      }
      Conn conn = new Conn(e.attempt(), e.nanoTime(), epoch, persistent(e.attempt()));
      epoch.conns.add(conn);
      s.conns.add(conn);
    }
  }

  private void subscribeSent(SubscribeSent e) {
    Subscriber s = subscribers.computeIfAbsent(e.clientId(), Subscriber::new);
    synchronized (s) {
      Conn conn = s.conn(e.attempt());
      Accepted first = conn == null ? unsubscribed.remove(e.attempt()) : null;
      if (first != null) { // the first subscription on a connection accepted before the ID had one
        Epoch epoch = first.sessionPresent() && !s.epochs.isEmpty() ? s.epochs.get(s.epochs.size() - 1) : null;
        if (epoch == null) { // its own session from its own CONNACK, never a colliding connection's
          epoch = new Epoch(first.nanos(), first.sessionPresent());
          s.epochs.add(epoch);
        }
        conn = new Conn(e.attempt(), first.nanos(), epoch, persistent(e.attempt()));
        conn.sinceSubscribe = true;
        epoch.conns.add(conn);
        s.conns.add(conn);
      } else if (conn == null) { // its connection's CONNACK is unknown: taken at this SUBSCRIBE
        Epoch epoch = s.epochs.isEmpty() ? null : s.epochs.get(s.epochs.size() - 1);
        if (epoch == null) {
          epoch = new Epoch(e.nanoTime(), resumedUnknown.remove(e.clientId()));
          s.epochs.add(epoch);
        }
        conn = new Conn(e.attempt(), e.nanoTime(), epoch, persistent(e.attempt()));
        conn.sinceSubscribe = true;
        epoch.conns.add(conn);
        s.conns.add(conn);
      }
      conn.epoch.subs.add(new Sub(s, conn, e.topicFilter(), e.qos(), e.packetId(), e.nanoTime()));
    }
  }

  private void subAck(SubAckReceived e) {
    withConnection(e.attempt(), conn -> {
      List<Sub> subs = conn.epoch.subs;
      for (int i = subs.size() - 1; i >= 0; i--) {
        Sub sub = subs.get(i);
        if (sub.conn == conn && sub.packetId == e.packetId() && sub.ack == Long.MAX_VALUE && sub.granted < 0) {
          int code = e.reasonCodes().isEmpty() ? 0x80 : e.reasonCodes().get(0);
          if (code >= 0x80) {
            subs.remove(i); // refused: no subscription, nothing may arrive for it
            return;
          }
          sub.granted = code;
          sub.ack = e.nanoTime();
          for (Sub other : subs) { // a SUBSCRIBE to a filter held already replaces it, without a gap ([MQTT-3.8.4-3])
            if (other != sub && other.filter.equals(sub.filter) && other.unsubSent == Long.MAX_VALUE) {
              other.unsubSent = e.nanoTime();
              other.unsubAck = e.nanoTime();
            }
          }
          if (sub.group != null) {
            groups.computeIfAbsent(sub.filter, Group::new);
          }
          return;
        }
      }
    });
  }

  /**
   * UNSUBSCRIBE written on {@code attempt} under {@code packetId} for {@code filters}: from {@code nanos} on, nothing
   * published is owed to those subscriptions of the session. The client's UnsubscribeSent event comes here.
   */
  public void unsubscribeSent(Attempt attempt, int packetId, Collection<String> filters, long nanos) {
    withConnection(attempt, conn -> {
      for (Sub sub : conn.epoch.subs) {
        if (filters.contains(sub.filter) && sub.unsubSent == Long.MAX_VALUE) {
          sub.unsubSent = nanos;
          sub.unsubPacket = packetId;
          sub.unsubConn = conn;
        }
      }
    });
  }

  /**
   * UNSUBACK read on {@code attempt} for {@code packetId}: what is published from {@code nanos} on must not arrive
   * through those subscriptions ([MQTT-3.10.4-2]); QoS 1 and 2 messages the broker had begun to send before may still
   * ([MQTT-3.10.4-3]). The client's UnsubAckReceived event comes here.
   */
  public void unsubAckReceived(Attempt attempt, int packetId, long nanos) {
    unsubscribeAnswered(attempt, packetId, nanos, false);
  }

  /**
   * The UNSUBACK for {@code packetId} on {@code attempt} came at {@code nanos}: the subscriptions it answered end there,
   * or, when {@code refused} (an MQTT 5 failure reason, 0x80 and above), go on as if no UNSUBSCRIBE had been sent.
   */
  private void unsubscribeAnswered(Attempt attempt, int packetId, long nanos, boolean refused) {
    withConnection(attempt, conn -> {
      for (Sub sub : conn.epoch.subs) {
        if (sub.unsubConn != conn || sub.unsubPacket != packetId || sub.unsubAck != Long.MAX_VALUE) {
          continue;
        }
        if (refused) {
          sub.unsubSent = Long.MAX_VALUE;
          sub.unsubPacket = -1;
          sub.unsubConn = null;
        } else {
          sub.unsubAck = nanos;
        }
      }
    });
  }

  /** {@code how}: 0 silenced, 1 DISCONNECT written, 2 closed. */
  private void connectionEnds(Attempt attempt, long nanos, int how) {
    withConnection(attempt, conn -> {
      if (how == 0) {
        conn.silenced = Math.min(conn.silenced, nanos);
      } else if (how == 1) {
        conn.disconnected = Math.min(conn.disconnected, nanos);
      } else {
        conn.closed = Math.min(conn.closed, nanos);
        conn.compact();
      }
    });
  }

  /**
   * Runs {@code action} on the subscriber connection of {@code attempt}, under its subscriber's monitor; does nothing
   * when the attempt's client ID never subscribed or the attempt has no accepted connection of it (no CONNACK seen).
   */
  private void withConnection(Attempt attempt, Consumer<Conn> action) {
    Subscriber s = subscribers.get(attempt.clientId());
    if (s == null) {
      return;
    }
    synchronized (s) {
      Conn conn = s.conn(attempt);
      if (conn != null) {
        action.accept(conn);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ arrivals

  private void received(PublishReceived e) {
    byte[] payload = e.payload();
    if (!MessageStamp.stamped(payload)) {
      return;
    }
    int stampPublisher = MessageStamp.publisherOf(payload);
    long stampSequence = MessageStamp.sequenceOf(payload);
    long stampPlanned = MessageStamp.plannedNanosOf(payload);
    if (e.retain()) {
      retainedReplays.increment();
      return;
    }
    if (stampPlanned < runStartNanos - TimeUnit.SECONDS.toNanos(1)) {
      foreign.increment(); // due before this run began: another run's message
      return;
    }
    Publisher p = publishers.get(stampPublisher);
    long known = 0;
    if (p != null) {
      synchronized (p) {
        known = p.size;
        if (stampSequence < p.size && (p.flags[(int) stampSequence] & SENT) != 0
            && p.planned[(int) stampSequence] != (int) stampPlanned) {
          foreign.increment(); // the same publisher and sequence, another instant: another run's message
          return;
        }
      }
    }
    if (stampSequence >= MAX_SEQUENCE || stampSequence > known + AHEAD) {
      foreign.increment();
      return;
    }
    int seq = (int) stampSequence;
    int topic = topics.id(e.topic());
    Subscriber s = subscribers.get(e.clientId());
    if (s == null) {
      if (resumedUnknown.contains(e.clientId())) {
        foreign.increment();
      } else {
        synchronized (strays) {
          strays.add(new Stray(e.clientId(), stampPublisher, seq, (int) stampPlanned, e.nanoTime(),
              e.qos(), e.topic()));
        }
      }
      return;
    }
    synchronized (s) {
      Conn conn = s.conn(e.attempt());
      Epoch epoch = conn != null ? conn.epoch : s.epochs.isEmpty() ? null : s.epochs.get(s.epochs.size() - 1);
      Sub own = null;
      Sub shared = null;
      if (epoch != null) {
        List<Sub> subs = epoch.subs;
        for (int i = 0, n = subs.size(); i < n; i++) { // no iterator per arrival
          Sub sub = subs.get(i);
          if (sub.matches(topic, topics)) {
            if (sub.group == null) {
              own = sub;
              break;
            }
            shared = shared == null ? sub : shared;
          }
        }
      }
      if (own == null && shared == null && epoch != null && epoch.inherited) {
        foreign.increment(); // a subscription the session had before the run
        return;
      }
      if (own != null && shared != null && copies(s.counts, stampPublisher, seq) > 0) {
        own = null; // the session has its copy: a second one is the shared subscription's
      }
      int before;
      if (own == null && shared != null) {
        Group g = groups.computeIfAbsent(shared.filter, Group::new);
        synchronized (g) {
          before = count(g.counts, stampPublisher, seq, e.duplicate());
        }
      } else {
        before = count(s.counts, stampPublisher, seq, e.duplicate());
      }
      if (before > 0 || conn == null) {
        return;
      }
      if (p != null && !conn.sinceSubscribe) {
        synchronized (p) {
          if (seq < p.size && (p.flags[seq] & SENT) != 0 && p.sent[seq] < conn.connAck) {
            late[Math.min(2, Math.max(0, e.qos()))].increment(); // published before this connection existed
          }
        }
      }
      if (conn.order == null) {
        conn.order = new LongObjectHashMap<>();
      }
      long key = stream(stampPublisher, topic, e.qos());
      long[] last = conn.order.get(key);
      if (last == null) {
        last = new long[1];
        conn.order.put(key, last);
      }
      long got = seq + 1L; // 0: none yet
      if (got < last[0]) {
        synchronized (candidates) {
          candidates.add(new Candidate(e.clientId(), stampPublisher, seq, (int) last[0] - 1, e.nanoTime(),
              e.qos(), e.topic()));
        }
      } else {
        last[0] = got;
      }
    }
  }


  // ------------------------------------------------------------------------------------------------ verdicts

  /**
   * Run end: judges the whole history once and returns the figures (later calls return the same). A message due on a
   * live connection less than {@code drainNanos} before that connection ended (or before {@code nowNanos}) may still
   * have been in flight: missing, it is unknown, or an expected loss if its session ended. Also adds the figures to
   * the run's counters ({@code delivery.*}).
   */
  public synchronized MessageOutcomes finish(long nowNanos, long drainNanos) {
    if (finished) {
      return outcomes;
    }
    finished = true;
    long[][] c = new long[3][MessageOutcomes.FIELDS.length];
    List<Subscriber> subs = new ArrayList<>(subscribers.values());
    subs.sort(Comparator.comparing(s -> s.clientId));
    List<Sub> allSubs = new ArrayList<>();
    for (Subscriber s : subs) {
      synchronized (s) {
        s.settle(nowNanos);
        s.epochs.forEach(ep -> allSubs.addAll(ep.subs));
      }
    }
    Map<Integer, Target[]> targets = new HashMap<>();
    List<Publisher> pubs = new ArrayList<>(publishers.values());
    pubs.sort(Comparator.comparingInt(p -> p.index));
    DeliveryJudge judge = new DeliveryJudge(c, nowNanos, drainNanos, sink, topics, runStartNanos, publishers, groups,
        foreign);
    for (Publisher p : pubs) {
      synchronized (p) {
        for (int seq = 0; seq < p.size; seq++) {
          int flags = p.flags[seq];
          if ((flags & SENT) == 0) {
            continue;
          }
          c[flags & QOS_MASK][PUBLISHED]++;
          Target[] ts = targets.computeIfAbsent(p.topic[seq], id -> DeliveryJudge.targetsOf(topics.name(id), allSubs));
          for (Target t : ts) {
            judge.pair(t, p, seq);
          }
        }
      }
    }
    for (Subscriber s : subs) {
      synchronized (s) {
        judge.unvisited(s.clientId, s.counts, s.filters());
      }
    }
    for (Group g : groups.values()) {
      synchronized (g) {
        judge.unvisited(g.filter, g.counts, List.of(g.filter));
      }
    }
    synchronized (strays) {
      for (Stray st : strays) {
        Publisher p = publishers.get(st.publisher());
        if (p != null && DeliveryJudge.sentAs(p, st.seq(), st.planned())) {
          c[Math.min(2, st.qos())][UNEXPECTED]++;
          sink.find("message-unexpected", RULE_UNEXPECTED, st.clientId(), st.nanos(),
              "no delivery: " + st.clientId() + " never subscribed in this run",
              judge.message(p, st.seq()) + " arrived at " + judge.at(st.nanos()) + " (QoS " + st.qos() + ")");
        } else {
          foreign.increment();
        }
      }
    }
    synchronized (candidates) {
      for (Candidate k : candidates) {
        Publisher p = publishers.get(k.publisher());
        if (p != null && DeliveryJudge.inOrderBeforeOnce(p, k.earlier(), k.later())) {
          c[Math.min(2, k.qos())][OUT_OF_ORDER]++;
          sink.find("message-out-of-order", RULE_ORDER, k.clientId(), k.nanos(),
              "sequence " + k.earlier() + " before sequence " + k.later() + " of publisher " + k.publisher() + " on '"
                  + k.topic() + "' at QoS " + k.qos() + " (published in that order)",
              "sequence " + k.earlier() + " arrived at " + judge.at(k.nanos()) + ", after sequence " + k.later()
                  + " on the same connection");
        }
      }
    }
    for (int qos = 0; qos < 3; qos++) {
      c[qos][LATE] = late[qos].sum();
    }
    MessageOutcomes result = MessageOutcomes.of(c, retainedReplays.sum(), foreign.sum());
    for (int qos = 0; qos < 3; qos++) {
      long[] row = result.row(qos);
      for (int i = 0; i < row.length; i++) {
        if (row[i] != 0) {
          sink.metrics().add(Counters.delivery(MessageOutcomes.FIELDS[i], qos), row[i]);
        }
      }
    }
    if (result.retainedReplays() != 0) {
      sink.metrics().add(Counters.delivery(MessageOutcomes.UNTOLD[0], -1), result.retainedReplays());
    }
    if (result.foreign() != 0) {
      sink.metrics().add(Counters.delivery(MessageOutcomes.UNTOLD[1], -1), result.foreign());
    }
    outcomes = result;
    return result;
  }

  private static boolean persistent(Attempt attempt) {
    return attempt.version() == MqttVersion.V5 ? attempt.options().sessionExpirySeconds() > 0
        : !attempt.options().cleanSession();
  }
}
