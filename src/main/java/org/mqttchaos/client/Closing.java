package org.mqttchaos.client;

import io.netty.channel.Channel;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.TcpConnectFailed;

/**
 * How the current attempt of one connection ends, as hivemq-mqtt-client's disconnect handler owns it: the one
 * {@link CloseCause} (the first one decided wins; a close we did not start is the broker's), the state the close
 * began in, the reason of a DISCONNECT the broker sent, and the single end of every attempt ({@link #finish}): one
 * {@link Closed} event, then whoever waits is told. Reused across attempts; on the connection's event loop only.
 * Nothing is allocated for an attempt nobody waits on (an idle client holds no future).
 */
final class Closing {
  private final MqttConnection connection;
  private CompletableFuture<Closed> waiting; // made when asked for, completed and dropped at the close
  private Closed last; // the ended attempt's event, until the next attempt starts
  private CloseCause cause; // null until a close starts
  private String detail;
  private ConnectionState from;
  private ConnectFailure failure; // why an attempt never established failed; the first one known wins
  private int disconnectReason = -1;

  Closing(MqttConnection connection) {
    this.connection = connection;
  }

  /** A new attempt (a future asked for before the first one waits on to the first one's close). */
  void reset() {
    last = null;
    cause = null;
    detail = null;
    from = null;
    failure = null;
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
    if (why.byClient() && !state.established()) {
      failed(ConnectFailure.CLIENT_ABORTED);
    }
  }

  /** Why the attempt fails before an accepting CONNACK, once known; an earlier reason stands. */
  void failed(ConnectFailure why) {
    if (failure == null) {
      failure = why;
    }
  }

  /**
   * Ends an attempt whose transport never came up (TCP, or a TLS or WebSocket stage of the dial): TcpConnectFailed,
   * then Closed at once.
   */
  void failTcp(long now, ConnectFailure why, String words) {
    failed(why);
    connection.emit(new TcpConnectFailed(now, connection.attempt(), words));
    Channel channel = connection.channel();
    tcpFailed(words);
    finish(now);
    // Closed only now: closing a channel still dialing fails its connect at once, on this thread, and the dial's
    // listener must find the attempt ended (else it ended it again, and the second end threw from the timer that
    // called this, which stopped every timer of the loop). A channel whose socket could not be created (EMFILE)
    // was never registered: nothing to close, and closing it throws.
    if (channel != null && channel.isRegistered()) {
      channel.close();
    }
  }

  /** Starts closing for {@code why} (the first cause decided wins): CLOSING, no more pings, channel closed. */
  void begin(CloseCause why, String words) {
    begin(why, null, words);
  }

  /** As {@link #begin(CloseCause, String)}, for an attempt that fails before CONNACK for {@code failure}. */
  void begin(CloseCause why, ConnectFailure failure, String words) {
    if (connection.state() == ConnectionState.TCP_CONNECTING) {
      // The transport is not ready yet (a TLS or WebSocket layer failed): the dial's own failure ends the attempt,
      // with the transport's reason; closing the channel is all there is to do.
      connection.channel().close();
      return;
    }
    if (failure != null && !connection.state().established()) {
      failed(failure);
    }
    decide(why, words, connection.state());
    if (connection.state() != ConnectionState.CLOSING) {
      connection.moveTo(ConnectionState.CLOSING);
    }
    connection.keepAlive().stop();
    connection.handshake().fail(connectFailure(words));
    connection.channel().close();
  }

  /** The channel closed; before TCP was up the dial's own failure ends the attempt instead. */
  void channelClosed(Channel ch) {
    ConnectionState state = connection.state();
    if (ch != connection.channel() || state == ConnectionState.DISCONNECTED
        || state == ConnectionState.TCP_CONNECTING) {
      return;
    }
    if (state != ConnectionState.CLOSING) {
      byPeer(state);
    }
    finish(System.nanoTime());
  }

  /** The single end of every attempt: one Closed event, then waiting futures told, state DISCONNECTED. */
  private void finish(long now) {
    connection.handshake().cancelTimer();
    connection.keepAlive().stop();
    connection.moveTo(ConnectionState.DISCONNECTED);
    connection.dropChannel();
    Closed closed = event(now, connection.attempt(), connection.handshake().connectedAtNanos());
    connection.flows().attemptEnded(now, closed.established(), cause); // a clean session's messages: abandoned
    connection.emit(closed);
    connection.handshake().fail(connectFailure(detail != null ? detail : "closed: " + cause));
    connection.flows().failGivenUp();
    ended(closed);
    if (connection.closeHook() != null) {
      connection.closeHook().accept(closed);
    }
  }

  /** The channel closed without our asking, in {@code state}: before CONNACK a failed connect, else the broker's. */
  private void byPeer(ConnectionState state) {
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
  private void tcpFailed(String words) {
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
  private Closed event(long now, Attempt attempt, long connectedAtNanos) {
    boolean established = from.established();
    return new Closed(now, attempt, cause, detail, from, established ? now - connectedAtNanos : 0,
        disconnectReason < 0 ? OptionalInt.empty() : OptionalInt.of(disconnectReason),
        established ? null : failure());
  }

  /** Why the attempt failed: the reason stated, else what its cause and state say. */
  private ConnectFailure failure() {
    if (failure != null) {
      return failure;
    }
    if (cause == CloseCause.PROTOCOL_ERROR) {
      return ConnectFailure.PROTOCOL_ERROR;
    }
    if (cause == CloseCause.ERROR) {
      return ConnectFailure.ERROR;
    }
    return from == ConnectionState.TCP_CONNECTING ? ConnectFailure.TCP_ERROR : ConnectFailure.CLOSED_BEFORE_CONNACK;
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
  private void ended(Closed closed) {
    last = closed;
    if (waiting != null) {
      CompletableFuture<Closed> w = waiting;
      waiting = null;
      w.complete(closed);
    }
  }
}
