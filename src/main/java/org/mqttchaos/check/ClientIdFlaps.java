package org.mqttchaos.check;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link FlapTracker} knows of one client ID: its connections that are connecting or live, and its
 * flap history. Not thread-safe by itself: the tracker holds this object's monitor around every use, so
 * each client ID is updated atomically and different IDs never wait for each other.
 */
final class ClientIdFlaps {
  /** One connection of this ID not closed yet. Times are System.nanoTime; -1 = not seen. */
  static final class Conn {
    final Object connection;
    long connectSentNanos = -1;
    long connackNanos = -1;
    long supersededAtNanos = -1;
    String role;

    Conn(Object connection) {
      this.connection = connection;
    }

    boolean established() {
      return connackNanos >= 0;
    }

    /** A newer CONNACK for the ID was seen at {@code nanos}; the earliest one counts. */
    void supersede(long nanos) {
      supersededAtNanos = supersededAtNanos < 0 ? nanos : Math.min(supersededAtNanos, nanos);
    }
  }

  // The ID's connections not closed yet. Nearly every ID has one at a time, held inline; only colliding IDs
  // need a list (saves 48 B per client of a unique ID).
  private Conn only;
  private List<Conn> several;
  /** Removed from the tracker's map: nothing more may be recorded here. */
  boolean retired;
  /** Two connections of this ID were connecting or live at once: several clients share it. */
  private boolean shared;
  private History history; // null until the ID's first flap

  /** The connections of this ID not closed yet. */
  List<Conn> conns() {
    return several != null ? several : only != null ? List.of(only) : List.of();
  }

  boolean noConns() {
    return only == null && several == null;
  }

  Conn conn(Object connection) {
    for (Conn c : conns()) {
      if (c.connection == connection) {
        return c;
      }
    }
    Conn c = new Conn(connection);
    if (only == null && several == null) {
      only = c;
    } else if (several == null) {
      several = new ArrayList<>(List.of(only, c));
      only = null;
      shared = true;
    } else {
      several.add(c);
    }
    return c;
  }

  /** A connection of this ID wrote CONNECT at {@code nanos}. */
  void attempted(long nanos) {
    if (history != null && nanos > history.lastAttemptNanos) {
      history.lastAttemptNanos = nanos;
    }
  }

  /**
   * Records a CONNACK. Calls arrive from several event loops, so a CONNACK may be reported after a newer
   * one: supersession is decided by the CONNACK times, in both directions.
   */
  void connected(Object connection, long nanos, String role) {
    Conn x = conn(connection);
    x.connackNanos = nanos;
    x.role = role;
    for (Conn c : conns()) {
      if (c == x || !c.established()) {
        continue;
      }
      if (c.connackNanos < nanos) {
        c.supersede(nanos);
      } else if (c.connackNanos > nanos) {
        x.supersede(c.connackNanos);
      }
    }
  }

  /** Removes and returns the connection's entry, or null when it was never seen. */
  Conn remove(Object connection) {
    if (only != null) {
      Conn c = only.connection == connection ? only : null;
      if (c != null) {
        only = null;
      }
      return c;
    }
    if (several != null) {
      for (int i = 0; i < several.size(); i++) {
        if (several.get(i).connection == connection) {
          Conn c = several.remove(i);
          if (several.size() == 1) {
            only = several.get(0);
            several = null;
          }
          return c;
        }
      }
    }
    return null;
  }

  /**
   * True when a close of {@code closing} (already removed) was caused by another connection with this ID: one whose
   * CONNACK came later, one still waiting for its CONNACK (the broker closes the old connection while it handles the
   * new CONNECT, so the old close is often seen before the new CONNACK), or a live one whose connect
   * {@linkplain #overlaps overlapped} its own. Two such connections were accepted in an order the client cannot see:
   * their CONNACKs reach different event loops, each read when its loop gets to it, so the CONNACK seen later may be
   * the one the broker sent first. The broker's close of one of them while the other stays up says which it accepted
   * first, so that close is the takeover, timed from the later of the two CONNACKs (the benefit of the doubt), and
   * the survivor is no longer taken as superseded by it.
   */
  boolean takenOver(Conn closing) {
    if (closing.supersededAtNanos >= 0) {
      return true;
    }
    for (Conn c : conns()) {
      if (c != closing && !c.established() && c.connectSentNanos >= 0) {
        return true;
      }
    }
    for (Conn survivor : conns()) {
      if (survivor != closing && survivor.established() && closing.established()
          && overlaps(survivor, closing.connectSentNanos, closing.connackNanos)) {
        closing.supersede(Math.max(survivor.connackNanos, closing.connackNanos));
        withdrawSupersession(closing);
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code connection}, whose CONNACK was read at {@code connackNanos}, overlapped another connection of
   * this ID: the other wrote CONNECT before that CONNACK was read, and had not had its own CONNACK before
   * {@code connection} wrote CONNECT. The broker then handled the two in an order the client cannot see. False
   * when the connection's CONNECT time is unknown; a connect refused by its CONNACK overlaps nothing.
   */
  boolean overlapsAnother(Object connection, long connackNanos) {
    Conn x = null;
    for (Conn c : conns()) {
      if (c.connection == connection) {
        x = c;
      }
    }
    if (x == null || x.connectSentNanos < 0) {
      return false;
    }
    for (Conn c : conns()) {
      if (c != x && overlaps(c, x.connectSentNanos, connackNanos)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code c} wrote CONNECT before another connection's CONNACK was read ({@code connackNanos}) and had not
   * had its own CONNACK before that one wrote CONNECT ({@code connectSentNanos}): the broker may have accepted either
   * first. False when either CONNECT time is unknown (a connect refused by its CONNACK has none).
   */
  private static boolean overlaps(Conn c, long connectSentNanos, long connackNanos) {
    return c.connectSentNanos >= 0 && connectSentNanos >= 0 && c.connectSentNanos < connackNanos
        && (!c.established() || c.connackNanos > connectSentNanos);
  }

  /** {@code gone} was accepted before the connections it seemed to supersede: they are superseded by the rest only. */
  private void withdrawSupersession(Conn gone) {
    for (Conn c : conns()) {
      if (c.supersededAtNanos >= 0 && c.supersededAtNanos == gone.connackNanos) {
        c.supersededAtNanos = -1;
        for (Conn d : conns()) {
          if (d != c && d.established() && d.connackNanos > c.connackNanos) {
            c.supersede(d.connackNanos);
          }
        }
      }
    }
  }

  /** Flaps of this ID so far. */
  long flaps() {
    return history == null ? 0 : history.flaps;
  }

  /** Records a flap; returns the interval from the previous flap of this ID, or -1 for its first. */
  long flap(long nanos) {
    if (history == null) {
      history = new History();
    }
    return history.flap(nanos);
  }

  /**
   * A connection of this ID that was accepted at {@code connackNanos} was up until {@code untilNanos} (its close,
   * or the run's end): the ID has calmed if that span after its last flap lasted {@code quietNanos} and, when
   * several clients share the ID, another of them tried to connect during it (see {@link FlapTracker}).
   */
  void up(Conn conn, long untilNanos, long quietNanos) {
    if (history != null && conn != null && conn.established()) {
      history.up(conn.connackNanos, untilNanos, quietNanos, shared);
    }
  }

  /** Time to calm as {@link FlapTracker} defines it; -1 when the ID never calmed (or never flapped). */
  long timeToCalm() {
    return history == null ? -1 : history.timeToCalm();
  }

  /** The flaps of an ID that flapped; made at its first flap, so an ID that never flaps costs nothing here. */
  private static final class History {
    long flaps;
    long firstFlapNanos = -1;
    long lastFlapNanos = -1;
    long lastAttemptNanos = -1; // the latest CONNECT written by a connection of the ID since its first flap
    boolean quietAfterLastFlap; // a connection of the ID stayed up the quiet period after its last flap

    long flap(long nanos) {
      long interval = lastFlapNanos < 0 ? -1 : nanos - lastFlapNanos;
      if (flaps == 0 || nanos < firstFlapNanos) {
        firstFlapNanos = nanos;
      }
      flaps++;
      if (nanos > lastFlapNanos) {
        // Told from several event loops, a flap may arrive after a later one: only the latest ends a quiet span.
        lastFlapNanos = nanos;
        quietAfterLastFlap = false;
      }
      return interval;
    }

    void up(long connackNanos, long untilNanos, long quietNanos, boolean shared) {
      long from = Math.max(connackNanos, lastFlapNanos);
      // While this connection was up, any CONNECT of the ID came from another client sharing it.
      boolean contested = !shared || lastAttemptNanos > from;
      if (untilNanos - from >= quietNanos && contested) {
        quietAfterLastFlap = true;
      }
    }

    long timeToCalm() {
      return quietAfterLastFlap ? lastFlapNanos - firstFlapNanos : -1;
    }
  }
}
