package org.mqttchaos.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.mqtt.MqttMessage;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.DisconnectSent;
import org.mqttchaos.client.ConnectionEvent.PingReqSent;
import org.mqttchaos.client.ConnectionEvent.Silenced;
import org.mqttchaos.client.ConnectionEvent.TcpConnectStarted;
import org.mqttchaos.client.ConnectionEvent.Unexpected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT connection of one virtual user: connects, publishes, subscribes and ends on purpose (graceful, abrupt
 * FIN/RST, silent), and reports every packet and close as a {@link ConnectionEvent}. Keep-alive is
 * {@link KeepAlive}'s, the acknowledgement flows are {@link QosFlows}'; this class connects and closes.
 *
 * <p>State machine: the states, their edges and the diagram are {@link ConnectionState}'s; every transition goes
 * through {@link #moveTo}, which refuses an edge the table lacks. Each connect attempt runs it once and ends with
 * exactly one {@link Closed} event.
 * A packet or call a state does not expect goes to {@link #unexpected}, which records it as an
 * {@link Unexpected} event and otherwise ignores it.
 *
 * <p>Thread rule: a connection is bound to one event loop for its whole life, across reconnects. Call its
 * methods on that loop; a call from another thread hops onto it first. Futures and listener calls complete
 * on that loop, so continuations must not block. Getters read plain fields: exact on the loop, a recent
 * value elsewhere.
 */
public final class MqttConnection {
  private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
  private static final ConnectOptions NO_OPTIONS = new ConnectOptions("", true, 0, null, null, null, 0);

  private final EventLoop loop;
  private final Dialer dialer;
  private final ConnectionListener listener;
  private final ConnectionHandler handler = new ConnectionHandler(this);
  private final KeepAlive keepAlive;
  private final QosFlows flows;
  private final ConnectHandshake handshake;
  private final Closing close = new Closing(this);
  private final int resumptionKey;

  private volatile ConnectionState state = ConnectionState.DISCONNECTED;
  private Attempt attempt;
  private Channel channel;
  private long lastSentNanos;
  private Consumer<Closed> closeHook;

  MqttConnection(EventLoop loop, Dialer dialer, MqttVersion version, ConnectionListener listener) {
    this(loop, dialer, version, listener, 0, "");
  }

  /**
   * @param index run-wide index of this connection, named by every {@link Attempt}
   * @param label what the connection is for (a chaos role, "observer"), named by every {@link Attempt}
   */
  MqttConnection(EventLoop loop, Dialer dialer, MqttVersion version, ConnectionListener listener, int index,
      String label) {
    this(loop, dialer, version, listener, index, label, -1);
  }

  /**
   * @param resumptionKey the key under which this connection's transport keeps the TLS session its reconnects
   *                      resume, the same across its attempts and no other connection's; -1: none
   */
  MqttConnection(EventLoop loop, Dialer dialer, MqttVersion version, ConnectionListener listener, int index,
      String label, int resumptionKey) {
    this.resumptionKey = resumptionKey;
    this.loop = Objects.requireNonNull(loop, "loop");
    this.dialer = Objects.requireNonNull(dialer, "dialer");
    this.listener = listener == null ? ConnectionListener.NONE : listener;
    this.attempt = new Attempt(index, -1, Objects.requireNonNull(version, "version"), NO_OPTIONS,
        label == null ? "" : label);
    this.keepAlive = new KeepAlive(loop, this);
    this.flows = new QosFlows(this);
    this.handshake = new ConnectHandshake(this);
  }

  // ---------------------------------------------------------------- public API

  /**
   * Starts a connect attempt; only from DISCONNECTED (otherwise completes at once, not connected). Completes
   * on CONNACK, or not connected with the reason: TCP failure, refused CONNACK (the code is in the result),
   * or no CONNACK within the connect timeout, which bounds the whole attempt from its start.
   */
  public CompletableFuture<ConnectResult> connect(ConnectOptions options) {
    if (!loop.inEventLoop()) {
      return onLoop(() -> connect(options));
    }
    Objects.requireNonNull(options, "options");
    if (state != ConnectionState.DISCONNECTED) {
      unexpected(System.nanoTime(), "connect()", "connect() call");
      return CompletableFuture.completedFuture(
          handshake.failed("connect() called while " + state + "; only a DISCONNECTED connection may connect"));
    }
    CompletableFuture<ConnectResult> result = startAttempt(options);
    Attempt current = attempt;
    ChannelFuture dialed;
    try {
      dialed = dialer.dial(loop, handler, attempt.clientId(), resumptionKey);
    } catch (RuntimeException e) {
      close.failTcp(System.nanoTime(), Failures.tcpFailure(e), "TCP connect to " + dialer.target() + " failed: "
          + Failures.reason(e));
      return result;
    }
    channel = dialed.channel();
    dialed.addListener(f -> handshake.onDialed(current, (ChannelFuture) f));
    return result;
  }

  /** Subscribes; completes with SUBACK's granted QoS, or its failure code (0x80 or an MQTT 5 reason >= 0x80). */
  public CompletableFuture<Integer> subscribe(String topicFilter, int qos) {
    return loop.inEventLoop() ? flows.subscribe(topicFilter, qos) : onLoop(() -> subscribe(topicFilter, qos));
  }

  /**
   * Unsubscribes from one topic filter; completes with UNSUBACK's reason code (MQTT 5: 0 success, 0x11 no
   * subscription existed, &gt;= 0x80 failure; 3.1.1's UNSUBACK has none: 0). Fails when not CONNECTED or when the
   * attempt closes before UNSUBACK.
   */
  public CompletableFuture<Integer> unsubscribe(String topicFilter) {
    return loop.inEventLoop() ? flows.unsubscribe(topicFilter) : onLoop(() -> unsubscribe(topicFilter));
  }

  /**
   * Publishes; only while CONNECTED (otherwise fails at once). QoS 0 completes when written, QoS 1 on PUBACK, QoS 2
   * on PUBCOMP. A QoS 1/2 message beyond the in-flight window (MQTT 5 Receive Maximum from CONNACK; 100 for 3.1.1)
   * waits in a queue of at most 1,000 and goes out as acknowledgements free the window; when the queue is full the
   * future fails at once ("publish queue full: ...").
   *
   * <p>With a persistent session (3.1.1 clean session = 0, MQTT 5 Session Expiry Interval &gt; 0) an unacknowledged
   * message outlives the connection: its future stays pending across the close and completes on the PUBACK /
   * PUBCOMP that follows the resumption (session present = 1, the PUBLISH resent with DUP set or the PUBREL
   * resent). It fails with {@link MessageAbandonedException} when the session turns out lost (a reconnect's CONNACK
   * says session present = 0), when the connection of a clean session closes, or on {@link #abandonSession}. A
   * caller that will not reconnect must call {@link #abandonSession} or stop waiting.
   */
  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
    return loop.inEventLoop() ? flows.publish(topic, payload, qos, retain)
        : onLoop(() -> publish(topic, payload, qos, retain));
  }

  /**
   * Ends the client side of a persistent session that will not be resumed, while DISCONNECTED (otherwise fails at
   * once): every unacknowledged QoS 1/2 message is abandoned (a MessageAbandoned event each, futures failed with
   * {@link MessageAbandonedException} naming {@code reason}), every queued one fails unsent. Completes when done.
   */
  public CompletableFuture<Void> abandonSession(String reason) {
    if (!loop.inEventLoop()) {
      return onLoop(() -> abandonSession(reason));
    }
    if (state != ConnectionState.DISCONNECTED) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          "abandonSession() needs a DISCONNECTED connection, state is " + state));
    }
    flows.abandonSession(reason);
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Withdraws every QoS 1/2 message still waiting for the in-flight window, in any state: each is not sent (a
   * {@link ConnectionEvent.PublishNotSent} event each, cause WITHDRAWN, with {@code reason}) and its future fails
   * with {@code reason}; the messages already written are untouched. Completes with how many were withdrawn.
   */
  public CompletableFuture<Integer> withdrawQueued(String reason) {
    if (!loop.inEventLoop()) {
      return onLoop(() -> withdrawQueued(reason));
    }
    return CompletableFuture.completedFuture(flows.withdrawQueued(reason));
  }

  /**
   * Graceful close: DISCONNECT written and flushed, then TCP closed. Completes with the attempt's Closed event
   * (null when there never was an attempt); fails when the attempt is still connecting.
   */
  public CompletableFuture<Closed> disconnect() {
    return disconnect(false);
  }

  /**
   * Graceful close that asks for the will (MQTT 5): DISCONNECT with reason code 0x04 (Disconnect with Will Message),
   * then TCP closed; the broker must publish the will, after its Will Delay Interval if it has one. Completes as
   * {@link #disconnect()}; fails at once on an MQTT 3.1.1 connection, which has no DISCONNECT reason codes.
   */
  public CompletableFuture<Closed> disconnectWithWill() {
    if (attempt.version() != MqttVersion.V5) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          "DISCONNECT with reason 0x04 (Disconnect with Will Message) needs MQTT 5; this connection speaks "
              + attempt.version().label()));
    }
    return disconnect(true);
  }

  private CompletableFuture<Closed> disconnect(boolean withWill) {
    if (!loop.inEventLoop()) {
      return onLoop(() -> disconnect(withWill));
    }
    if (state == ConnectionState.DISCONNECTED || state == ConnectionState.CLOSING) {
      return closedOrNone();
    }
    if (!state.established()) {
      unexpected(System.nanoTime(), "disconnect()", "disconnect() call");
      return CompletableFuture.failedFuture(new IllegalStateException(
          "disconnect() while " + state + ": no MQTT session to end yet; use closeAbruptly() to abort"));
    }
    Channel ch = channel;
    close.decide(withWill ? CloseCause.GRACEFUL_WITH_WILL_BY_CLIENT : CloseCause.GRACEFUL_BY_CLIENT, null, state);
    moveTo(ConnectionState.CLOSING);
    keepAlive.stop();
    keepAlive.written();
    ch.writeAndFlush(withWill ? MqttPackets.disconnect(0x04) : MqttPackets.disconnect()).addListener(f -> {
      if (f.isSuccess()) {
        lastSentNanos = System.nanoTime();
        emit(new DisconnectSent(lastSentNanos, attempt));
      }
      ch.close();
    });
    return close.future();
  }

  /**
   * Ends TCP without DISCONNECT, so the broker must publish the will: FIN, or RST via SO_LINGER 0. Completes with
   * the attempt's Closed event (null when there never was an attempt).
   */
  public CompletableFuture<Closed> closeAbruptly(AbruptMode mode) {
    if (!loop.inEventLoop()) {
      return onLoop(() -> closeAbruptly(mode));
    }
    if (state == ConnectionState.DISCONNECTED || state == ConnectionState.CLOSING) {
      return closedOrNone();
    }
    CloseCause cause = mode == AbruptMode.RST ? CloseCause.ABRUPT_RST_BY_CLIENT : CloseCause.ABRUPT_FIN_BY_CLIENT;
    if (state == ConnectionState.TCP_CONNECTING) {
      close.decide(cause, null, state);
      close.failTcp(System.nanoTime(), ConnectFailure.CLIENT_ABORTED, "TCP connect to " + dialer.target()
          + " aborted by the client");
    } else {
      if (mode == AbruptMode.RST) {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
      }
      close.begin(cause, null);
    }
    return close.future();
  }

  /** Stops writing anything, PINGREQ and acknowledgements included, and keeps TCP open: the broker must cut it. */
  public void goSilent() {
    if (!loop.inEventLoop()) {
      loop.execute(this::goSilent);
      return;
    }
    if (state == ConnectionState.CONNECTED) {
      moveTo(ConnectionState.SILENT);
      keepAlive.stop();
      emit(new Silenced(System.nanoTime(), attempt, lastSentNanos));
    } else if (state != ConnectionState.SILENT) {
      unexpected(System.nanoTime(), "goSilent()", "goSilent() call");
    }
  }

  /** The current or last attempt's Closed event; completed with null when there never was an attempt. */
  private CompletableFuture<Closed> closedOrNone() {
    return attempt.number() < 0 ? CompletableFuture.completedFuture(null) : close.future();
  }

  /**
   * Calls {@code hook} with every attempt's Closed event, after the listener saw it: one field instead of a future
   * per attempt for an owner that follows every close (a reconnect loop). Replaces an earlier hook; null removes it.
   */
  public void onEveryClose(Consumer<Closed> hook) {
    closeHook = hook;
  }

  /** Completes with the Closed event of the current attempt (before the first connect: of the first attempt). */
  public CompletableFuture<Closed> closed() {
    if (!loop.inEventLoop()) {
      return onLoop(this::closed);
    }
    return close.future();
  }

  public ConnectionState state() {
    return state;
  }

  /** The current (or last) attempt; number -1 and an empty client ID before the first connect. */
  public Attempt attempt() {
    return attempt;
  }

  /**
   * What the current (or last) attempt's accepting CONNACK put in force: Server Keep Alive, Receive Maximum (the
   * in-flight window a publisher must respect), Maximum QoS, Maximum Packet Size...; null before one was read.
   */
  public ConnAckValues connAck() {
    return attempt.connAck();
  }

  /** The client ID of the current (or last) attempt (the broker's assigned one, if any); empty before the first. */
  String clientId() {
    return attempt.clientId();
  }

  public EventLoop eventLoop() {
    return loop;
  }

  // ---------------------------------------------------------------- attempt life

  /** The one way the state changes: refused (a harness bug) when the table in ConnectionState lacks the edge. */
  void moveTo(ConnectionState next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("no transition " + state + " -> " + next + " in ConnectionState's table");
    }
    state = next;
  }

  private CompletableFuture<ConnectResult> startAttempt(ConnectOptions options) {
    attempt = new Attempt(attempt.connection(), attempt.number() + 1, attempt.version(), options, attempt.label());
    close.reset();
    channel = null;
    lastSentNanos = 0;
    keepAlive.interval(options.keepAliveSeconds());
    moveTo(ConnectionState.TCP_CONNECTING);
    long now = System.nanoTime();
    CompletableFuture<ConnectResult> result = handshake.begin(attempt, now);
    emit(new TcpConnectStarted(now, attempt));
    return result;
  }

  // ---------------------------------------------------------------- inbound

  /** True when {@code ch} is this attempt's channel (a previous attempt's may still be draining). */
  boolean current(Channel ch) {
    return ch == channel;
  }

  QosFlows flows() {
    return flows;
  }

  ConnectHandshake handshake() {
    return handshake;
  }

  KeepAlive keepAlive() {
    return keepAlive;
  }

  /** The broker as failure messages name it. */
  String target() {
    return dialer.target();
  }

  /** How long a connect attempt may take, from its socket connect to CONNACK (the transport's setting). */
  Duration connectTimeout() {
    return dialer.connectTimeout();
  }

  /** How the current attempt ends. */
  /** When this attempt last wrote a packet, {@link System#nanoTime()}; 0 before its first. */
  long lastSentNanos() {
    return lastSentNanos;
  }

  Closing closing() {
    return close;
  }

  Channel channel() {
    return channel;
  }

  /** The attempt ended: its channel is no longer the connection's. */
  void dropChannel() {
    channel = null;
  }

  Consumer<Closed> closeHook() {
    return closeHook;
  }

  // ---------------------------------------------------------------- outbound

  /**
   * What to do once a packet is written, given the instant (System.nanoTime) its write was issued: the earliest the
   * broker can have read it. Not the instant the write completed: on a loaded machine the thread can be descheduled
   * between the socket write and the clock read, and another connection's event (a PUBACK, a delivery) would then
   * seem to precede a SUBSCRIBE or PUBLISH the broker had already acted on, which the delivery checker would judge.
   */
  @FunctionalInterface
  interface Written {
    void at(long nanos);
  }

  /**
   * Writes one packet. On completion: lastSentNanos, then {@code written} (if any), then {@code doneOnWrite}.
   * A failed write fails {@code doneOnWrite} or the future waiting under {@code packetId}.
   */
  void write(MqttMessage packet, Written written, int packetId, CompletableFuture<Void> doneOnWrite) {
    keepAlive.written();
    long issued = System.nanoTime();
    channel.writeAndFlush(packet).addListener(f -> {
      if (f.isSuccess()) {
        lastSentNanos = issued; // the same instant as the packet's event, so checks compare like with like
        if (written != null) {
          written.at(issued);
        }
        if (doneOnWrite != null) {
          doneOnWrite.complete(null);
        }
        return;
      }
      Throwable cause = f.cause();
      if (packetId > 0) {
        flows.writeFailed(packetId, cause);
      } else if (doneOnWrite != null) {
        doneOnWrite.completeExceptionally(cause);
      }
      if (packet.fixedHeader().messageType() == io.netty.handler.codec.mqtt.MqttMessageType.CONNECT
          && state == ConnectionState.MQTT_CONNECTING) {
        close.begin(CloseCause.CONNECT_FAILED, "CONNECT not sent: " + Failures.reason(cause));
      }
    });
  }

  /** The keep-alive's ping: PINGREQ, while CONNECTED only. */
  void ping() {
    if (state == ConnectionState.CONNECTED) {
      write(MqttPackets.pingReq(), now -> emit(new PingReqSent(now, attempt)), 0, null);
    }
  }

  // ---------------------------------------------------------------- events and threading

  void emit(ConnectionEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.warn("connection listener failed on {} of {}", event.getClass().getSimpleName(), clientId(), e);
    }
  }

  /** The one place for what a state does not expect: recorded as an event, then ignored. */
  void unexpected(long now, String kind, String what) {
    String detail = what + " while " + state;
    LOG.debug("{} #{}: unexpected {}", clientId(), attempt.number(), detail);
    emit(new Unexpected(now, attempt, kind, detail, state));
  }

  private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> call) {
    return LoopCalls.onLoop(loop, call);
  }
}
