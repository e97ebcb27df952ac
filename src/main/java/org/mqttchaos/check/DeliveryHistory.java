package org.mqttchaos.check;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.LongObjectHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.TopicFilter;

/**
 * The run's history as {@link DeliveryChecker} records it from the events, and {@link DeliveryJudge} reads it at
 * finish: what each publisher sent ({@link Publisher}), and for each client ID that subscribed its sessions
 * ({@link Epoch}), connections ({@link Conn}), subscriptions ({@link Sub}) and the copies it received; the copies each
 * shared subscription received ({@link Group}); topic names ({@link Topics}); and the small records kept until finish
 * ({@link Accepted}, {@link Stray}, {@link Candidate}). A namespace, never instantiated.
 *
 * <p>Units: every instant is a {@link System#nanoTime()} reading, as events carry it ({@code Long.MAX_VALUE}: not
 * yet, or never); a sequence is a {@link org.mqttchaos.client.MessageStamp} sequence, the index into its publisher's
 * arrays; a topic is its {@link Topics} id.
 *
 * <p>Copies received are counted per (message, session or group) in one byte each, in an {@code IntObjectHashMap}
 * from publisher index to a byte array indexed by sequence ({@link #count}, {@link #copies}): the copies, saturating
 * at {@link #COPIES}, {@link #FRESH_COPY} when a later copy came as a new message (DUP 0), {@link #VISITED} once a
 * judged pair claimed it at finish.
 *
 * <p>Monitors: a {@link Publisher} is guarded by its own; a {@link Subscriber} by its own, which also guards its
 * epochs, connections, subscriptions and counts; a {@link Group} by its own; {@link Topics} by itself. The records
 * are immutable. The checker takes them in the order subscriber, then group, then publisher.
 */
final class DeliveryHistory {
  // per-message flags of a publisher (Publisher.flags; the low two bits are the PUBLISH's QoS)
  static final int QOS_MASK = 3;
  static final int RETAIN = 4;
  static final int SENT = 8;
  static final int RESENT = 16;
  static final int PERSISTENT_PUBLISHER = 32;
  static final int ABANDONED = 64; // given up unacknowledged with its publisher's session: owed by nobody
  static final int RELEASED = 128; // likewise, QoS 2 after PUBREC: the broker may or may not forward it
  // per-pair byte: copies (saturating), a later copy sent as new (DUP 0), judged at finish
  static final int COPIES = 63;
  static final int FRESH_COPY = 64;
  static final int VISITED = 128;

  private DeliveryHistory() {}

  /**
   * A (publisher, topic, QoS) stream as one key: MQTT orders messages within one ([MQTT-4.6.0-5]). The fields are
   * multiplied by an odd constant (a bijection, so keys stay distinct) to spread Long.hashCode: unmixed, a publisher
   * with a topic of its own (topic id = publisher index) hashed every stream to one bucket.
   */
  static long stream(int publisher, int topicId, int qos) {
    return (((long) publisher << 34) | ((long) topicId << 2) | (qos & 3)) * 0x9E3779B97F4A7C15L;
  }

  /** The copies of (publisher, seq) in {@code counts}; 0 none. */
  static int copies(IntObjectHashMap<byte[]> counts, int publisher, int seq) {
    byte[] c = counts.get(publisher);
    return c == null || c.length <= seq ? 0 : c[seq] & COPIES;
  }

  /** Adds a copy of (publisher, seq) to {@code counts}; the copies there before it. */
  static int count(IntObjectHashMap<byte[]> counts, int publisher, int seq, boolean dup) {
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

  /** One publisher's messages, indexed by sequence; guarded by its own monitor. 21 bytes per message. */
  static final class Publisher {
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
  static final class Subscriber {
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

  /** One session of a client ID: from a CONNACK with session present 0 to the next; its subscriber's monitor. */
  static final class Epoch {
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

  /** One accepted connection of a subscriber; guarded by the subscriber's monitor. */
  static final class Conn {
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

  /** One subscription, from SUBSCRIBE written to UNSUBACK or its session's end; guarded by its owner's monitor. */
  static final class Sub {
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

  /** A shared subscription ({@code $share/group/filter}): the copies its members received; own monitor. */
  static final class Group {
    final String filter;
    final IntObjectHashMap<byte[]> counts = new IntObjectHashMap<>();

    Group(String filter) {
      this.filter = filter;
    }
  }

  /** An accepted CONNACK: its instant and session present. */
  record Accepted(long nanos, boolean sessionPresent) {}

  /**
   * A stamped arrival at a client ID that never subscribed ({@code planned}: the stamp's planned instant's low 32
   * bits): at finish, unexpected if this run sent that message, else foreign.
   */
  record Stray(String clientId, int publisher, int seq, int planned, long nanos, int qos, String topic) {}

  /**
   * A first copy of sequence {@code earlier} that arrived on a connection after the first copy of {@code later}, of the
   * same stream: at finish, out of order if both were sent once, in that order.
   */
  record Candidate(String clientId, int publisher, int earlier, int later, long nanos, int qos,
      String topic) {}

  /** Topic names by a dense index, so a message keeps an int, not a string. */
  static final class Topics {
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
