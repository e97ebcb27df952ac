package org.mqttchaos.check;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.LongObjectHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
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

  // per-message flags of a publisher
  private static final int QOS_MASK = 3;
  private static final int RETAIN = 4;
  private static final int SENT = 8;
  private static final int RESENT = 16;
  private static final int PERSISTENT_PUBLISHER = 32;
  private static final int ABANDONED = 64; // given up unacknowledged with its publisher's session: owed by nobody
  private static final int RELEASED = 128; // likewise, QoS 2 after PUBREC: the broker may or may not forward it
  // per-pair byte: copies (saturating), a later copy sent as new (DUP 0), judged at finish
  private static final int COPIES = 63;
  private static final int FRESH_COPY = 64;
  private static final int VISITED = 128;

  // MessageOutcomes.FIELDS indexes
  private static final int PUBLISHED = 0;
  private static final int EXPECTED = 1;
  private static final int DELIVERED = 2;
  private static final int LOST = 3;
  private static final int DUPLICATED = 4;
  private static final int OUT_OF_ORDER = 5;
  private static final int UNKNOWN = 6;
  private static final int EXPECTED_LOSS = 7;
  private static final int LATE = 8;
  private static final int UNEXPECTED = 9;

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

  private static int copies(IntObjectHashMap<byte[]> counts, int publisher, int seq) {
    byte[] c = counts.get(publisher);
    return c == null || c.length <= seq ? 0 : c[seq] & COPIES;
  }

  /** Adds a copy of (publisher, seq) to {@code counts}; the copies there before it. */
  private static int count(IntObjectHashMap<byte[]> counts, int publisher, int seq, boolean dup) {
    byte[] c = counts.get(publisher);
    if (c == null || c.length <= seq) {
      byte[] grown = new byte[Math.max(seq + 1, c == null ? 16 : c.length + (c.length >> 1))];
      if (c != null) {
        System.arraycopy(c, 0, grown, 0, c.length);
      }
      c = grown;
      counts.put(publisher, c);
    }
    int b = c[seq] & 0xFF;
    int copies = b & COPIES;
    int next = Math.min(COPIES, copies + 1) | (b & FRESH_COPY) | (copies > 0 && !dup ? FRESH_COPY : 0);
    c[seq] = (byte) next;
    return copies;
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
    Judge judge = new Judge(c, nowNanos, drainNanos);
    for (Publisher p : pubs) {
      synchronized (p) {
        for (int seq = 0; seq < p.size; seq++) {
          int flags = p.flags[seq];
          if ((flags & SENT) == 0) {
            continue;
          }
          c[flags & QOS_MASK][PUBLISHED]++;
          Target[] ts = targets.computeIfAbsent(p.topic[seq], id -> targetsOf(topics.name(id), allSubs));
          for (Target t : ts) {
            judge.pair(t, p, seq);
          }
        }
      }
    }
    for (Subscriber s : subs) {
      synchronized (s) {
        unvisited(c, s.clientId, s.counts, s.filters());
      }
    }
    for (Group g : groups.values()) {
      synchronized (g) {
        unvisited(c, g.filter, g.counts, List.of(g.filter));
      }
    }
    synchronized (strays) {
      for (Stray st : strays) {
        Publisher p = publishers.get(st.publisher);
        if (p != null && sentAs(p, st.seq, st.planned)) {
          c[Math.min(2, st.qos)][UNEXPECTED]++;
          sink.find("message-unexpected", RULE_UNEXPECTED, st.clientId, st.nanos,
              "no delivery: " + st.clientId + " never subscribed in this run",
              message(p, st.seq) + " arrived at " + at(st.nanos) + " (QoS " + st.qos + ")");
        } else {
          foreign.increment();
        }
      }
    }
    synchronized (candidates) {
      for (Candidate k : candidates) {
        Publisher p = publishers.get(k.publisher);
        if (p != null && inOrderBeforeOnce(p, k.earlier, k.later)) {
          c[Math.min(2, k.qos)][OUT_OF_ORDER]++;
          sink.find("message-out-of-order", RULE_ORDER, k.clientId, k.nanos,
              "sequence " + k.earlier + " before sequence " + k.later + " of publisher " + k.publisher + " on '"
                  + k.topic + "' at QoS " + k.qos + " (published in that order)",
              "sequence " + k.earlier + " arrived at " + at(k.nanos) + ", after sequence " + k.later
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

  /** The sessions and groups with a subscription matching {@code topic}, each with those subscriptions. */
  private Target[] targetsOf(String topic, List<Sub> allSubs) {
    Map<Object, List<Sub>> by = new LinkedHashMap<>();
    for (Sub sub : allSubs) {
      if (TopicFilter.matches(sub.filter, topic)) {
        by.computeIfAbsent(sub.group == null ? sub.owner : sub.filter, k -> new ArrayList<>()).add(sub);
      }
    }
    List<Target> out = new ArrayList<>(by.size());
    by.forEach((key, list) -> out.add(new Target(key instanceof Subscriber s ? s : null, list.toArray(new Sub[0]))));
    return out.toArray(new Target[0]);
  }

  /** Arrivals no judged pair claimed: this run's messages are unexpected, others foreign. */
  private void unvisited(long[][] c, String who, Map<Integer, byte[]> counts, List<String> filters) {
    counts.forEach((publisher, copies) -> {
      Publisher p = publishers.get(publisher);
      for (int seq = 0; seq < copies.length; seq++) {
        int b = copies[seq] & 0xFF;
        if ((b & COPIES) == 0 || (b & VISITED) != 0) {
          continue;
        }
        if (p == null || !sentAs(p, seq, null)) {
          foreign.increment();
          continue;
        }
        int qos;
        long sent;
        String topic;
        synchronized (p) {
          qos = p.flags[seq] & QOS_MASK;
          sent = p.sent[seq];
          topic = topics.name(p.topic[seq]);
        }
        c[qos][UNEXPECTED]++;
        sink.find("message-unexpected", RULE_UNEXPECTED, who, sent,
            "no delivery: no subscription of " + who + " " + filters + " matched '" + topic + "' while it was published",
            message(p, seq) + " arrived " + (b & COPIES) + " time(s)");
      }
    });
  }

  private static boolean sentAs(Publisher p, int seq, Integer planned) {
    synchronized (p) {
      return seq < p.size && (p.flags[seq] & SENT) != 0 && (planned == null || p.planned[seq] == planned);
    }
  }

  private static boolean inOrderBeforeOnce(Publisher p, int earlier, int later) {
    synchronized (p) {
      if (later >= p.size || earlier >= p.size) {
        return false;
      }
      int a = p.flags[earlier];
      int b = p.flags[later];
      return (a & SENT) != 0 && (b & SENT) != 0 && (a & RESENT) == 0 && (b & RESENT) == 0
          && (a & QOS_MASK) == (b & QOS_MASK) && p.sent[earlier] <= p.sent[later];
    }
  }

  /** Judges one (message, session or group) pair at finish. */
  private final class Judge {
    private final long[][] c;
    private final long now;
    private final long drain;

    Judge(long[][] c, long now, long drain) {
      this.c = c;
      this.now = now;
      this.drain = drain;
    }

    void pair(Target t, Publisher p, int seq) {
      int flags = p.flags[seq];
      int pubQos = flags & QOS_MASK;
      long sent = p.sent[seq];
      boolean acked = p.ackMicros[seq] > 0 && p.ackMicros[seq] < Integer.MAX_VALUE;
      long ack = acked ? sent + TimeUnit.MICROSECONDS.toNanos(p.ackMicros[seq] - 1L) : Long.MAX_VALUE;
      long taken = acked ? ack : sent; // the latest instant the broker may have taken it
      Sub sure = null;
      int sureQos = t.group() ? 3 : -1;
      int maybeQos = -1;
      List<String> maybeFilters = null;
      String firstMaybe = null;
      int allowed = 0;
      for (Sub sub : t.subs) {
        long sureEnd = Math.min(sub.unsubSent, sub.epoch.end);
        long maybeEnd = Math.min(sub.unsubAck, sub.epoch.end);
        if (sub.granted >= 0 && sub.ack <= sent && taken < sureEnd) {
          sure = sure == null ? sub : sure;
          sureQos = t.group() ? Math.min(sureQos, sub.granted) : Math.max(sureQos, sub.granted);
        }
        if (sub.sent <= ack && sent <= maybeEnd) {
          maybeQos = Math.max(maybeQos, sub.granted >= 0 ? sub.granted : sub.requested);
          if (firstMaybe == null) {
            firstMaybe = sub.filter;
            allowed = 1;
          } else if (!sub.filter.equals(firstMaybe) && !t.group()) {
            if (maybeFilters == null) {
              maybeFilters = new ArrayList<>(List.of(firstMaybe));
            }
            if (!maybeFilters.contains(sub.filter)) {
              maybeFilters.add(sub.filter);
              allowed++;
            }
          }
        }
      }
      byte[] copies = t.counts().get(p.index);
      int b = copies != null && seq < copies.length ? copies[seq] & 0xFF : 0;
      int n = b & COPIES;
      if (n > 0 && firstMaybe != null) {
        copies[seq] = (byte) (b | VISITED);
      }
      if (sure == null && !(firstMaybe != null && n > 0)) {
        return; // neither owed nor delivered within a subscription's reach
      }
      int qos = Math.max(0, Math.min(pubQos, sure != null ? sureQos : maybeQos));
      long[] row = c[qos];
      row[EXPECTED]++;
      String who = t.session != null ? t.session.clientId : t.subs[0].filter;
      if (n > 0) {
        row[DELIVERED]++;
        int extra = n - Math.max(1, allowed);
        if (extra > 0) {
          row[DUPLICATED] += extra;
          if (qos == 2 && (b & FRESH_COPY) != 0) {
            sink.find("message-duplicate", RULE_DUPLICATE, who, sent, message(p, seq) + " delivered once to " + who,
                n + " copies, a later one sent as a new message (DUP 0)");
          }
        }
        return;
      }
      if (qos == 0) {
        row[EXPECTED_LOSS]++;
      } else if (!acked && (flags & (ABANDONED | RELEASED)) != 0) {
        row[(flags & RELEASED) != 0 ? UNKNOWN : EXPECTED_LOSS]++; // its publisher's session is gone
      } else if (!acked) {
        row[(flags & PERSISTENT_PUBLISHER) != 0 ? UNKNOWN : EXPECTED_LOSS]++;
      } else if (t.group()) {
        missingInGroup(t, row, p, seq, sent, ack);
      } else {
        missing(sure, row, p, seq, sent, ack, qos);
      }
    }

    /**
     * A missing owed message of a session: lost when a later message of its stream (same publisher, topic and
     * delivery QoS) arrived first on a connection of the session (the broker skipped it: it sends a stream in order,
     * TCP keeps that order), or when the session's connection is live at the run's end and had the drain window
     * after the message was due on it. Otherwise the session ended first (expected loss) or may still get it
     * (unknown). A message its publisher resent is never judged by a later one: the resend may follow it.
     */
    private void missing(Sub sure, long[] row, Publisher p, int seq, long sent, long ack, int qos) {
      Epoch epoch = sure.epoch;
      long key = stream(p.index, p.topic[seq], qos);
      Conn witness = null;
      if ((p.flags[seq] & RESENT) == 0) {
        for (Conn conn : epoch.conns) {
          if (conn.highest(key) > seq + 1L) {
            witness = conn;
            break;
          }
        }
      }
      Conn live = witness == null ? liveAtEnd(epoch, ack) : null;
      if (witness == null && live == null) {
        row[epoch.offlineAtEnd || epoch.end == Long.MAX_VALUE ? UNKNOWN : EXPECTED_LOSS]++;
        return;
      }
      row[LOST]++;
      String expected = "QoS " + qos + " " + message(p, seq) + ", acknowledged at " + at(ack) + ", delivered to "
          + sure.owner.clientId + " (subscribed '" + sure.filter + "' at QoS " + sure.granted + " from "
          + at(sure.ack) + ")";
      String observed = witness != null
          ? "never arrived, though sequence " + (witness.highest(key) - 1) + " of the same publisher and topic did, on"
              + " the connection live from " + at(witness.connAck) + " to " + at(witness.liveEnd)
          : "never arrived; its connection was live from " + at(live.connAck) + " to the run's end at " + at(now)
              + ", drain " + FindingSink.millis(drain);
      sink.find("message-lost", RULE_LOST, sure.owner.clientId, sent, expected, observed);
    }

    private void missingInGroup(Target t, long[] row, Publisher p, int seq, long sent, long ack) {
      Conn live = null;
      Sub by = null;
      for (Sub sub : t.subs) {
        Epoch epoch = sub.epoch;
        if (epoch.offlineAtEnd) {
          row[UNKNOWN]++;
          return;
        }
        for (Conn conn : epoch.conns) {
          if (conn.liveEnd >= sent && conn.liveEnd < now) {
            row[UNKNOWN]++; // a member left after the publish: the broker SHOULD, not MUST, resend to another
            return;
          }
        }
        if (live == null && sub.granted >= 0 && sub.ack <= sent) {
          live = liveAtEnd(epoch, ack);
          by = sub;
        }
      }
      if (live == null) {
        row[UNKNOWN]++;
        return;
      }
      row[LOST]++;
      sink.find("message-lost", RULE_LOST, t.subs[0].filter, sent,
          message(p, seq) + ", acknowledged at " + at(ack) + ", delivered to one member of '" + t.subs[0].filter
              + "'",
          "never arrived at any member; " + by.owner.clientId + "'s connection was live from " + at(live.connAck)
              + " to " + at(live.liveEnd) + ", drain " + FindingSink.millis(drain));
    }

    /**
     * The connection of {@code epoch} still live at the run's end, if the message taken at {@code ack} was due on it
     * (the later of {@code ack} and its CONNACK) at least the drain window before the end.
     */
    private Conn liveAtEnd(Epoch epoch, long ack) {
      if (epoch.end != Long.MAX_VALUE || epoch.offlineAtEnd || epoch.conns.isEmpty()) {
        return null;
      }
      Conn last = epoch.conns.get(epoch.conns.size() - 1);
      return last.liveEnd >= now && Math.max(ack, last.connAck) <= now - drain ? last : null;
    }
  }

  private String message(Publisher p, int seq) {
    String topic;
    long sent;
    synchronized (p) {
      topic = topics.name(p.topic[seq]);
      sent = p.sent[seq];
    }
    return "message " + p.index + "#" + seq + " of " + p.clientId + " on '" + topic + "' sent at " + at(sent);
  }

  private String at(long nanos) {
    return nanos == Long.MAX_VALUE ? "never" : TimeUnit.NANOSECONDS.toMillis(nanos - runStartNanos) + " ms";
  }

  private static boolean persistent(Attempt attempt) {
    return attempt.version() == MqttVersion.V5 ? attempt.options().sessionExpirySeconds() > 0
        : !attempt.options().cleanSession();
  }

  // ------------------------------------------------------------------------------------------------ state

  /** One publisher's messages, indexed by sequence; guarded by its own monitor. 21 bytes per message. */
  private static final class Publisher {
    final int index;
    int size; // highest sequence seen + 1
    long[] sent = new long[0];
    int[] ackMicros = new int[0]; // 1 + microseconds from send to PUBACK / PUBCOMP; 0 never acknowledged
    int[] planned = new int[0]; // the planned instant's low 32 bits, to tell another run's stamp
    int[] topic = new int[0];
    byte[] flags = new byte[0];
    String clientId = "";
    final Map<Integer, Integer> inflight = new HashMap<>(); // packet id -> sequence, until acknowledged

    Publisher(int index) {
      this.index = index;
    }

    void ensure(int n) {
      if (n > sent.length) {
        int cap = Math.max(n, Math.max(64, sent.length + (sent.length >> 1)));
        sent = Arrays.copyOf(sent, cap);
        ackMicros = Arrays.copyOf(ackMicros, cap);
        planned = Arrays.copyOf(planned, cap);
        topic = Arrays.copyOf(topic, cap);
        flags = Arrays.copyOf(flags, cap);
      }
      size = Math.max(size, n);
    }
  }

  /** One client ID that subscribed: its sessions, connections and the copies it received; own monitor. */
  private static final class Subscriber {
    final String clientId;
    final List<Epoch> epochs = new ArrayList<>(1);
    final List<Conn> conns = new ArrayList<>(2);
    // publisher -> copies by sequence; a primitive map: one lookup per arrival, without boxing the publisher
    final IntObjectHashMap<byte[]> counts = new IntObjectHashMap<>();

    Subscriber(String clientId) {
      this.clientId = clientId;
    }

    Conn conn(Attempt attempt) {
      for (int i = conns.size() - 1; i >= 0; i--) {
        if (conns.get(i).attempt == attempt) {
          return conns.get(i);
        }
      }
      return null;
    }

    List<String> filters() {
      List<String> out = new ArrayList<>();
      epochs.forEach(ep -> ep.subs.forEach(s -> {
        if (!out.contains(s.filter)) {
          out.add(s.filter);
        }
      }));
      return out;
    }

    /** Run end: each connection's live end, each session's end. */
    void settle(long now) {
      List<Conn> sorted = new ArrayList<>(conns);
      sorted.sort(Comparator.comparingLong(k -> k.connAck));
      for (int i = 0; i < sorted.size(); i++) {
        Conn k = sorted.get(i);
        long next = i + 1 < sorted.size() ? sorted.get(i + 1).connAck : Long.MAX_VALUE; // a takeover ends it
        k.liveEnd = Math.min(Math.min(Math.min(k.closed, k.silenced), Math.min(k.disconnected, next)), now);
        k.compact();
      }
      epochs.sort(Comparator.comparingLong(ep -> ep.start));
      for (int i = 0; i < epochs.size(); i++) {
        Epoch ep = epochs.get(i);
        ep.conns.sort(Comparator.comparingLong(k -> k.connAck));
        Conn last = ep.conns.isEmpty() ? null : ep.conns.get(ep.conns.size() - 1);
        boolean closed = last == null || last.closed < Long.MAX_VALUE;
        if (closed && (last == null || !last.persistent)) {
          ep.end = last == null ? ep.start : last.closed; // a clean session ends with its connection
        } else if (i + 1 < epochs.size()) {
          ep.end = epochs.get(i + 1).start; // gone by the CONNACK that said session present 0
        } else {
          ep.end = Long.MAX_VALUE;
        }
        if (i + 1 < epochs.size()) {
          ep.end = Math.min(ep.end, epochs.get(i + 1).start);
        }
        ep.offlineAtEnd = i + 1 == epochs.size() && closed && last != null && last.persistent;
      }
    }
  }

  /** One session of a client ID: from a CONNACK with session present 0 to the next. */
  private static final class Epoch {
    final long start;
    final boolean inherited; // resumed from before the run: may hold subscriptions we did not see
    final List<Conn> conns = new ArrayList<>(2);
    final List<Sub> subs = new ArrayList<>(2);
    long end = Long.MAX_VALUE; // finish: when the session surely ended (MAX: it lives on)
    boolean offlineAtEnd; // finish: persistent, its last connection closed, not resumed by the run's end

    Epoch(long start, boolean inherited) {
      this.start = start;
      this.inherited = inherited;
    }
  }

  /** One accepted connection of a subscriber. */
  private static final class Conn {
    final Attempt attempt;
    final long connAck;
    final Epoch epoch;
    final boolean persistent;
    boolean sinceSubscribe; // its CONNACK came before the ID's first SUBSCRIBE: no arrival on it counts late
    long silenced = Long.MAX_VALUE;
    long disconnected = Long.MAX_VALUE;
    long closed = Long.MAX_VALUE;
    long liveEnd; // finish
    LongObjectHashMap<long[]> order; // per stream: 1 + the highest sequence whose first copy came; compacted at close
    long[] streams; // compacted: sorted stream keys
    long[] highest; // compacted: 1 + the highest sequence per stream

    /** At close (or the run's end): the per-stream state as two primitive arrays. */
    void compact() {
      if (order == null) {
        return;
      }
      long[] keys = order.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
      long[] values = new long[keys.length];
      for (int i = 0; i < keys.length; i++) {
        values[i] = order.get(keys[i])[0];
      }
      streams = keys;
      highest = values;
      order = null;
    }

    /** 1 + the highest sequence of {@code stream} whose first copy arrived on this connection; 0 none. */
    long highest(long stream) {
      if (order != null) {
        long[] h = order.get(stream);
        return h == null ? 0 : h[0];
      }
      if (streams == null) {
        return 0;
      }
      int i = Arrays.binarySearch(streams, stream);
      return i < 0 ? 0 : highest[i];
    }

    Conn(Attempt attempt, long connAck, Epoch epoch, boolean persistent) {
      this.attempt = attempt;
      this.connAck = connAck;
      this.epoch = epoch;
      this.persistent = persistent;
    }
  }

  /** One subscription, from SUBSCRIBE written to UNSUBACK or its session's end. */
  private static final class Sub {
    final Subscriber owner;
    final Conn conn;
    final Epoch epoch;
    final String filter;
    final String group;
    final int requested;
    final int packetId;
    final long sent;
    long ack = Long.MAX_VALUE;
    int granted = -1;
    long unsubSent = Long.MAX_VALUE;
    long unsubAck = Long.MAX_VALUE;
    int unsubPacket = -1;
    Conn unsubConn;
    /**
     * Whether the filter matches a topic, by topic id, for the topics that arrived at the owner: a filter is matched
     * against a topic once, not per arrival. Guarded by the owner's monitor, as every arrival at the owner is.
     */
    private IntObjectHashMap<Boolean> matched;

    boolean matches(int topic, Topics names) {
      if (matched == null) {
        matched = new IntObjectHashMap<>(4);
      }
      Boolean known = matched.get(topic);
      if (known == null) {
        known = TopicFilter.matches(filter, names.name(topic));
        matched.put(topic, known);
      }
      return known;
    }

    Sub(Subscriber owner, Conn conn, String filter, int requested, int packetId, long sent) {
      this.owner = owner;
      this.conn = conn;
      this.epoch = conn.epoch;
      this.filter = filter;
      this.group = TopicFilter.shareGroup(filter);
      this.requested = requested;
      this.packetId = packetId;
      this.sent = sent;
    }
  }

  /** A shared subscription ({@code $share/group/filter}): the copies its members received. */
  private static final class Group {
    final String filter;
    final IntObjectHashMap<byte[]> counts = new IntObjectHashMap<>();

    Group(String filter) {
      this.filter = filter;
    }
  }

  /** What a topic's message is judged against: one session and its matching subscriptions, or one group. */
  private final class Target {
    final Subscriber session; // null: a group
    final Sub[] subs;

    Target(Subscriber session, Sub[] subs) {
      this.session = session;
      this.subs = subs;
    }

    boolean group() {
      return session == null;
    }

    IntObjectHashMap<byte[]> counts() {
      if (session != null) {
        return session.counts;
      }
      Group g = groups.get(subs[0].filter);
      return g == null ? NO_COUNTS : g.counts;
    }
  }

  /**
   * A (publisher, topic, QoS) stream as one key: MQTT orders messages within one ([MQTT-4.6.0-5]). The fields are
   * multiplied by an odd constant (a bijection, so keys stay distinct) to spread Long.hashCode: unmixed, a publisher
   * with a topic of its own (topic id = publisher index) hashed every stream to one bucket.
   */
  private static final IntObjectHashMap<byte[]> NO_COUNTS = new IntObjectHashMap<>(1);

  private static long stream(int publisher, int topicId, int qos) {
    return (((long) publisher << 34) | ((long) topicId << 2) | (qos & 3)) * 0x9E3779B97F4A7C15L;
  }

  /** An accepted CONNACK: its instant and session present. */
  private record Accepted(long nanos, boolean sessionPresent) {}

  private record Stray(String clientId, int publisher, int seq, int planned, long nanos, int qos, String topic) {}

  private record Candidate(String clientId, int publisher, int earlier, int later, long nanos, int qos,
      String topic) {}

  /** Topic names by a dense index, so a message keeps an int, not a string. */
  private static final class Topics {
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final List<String> names = new ArrayList<>(); // guarded by itself

    int id(String topic) {
      Integer id = ids.get(topic);
      if (id != null) {
        return id;
      }
      synchronized (names) {
        return ids.computeIfAbsent(topic, t -> {
          names.add(t);
          return names.size() - 1;
        });
      }
    }

    String name(int id) {
      synchronized (names) {
        return names.get(id);
      }
    }
  }
}
