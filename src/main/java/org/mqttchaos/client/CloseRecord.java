package org.mqttchaos.client;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.mqttchaos.client.ConnectionEvent.Closed;

/**
 * How the current attempt of one connection ends: its one {@link CloseCause} (the first one decided wins; a close
 * we did not start is the broker's), the state it began in, the reason of a DISCONNECT the broker sent, and the
 * attempt's {@link Closed} event for whoever waits for it. Reused across attempts; on the connection's event loop
 * only. Nothing is allocated for an attempt nobody waits on (an idle client holds no future).
 */
final class CloseRecord {
  private CompletableFuture<Closed> waiting; // made when asked for, completed and dropped at the close
  private Closed last; // the ended attempt's event, until the next attempt starts
  private CloseCause cause; // null until a close starts
  private String detail;
  private ConnectionState from;
  private int disconnectReason = -1;

  /** A new attempt (a future asked for before the first one waits on to the first one's close). */
  void reset() {
    last = null;
    cause = null;
    detail = null;
    from = null;
    disconnectReason = -1;
  }

  /** A close begins in {@code state} for {@code why}; an earlier decision stands. */
  void decide(CloseCause why, String words, ConnectionState state) {
    if (cause == null) {
      cause = why;
      detail = words;
    }
    if (from == null) {
      from = state;
    }
  }

  /** The channel closed without our asking, in {@code state}: before CONNACK a failed connect, else the broker's. */
  void byPeer(ConnectionState state) {
    from = state;
    if (state == ConnectionState.MQTT_CONNECTING) {
      cause = CloseCause.CONNECT_FAILED;
      detail = "connection closed by the broker before CONNACK";
    } else {
      cause = CloseCause.BY_BROKER; // CONNECTED or SILENT: the peer ended it
      detail = "closed by the broker";
    }
  }

  /** TCP never came up: a failed connect, unless the client aborted it (the abort's cause stands). */
  void tcpFailed(String words) {
    decide(CloseCause.CONNECT_FAILED, words, ConnectionState.TCP_CONNECTING);
    detail = words;
  }

  void disconnectReceived(int reasonCode) {
    disconnectReason = reasonCode;
  }

  /** Why the attempt got no accepting CONNACK, for its {@link ConnectResult}. */
  String connectFailure(String words) {
    if (cause != null && cause.byClient()) {
      return "closed by the client (" + cause + ") before CONNACK";
    }
    return words != null ? words : "connection closed before CONNACK";
  }

  /** The attempt's one Closed event, at {@code now}; {@code connectedAtNanos} is its accepting CONNACK's time. */
  Closed event(long now, Attempt attempt, long connectedAtNanos) {
    return new Closed(now, attempt, cause, detail, from, from.established() ? now - connectedAtNanos : 0,
        disconnectReason < 0 ? OptionalInt.empty() : OptionalInt.of(disconnectReason));
  }

  CloseCause cause() {
    return cause;
  }

  String detail() {
    return detail;
  }

  /** Completes with the current attempt's Closed event, or already has the last one's while none started since. */
  CompletableFuture<Closed> future() {
    if (last != null) {
      return CompletableFuture.completedFuture(last);
    }
    if (waiting == null) {
      waiting = new CompletableFuture<>();
    }
    return waiting;
  }

  /** The attempt ended with {@code closed}: whoever waits is told. */
  void ended(Closed closed) {
    last = closed;
    if (waiting != null) {
      CompletableFuture<Closed> w = waiting;
      waiting = null;
      w.complete(closed);
    }
  }
}
