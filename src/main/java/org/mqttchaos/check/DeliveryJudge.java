package org.mqttchaos.check;

import static org.mqttchaos.check.DeliveryHistory.ABANDONED;
import static org.mqttchaos.check.DeliveryHistory.COPIES;
import static org.mqttchaos.check.DeliveryHistory.FRESH_COPY;
import static org.mqttchaos.check.DeliveryHistory.PERSISTENT_PUBLISHER;
import static org.mqttchaos.check.DeliveryHistory.QOS_MASK;
import static org.mqttchaos.check.DeliveryHistory.RELEASED;
import static org.mqttchaos.check.DeliveryHistory.RESENT;
import static org.mqttchaos.check.DeliveryHistory.SENT;
import static org.mqttchaos.check.DeliveryHistory.VISITED;
import static org.mqttchaos.check.DeliveryHistory.stream;
import static org.mqttchaos.check.DeliveryChecker.RULE_DUPLICATE;
import static org.mqttchaos.check.DeliveryChecker.RULE_LOST;
import static org.mqttchaos.check.DeliveryChecker.RULE_UNEXPECTED;

import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.mqttchaos.check.DeliveryHistory.Conn;
import org.mqttchaos.check.DeliveryHistory.Epoch;
import org.mqttchaos.check.DeliveryHistory.Group;
import org.mqttchaos.check.DeliveryHistory.Publisher;
import org.mqttchaos.check.DeliveryHistory.Sub;
import org.mqttchaos.check.DeliveryHistory.Subscriber;
import org.mqttchaos.check.DeliveryHistory.Topics;
import org.mqttchaos.client.TopicFilter;
import org.mqttchaos.summary.MessageOutcomes;

/**
 * The finish-time judgement of {@link DeliveryChecker}, by the rules its docstring gives: for each sent message and
 * each session or shared group a subscription matching its topic ({@link Target}, from {@link #targetsOf}) one
 * outcome ({@link #pair}), then the arrivals no pair claimed ({@link #unvisited}). Outcomes are added to {@code c},
 * rows by delivery QoS 0 to 2, columns {@link MessageOutcomes#FIELDS} (the indexes below); violations go to the
 * checker's {@link FindingSink}, with instants in milliseconds since the run's start ({@link #at}). Arrivals of
 * messages this run did not send are added to the checker's {@code foreign} count.
 *
 * <p>One judge per {@link DeliveryChecker#finish} call, used under the checker's monitor after the events, once each
 * subscriber is settled ({@code Subscriber.settle}). {@link #pair} runs under the publisher's monitor, which the
 * caller holds, and reads the subscriptions, sessions, connections and counts of its target (marking counts
 * {@code VISITED}) without their subscriber's or group's monitor: the events are over and each subscriber was settled
 * under its own. The other helpers take the publisher's monitor themselves; {@link #unvisited} runs under the monitor
 * of the subscriber or group whose counts it reads, which the caller holds.
 */
final class DeliveryJudge {
  // MessageOutcomes.FIELDS indexes
  static final int PUBLISHED = 0;
  static final int EXPECTED = 1;
  static final int DELIVERED = 2;
  static final int LOST = 3;
  static final int DUPLICATED = 4;
  static final int OUT_OF_ORDER = 5;
  static final int UNKNOWN = 6;
  static final int EXPECTED_LOSS = 7;
  static final int LATE = 8;
  static final int UNEXPECTED = 9;

  private final long[][] c;
  private final long now;
  private final long drain;
  private final FindingSink sink;
  private final Topics topics;
  private final long runStartNanos;
  private final Map<Integer, Publisher> publishers;
  private final Map<String, Group> groups;
  private final LongAdder foreign;

  /**
   * A judge adding to {@code c} ({@code [3][MessageOutcomes.FIELDS.length]}) for a run ending at {@code now} with the
   * drain window {@code drain} (nanoseconds); the other arguments are the checker's own.
   */
  DeliveryJudge(long[][] c, long now, long drain, FindingSink sink, Topics topics, long runStartNanos,
      Map<Integer, Publisher> publishers, Map<String, Group> groups, LongAdder foreign) {
    this.c = c;
    this.now = now;
    this.drain = drain;
    this.sink = sink;
    this.topics = topics;
    this.runStartNanos = runStartNanos;
    this.publishers = publishers;
    this.groups = groups;
    this.foreign = foreign;
  }

  /** Judges one (message, session or group) pair: message {@code seq} of {@code p} against {@code t}. */
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
    byte[] copies = t.counts(groups).get(p.index);
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

  /** Arrivals no judged pair claimed: this run's messages are unexpected, others foreign. */
  void unvisited(String who, Map<Integer, byte[]> counts, List<String> filters) {
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

  /** How a finding names a message: publisher index, sequence, client ID, topic and send instant. */
  String message(Publisher p, int seq) {
    String topic;
    long sent;
    synchronized (p) {
      topic = topics.name(p.topic[seq]);
      sent = p.sent[seq];
    }
    return "message " + p.index + "#" + seq + " of " + p.clientId + " on '" + topic + "' sent at " + at(sent);
  }

  /** {@code nanos} as milliseconds since the run's start; "never" for {@code Long.MAX_VALUE}. */
  String at(long nanos) {
    return nanos == Long.MAX_VALUE ? "never" : TimeUnit.NANOSECONDS.toMillis(nanos - runStartNanos) + " ms";
  }

  /** The sessions and groups with a subscription matching {@code topic}, each with those subscriptions. */
  static Target[] targetsOf(String topic, List<Sub> allSubs) {
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

  /** Whether {@code p} sent {@code seq} (with the planned instant's low bits {@code planned}, unless null). */
  static boolean sentAs(Publisher p, int seq, Integer planned) {
    synchronized (p) {
      return seq < p.size && (p.flags[seq] & SENT) != 0 && (planned == null || p.planned[seq] == planned);
    }
  }

  /** Whether {@code earlier} and {@code later} were each sent once, at one QoS, in that order. */
  static boolean inOrderBeforeOnce(Publisher p, int earlier, int later) {
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

  /** What a topic's message is judged against: one session and its matching subscriptions, or one group. */
  static final class Target {
    private static final IntObjectHashMap<byte[]> NO_COUNTS = new IntObjectHashMap<>(1);

    final Subscriber session; // null: a group
    final Sub[] subs;

    Target(Subscriber session, Sub[] subs) {
      this.session = session;
      this.subs = subs;
    }

    boolean group() {
      return session == null;
    }

    /** The copies this target received, from {@code groups} (the checker's, by filter) for a group. */
    IntObjectHashMap<byte[]> counts(Map<String, Group> groups) {
      if (session != null) {
        return session.counts;
      }
      Group g = groups.get(subs[0].filter);
      return g == null ? NO_COUNTS : g.counts;
    }
  }
}
