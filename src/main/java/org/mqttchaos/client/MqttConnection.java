package org.mqttchaos.client;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT connection of one virtual user: connects, keeps alive, publishes, subscribes and ends on purpose
 * (graceful, abrupt FIN/RST, silent), and reports every packet and close as a {@link ConnectionEvent}.
 *
 * <p>State machine; each connect attempt runs it once, and every attempt ends with exactly one CLOSED event:
 * <pre>
 *                 connect()           TCP up, CONNECT sent        CONNACK 0
 *  DISCONNECTED ------------> TCP_CONNECTING ------------> MQTT_CONNECTING ----------> CONNECTED
 *       ^  ^                        |                         |                      |      | goSilent()
 *       |  | CLOSED CONNECT_FAILED  | refused, timeout,       | CONNACK != 0,        |      v
 *       |  +------------------------+ closeAbruptly()         | no CONNACK in time,  |    SILENT
 *       |                                                     | closeAbruptly()      |      |
 *       |                                                     v                      v      v
 *       +---------- channel closed: CLOSED(cause) -------- CLOSING <---- disconnect(), closeAbruptly(),
 *                                                                       DISCONNECT from broker, errors
 * </pre>
 * A close of an established connection that we did not start goes straight from CONNECTED or SILENT to
 * DISCONNECTED with cause BY_BROKER. A packet or call a state does not expect goes to {@link #unexpected},
 * which records it as an {@link EventType#UNEXPECTED} event and otherwise ignores it.
 *
 * <p>Thread rule: a connection is bound to one event loop for its whole life, across reconnects. Call its
 * methods on that loop; a call from another thread hops onto it first. Futures and listener calls complete
 * on that loop, so continuations must not block. Getters read plain fields: exact on the loop, a recent
 * value elsewhere.
 */
public final class MqttConnection {
  /** Where a connection is in its life; see the class comment for the transitions. */
  public enum State { DISCONNECTED, TCP_CONNECTING, MQTT_CONNECTING, CONNECTED, SILENT, CLOSING }

  private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

  private final EventLoop loop;
  private final Dialer dialer;
  private final MqttVersion version;
  private final Duration connectTimeout;
  private final ConnectionListener listener;
  private final ConnectionHandler handler = new ConnectionHandler(this);
  private final Runnable keepAliveCheck = this::onKeepAliveCheck;
  private final InFlight inFlight = new InFlight();

  private volatile State state = State.DISCONNECTED;
  private String clientId = "";
  private int connectionId = -1;
  private ConnectOptions options;
  private Channel channel;
  private CompletableFuture<ConnectResult> connectFuture;
  private CompletableFuture<ConnectionEvent> closedFuture = new CompletableFuture<>();
  private LoopTimer.Timeout connectTimer;
  private LoopTimer.Timeout keepAliveTimer;
  private long keepAliveNanos;
  private CloseCause closeCause; // decided when a close starts; null until then
  private String closeDetail;
  private long tcpStartNanos;
  private long tcpConnectedNanos;
  private long connectSentNanos;
  private long connectedAtNanos;
  private long lastSentNanos;
  private long lastSentTick; // the loop's ticker, so EmbeddedChannel tests can move keep-alive time
  private Set<Integer> qos2Received; // incoming QoS 2 ids between PUBLISH and PUBREL; lazy, rarely used

  MqttConnection(EventLoop loop, Dialer dialer, MqttVersion version, Duration connectTimeout,
      ConnectionListener listener) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.dialer = Objects.requireNonNull(dialer, "dialer");
    this.version = Objects.requireNonNull(version, "version");
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.listener = listener == null ? ConnectionListener.NONE : listener;
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
    if (state != State.DISCONNECTED) {
      unexpected(System.nanoTime(), "connect() call");
      return CompletableFuture.completedFuture(
          failedResult("connect() called while " + state + "; only a DISCONNECTED connection may connect"));
    }
    startAttempt(options);
    int id = connectionId;
    connectTimer = LoopTimer.of(loop).schedule(() -> onConnectTimeout(id), connectTimeout.toNanos(), TimeUnit.NANOSECONDS);
    CompletableFuture<ConnectResult> result = connectFuture;
    ChannelFuture dialed;
    try {
      dialed = dialer.dial(loop, handler);
    } catch (RuntimeException e) {
      failTcp(System.nanoTime(), "TCP connect to " + dialer.target() + " failed: " + Failures.reason(e));
      return result;
    }
    channel = dialed.channel();
    dialed.addListener(f -> onDialed(id, (ChannelFuture) f));
    return result;
  }

  /** Subscribes; completes with SUBACK's granted QoS, or its failure code (0x80 or an MQTT 5 reason >= 0x80). */
  public CompletableFuture<Integer> subscribe(String topicFilter, int qos) {
    if (!loop.inEventLoop()) {
      return onLoop(() -> subscribe(topicFilter, qos));
    }
    CompletableFuture<Integer> done = new CompletableFuture<>();
    if (refuseUnlessConnected("subscribe()", done)) {
      return done;
    }
    int packetId = inFlight.register(done);
    if (packetId < 0) {
      done.completeExceptionally(new IllegalStateException("all 65535 packet identifiers are in use"));
      return done;
    }
    try {
      write(MqttPackets.subscribe(packetId, topicFilter, qos), null, -1, null, packetId, null);
    } catch (RuntimeException e) {
      inFlight.remove(packetId);
      done.completeExceptionally(e);
    }
    return done;
  }

  /** Publishes; QoS 0 completes when written, QoS 1 on PUBACK, QoS 2 on PUBCOMP. */
  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
    if (!loop.inEventLoop()) {
      return onLoop(() -> publish(topic, payload, qos, retain));
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (refuseUnlessConnected("publish()", done)) {
      return done;
    }
    int packetId = 0;
    try {
      MqttPackets.qos(qos); // validate before taking a packet id
      if (qos > 0 && (packetId = inFlight.register(done)) < 0) {
        done.completeExceptionally(new IllegalStateException("all 65535 packet identifiers are in use"));
        return done;
      }
      MqttMessage packet = MqttPackets.publish(topic, payload == null ? new byte[0] : payload, qos, retain, packetId);
      write(packet, EventType.PUBLISH_SENT, qos, topic, packetId, qos == 0 ? done : null);
    } catch (RuntimeException e) {
      if (packetId > 0) {
        inFlight.remove(packetId);
      }
      done.completeExceptionally(e);
    }
    return done;
  }

  /** Graceful close: DISCONNECT written and flushed, then TCP closed; completes once CLOSED is emitted. */
  public CompletableFuture<Void> disconnect() {
    if (!loop.inEventLoop()) {
      return onLoop(this::disconnect);
    }
    switch (state) {
      case DISCONNECTED:
        return CompletableFuture.completedFuture(null);
      case CLOSING:
        return closedFuture.thenApply(e -> null);
      case TCP_CONNECTING:
      case MQTT_CONNECTING:
        unexpected(System.nanoTime(), "disconnect() call");
        return CompletableFuture.failedFuture(new IllegalStateException(
            "disconnect() while " + state + ": no MQTT session to end yet; use closeAbruptly() to abort"));
      default:
        CompletableFuture<Void> done = closedFuture.thenApply(e -> null);
        Channel ch = channel;
        closeCause = CloseCause.GRACEFUL_BY_CLIENT;
        state = State.CLOSING;
        cancelKeepAlive();
        lastSentTick = loop.ticker().nanoTime();
        ch.writeAndFlush(MqttPackets.disconnect()).addListener(f -> {
          if (f.isSuccess()) {
            long now = System.nanoTime();
            lastSentNanos = now;
            emit(now, EventType.DISCONNECT_SENT, -1, null);
          }
          ch.close();
        });
        return done;
    }
  }

  /** Ends TCP without DISCONNECT, so the broker must publish the will: FIN, or RST via SO_LINGER 0. */
  public CompletableFuture<Void> closeAbruptly(AbruptMode mode) {
    if (!loop.inEventLoop()) {
      return onLoop(() -> closeAbruptly(mode));
    }
    CloseCause cause = mode == AbruptMode.RST ? CloseCause.ABRUPT_RST_BY_CLIENT : CloseCause.ABRUPT_FIN_BY_CLIENT;
    switch (state) {
      case DISCONNECTED:
        return CompletableFuture.completedFuture(null);
      case CLOSING:
        return closedFuture.thenApply(e -> null);
      case TCP_CONNECTING: {
        CompletableFuture<Void> done = closedFuture.thenApply(e -> null);
        closeCause = cause;
        failTcp(System.nanoTime(), "TCP connect to " + dialer.target() + " aborted by the client");
        return done;
      }
      default: {
        CompletableFuture<Void> done = closedFuture.thenApply(e -> null);
        if (mode == AbruptMode.RST) {
          channel.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        beginClose(cause, null);
        return done;
      }
    }
  }

  /** Stops writing anything, PINGREQ and acknowledgements included, and keeps TCP open: the broker must cut it. */
  public void goSilent() {
    if (!loop.inEventLoop()) {
      loop.execute(this::goSilent);
      return;
    }
    if (state == State.CONNECTED) {
      state = State.SILENT;
      cancelKeepAlive();
      emit(System.nanoTime(), EventType.SILENCED, -1, null);
    } else if (state != State.SILENT) {
      unexpected(System.nanoTime(), "goSilent() call");
    }
  }

  /** Completes with the CLOSED event of the current attempt (before the first connect: of the first attempt). */
  public CompletableFuture<ConnectionEvent> closed() {
    if (!loop.inEventLoop()) {
      return onLoop(this::closed);
    }
    return closedFuture;
  }

  public State state() {
    return state;
  }

  /** The client ID of the current (or last) attempt; empty before the first connect. */
  /** The options of the current or last connect attempt; null before the first. */
  public ConnectOptions options() {
    return options;
  }

  public String clientId() {
    return clientId;
  }

  /** Counts connect attempts: 0 for the first, -1 before it. */
  public int connectionId() {
    return connectionId;
  }

  /** System.nanoTime when the last write completed; 0 if nothing was written in this attempt. */
  public long lastSentNanos() {
    return lastSentNanos;
  }

  /** System.nanoTime when the accepting CONNACK was read; 0 if this attempt did not get one. */
  public long connectedAtNanos() {
    return connectedAtNanos;
  }

  public EventLoop eventLoop() {
    return loop;
  }

  // ---------------------------------------------------------------- attempt life

  private void startAttempt(ConnectOptions options) {
    this.options = options;
    clientId = options.clientId();
    connectionId++;
    if (closedFuture.isDone()) {
      closedFuture = new CompletableFuture<>();
    }
    connectFuture = new CompletableFuture<>();
    channel = null;
    closeCause = null;
    closeDetail = null;
    tcpConnectedNanos = 0;
    connectSentNanos = 0;
    connectedAtNanos = 0;
    lastSentNanos = 0;
    qos2Received = null;
    keepAliveNanos = TimeUnit.SECONDS.toNanos(Math.max(0, options.keepAliveSeconds()));
    state = State.TCP_CONNECTING;
    tcpStartNanos = System.nanoTime();
    emit(tcpStartNanos, EventType.TCP_CONNECT_STARTED, -1, null);
  }

  private void onDialed(int id, ChannelFuture f) {
    if (!loop.inEventLoop()) { // a channel that could not even be created reports on another executor
      loop.execute(() -> onDialed(id, f));
      return;
    }
    if (id != connectionId || state != State.TCP_CONNECTING) {
      f.channel().close(); // the attempt already ended (timeout, abort); make sure the socket goes too
      return;
    }
    long now = System.nanoTime();
    if (!f.isSuccess()) {
      failTcp(now, "TCP connect to " + dialer.target() + " failed: " + Failures.reason(f.cause()));
      return;
    }
    Channel ch = f.channel();
    tcpConnectedNanos = now;
    ch.closeFuture().addListener(cf -> onChannelClosed(ch));
    state = State.MQTT_CONNECTING;
    emit(now, EventType.TCP_CONNECTED, -1, null);
    if (state == State.MQTT_CONNECTING) { // a listener may have closed it
      try {
        write(MqttPackets.connect(version, options), EventType.CONNECT_SENT, -1, null, 0, null);
      } catch (RuntimeException e) {
        beginClose(CloseCause.CONNECT_FAILED, "CONNECT not sent: " + Failures.reason(e));
      }
    }
  }

  /** Ends an attempt whose TCP connection never came up: TCP_CONNECT_FAILED, then CLOSED at once. */
  private void failTcp(long now, String detail) {
    emit(now, EventType.TCP_CONNECT_FAILED, -1, detail);
    // A channel whose socket could not be created (EMFILE) was never registered: nothing to close, and closing
    // it throws, which would leave the attempt without its CLOSED event.
    if (channel != null && channel.isRegistered()) {
      channel.close();
    }
    finish(closeCause != null ? closeCause : CloseCause.CONNECT_FAILED, detail, now);
  }

  private void onConnectTimeout(int id) {
    connectTimer = null;
    if (id != connectionId) {
      return;
    }
    long now = System.nanoTime();
    if (state == State.TCP_CONNECTING) {
      failTcp(now, "TCP connect to " + dialer.target() + " timed out after " + Failures.duration(connectTimeout));
    } else if (state == State.MQTT_CONNECTING) {
      String detail = "no CONNACK within " + Failures.duration(connectTimeout);
      emit(now, EventType.CONNACK_TIMEOUT, -1, detail);
      beginClose(CloseCause.CONNECT_FAILED, detail);
    }
  }

  /** Starts closing an established channel for {@code cause}; the first cause decided wins. */
  private void beginClose(CloseCause cause, String detail) {
    if (closeCause == null) {
      closeCause = cause;
      closeDetail = detail;
    }
    state = State.CLOSING;
    cancelKeepAlive();
    completeConnect(failedResult(connectFailure(detail)));
    channel.close();
  }

  private void onChannelClosed(Channel ch) {
    if (ch != channel || state == State.DISCONNECTED) {
      return;
    }
    long now = System.nanoTime();
    CloseCause cause = closeCause;
    String detail = closeDetail;
    if (cause == null) {
      if (state == State.MQTT_CONNECTING) {
        cause = CloseCause.CONNECT_FAILED;
        detail = "connection closed by the broker before CONNACK";
      } else {
        cause = CloseCause.BY_BROKER; // CONNECTED or SILENT: the peer ended it
        detail = "closed by the broker";
      }
    }
    finish(cause, detail, now);
  }

  /** The single end of every attempt: one CLOSED event, then futures completed, state DISCONNECTED. */
  private void finish(CloseCause cause, String detail, long now) {
    cancelTimers();
    state = State.DISCONNECTED;
    channel = null;
    ConnectionEvent closed = new ConnectionEvent(now, clientId, connectionId, EventType.CLOSED, -1, false, cause,
        detail, null);
    emit(closed);
    completeConnect(failedResult(connectFailure(detail != null ? detail : "closed: " + cause)));
    inFlight.failAll("connection closed (" + cause + ") before the acknowledgement");
    closedFuture.complete(closed);
  }

  private String connectFailure(String detail) {
    if (closeCause != null && closeCause.byClient()) {
      return "closed by the client (" + closeCause + ") before CONNACK";
    }
    return detail != null ? detail : "connection closed before CONNACK";
  }

  private void completeConnect(ConnectResult result) {
    if (connectFuture != null && !connectFuture.isDone()) {
      connectFuture.complete(result);
    }
  }

  private ConnectResult failedResult(String failure) {
    long tcp = tcpConnectedNanos > 0 ? tcpConnectedNanos - tcpStartNanos : -1;
    return new ConnectResult(false, -1, false, tcp, -1, failure);
  }

  // ---------------------------------------------------------------- inbound

  void onRead(Channel ch, Object msg) {
    try {
      if (ch != channel) {
        return; // a previous attempt's channel, draining
      }
      long now = System.nanoTime();
      if (!(msg instanceof MqttMessage m)) {
        unexpected(now, "message " + msg.getClass().getSimpleName());
        return;
      }
      if (m.decoderResult().isFailure()) {
        String detail = "decode failure: " + Failures.reason(m.decoderResult().cause());
        beginClose(CloseCause.ERROR, detail);
        return;
      }
      switch (m.fixedHeader().messageType()) {
        case CONNACK -> onConnAck(now, (MqttConnAckMessage) m);
        case PINGRESP -> onAfterConnect(now, EventType.PINGRESP_RECEIVED, "PINGRESP");
        case SUBACK -> onSubAck(now, (MqttSubAckMessage) m);
        case PUBLISH -> onPublish(now, (MqttPublishMessage) m);
        case PUBACK -> onPubAck(now, packetId(m));
        case PUBREC -> onPubRec(now, packetId(m));
        case PUBCOMP -> onPubComp(now, packetId(m));
        case PUBREL -> onPubRel(now, packetId(m));
        case DISCONNECT -> onDisconnect(now, m);
        default -> unexpected(now, "packet " + m.fixedHeader().messageType());
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  void onException(Channel ch, Throwable cause) {
    if (ch != channel || state == State.CLOSING || state == State.DISCONNECTED) {
      return; // noise from a close already under way
    }
    if (!(cause instanceof IOException)) {
      beginClose(CloseCause.ERROR, cause.getClass().getSimpleName() + ": " + Failures.reason(cause));
    } else if (state == State.CONNECTED || state == State.SILENT) {
      beginClose(CloseCause.BY_BROKER, Failures.reason(cause)); // e.g. "Connection reset by peer"
    } else {
      beginClose(CloseCause.CONNECT_FAILED, "connection lost before CONNACK: " + Failures.reason(cause));
    }
  }

  private void onConnAck(long now, MqttConnAckMessage m) {
    if (state != State.MQTT_CONNECTING) {
      unexpected(now, "CONNACK");
      return;
    }
    cancelConnectTimer();
    int code = m.variableHeader().connectReturnCode().byteValue() & 0xFF;
    boolean sessionPresent = m.variableHeader().isSessionPresent();
    long tcp = tcpConnectedNanos - tcpStartNanos;
    long connect = now - connectSentNanos;
    if (code == 0) {
      state = State.CONNECTED;
      connectedAtNanos = now;
      armKeepAlive(keepAliveNanos - (loop.ticker().nanoTime() - lastSentTick));
    }
    emit(new ConnectionEvent(now, clientId, connectionId, EventType.CONNACK_RECEIVED, code, sessionPresent, null,
        null, null));
    if (code == 0) {
      completeConnect(new ConnectResult(true, 0, sessionPresent, tcp, connect, null));
    } else {
      String detail = "CONNACK refused: " + Failures.connackCode(code);
      completeConnect(new ConnectResult(false, code, sessionPresent, tcp, connect, detail));
      if (state == State.MQTT_CONNECTING) {
        beginClose(CloseCause.CONNECT_FAILED, detail);
      }
    }
  }

  private boolean onAfterConnect(long now, EventType type, String what) {
    if (state == State.CONNECTED || state == State.SILENT || state == State.CLOSING) {
      emit(now, type, -1, null);
      return true;
    }
    unexpected(now, what);
    return false;
  }

  private void onSubAck(long now, MqttSubAckMessage m) {
    List<Integer> codes = m.payload().reasonCodes();
    int code = codes.isEmpty() ? 0x80 : codes.get(0);
    CompletableFuture<Integer> waiting = inFlight.remove(m.variableHeader().messageId());
    if (waiting == null) {
      unexpected(now, "SUBACK for unknown packet id " + m.variableHeader().messageId());
      return;
    }
    emit(now, EventType.SUBACK_RECEIVED, code, null);
    waiting.complete(code);
  }

  private void onPublish(long now, MqttPublishMessage m) {
    if (state != State.CONNECTED && state != State.SILENT && state != State.CLOSING) {
      unexpected(now, "PUBLISH");
      return;
    }
    int qos = m.fixedHeader().qosLevel().value();
    int packetId = m.variableHeader().packetId();
    boolean redelivery = qos == 2 && qos2Received != null && qos2Received.contains(packetId);
    if (!redelivery) {
      byte[] payload = ByteBufUtil.getBytes(m.payload());
      emit(new ConnectionEvent(now, clientId, connectionId, EventType.PUBLISH_RECEIVED, qos, false, null,
          m.variableHeader().topicName(), payload));
    }
    if (qos == 1) {
      writeIfConnected(MqttPackets.pubAck(packetId));
    } else if (qos == 2) {
      if (qos2Received == null) {
        qos2Received = new HashSet<>(4);
      }
      qos2Received.add(packetId);
      writeIfConnected(MqttPackets.pubRec(packetId));
    }
  }

  private void onPubAck(long now, int packetId) {
    CompletableFuture<Void> waiting = inFlight.remove(packetId);
    if (waiting == null) {
      unexpected(now, "PUBACK for unknown packet id " + packetId);
      return;
    }
    emit(now, EventType.PUBACK_RECEIVED, -1, null);
    waiting.complete(null);
  }

  private void onPubRec(long now, int packetId) {
    if (inFlight.peek(packetId) == null) {
      unexpected(now, "PUBREC for unknown packet id " + packetId);
      return;
    }
    writeIfConnected(MqttPackets.pubRel(packetId));
  }

  private void onPubComp(long now, int packetId) {
    CompletableFuture<Void> waiting = inFlight.remove(packetId);
    if (waiting == null) {
      unexpected(now, "PUBCOMP for unknown packet id " + packetId);
      return;
    }
    waiting.complete(null);
  }

  private void onPubRel(long now, int packetId) {
    if (qos2Received == null || !qos2Received.remove(packetId)) {
      unexpected(now, "PUBREL for unknown packet id " + packetId);
    }
    writeIfConnected(MqttPackets.pubComp(packetId)); // complete the handshake even for an id we forgot
  }

  private void onDisconnect(long now, MqttMessage m) {
    int code = m.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h ? h.reasonCode() & 0xFF : 0;
    emit(now, EventType.DISCONNECT_RECEIVED, code, null);
    if (state == State.CONNECTED || state == State.SILENT) {
      beginClose(CloseCause.BY_BROKER, String.format("DISCONNECT from the broker, reason 0x%02X", code));
    } else if (state == State.MQTT_CONNECTING) {
      beginClose(CloseCause.CONNECT_FAILED, String.format("DISCONNECT before CONNACK, reason 0x%02X", code));
    }
  }

  private static int packetId(MqttMessage m) {
    return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
  }

  // ---------------------------------------------------------------- outbound and keep-alive

  /**
   * Writes one packet. On completion: lastSentNanos, the {@code sent} event (if any), {@code doneOnWrite}.
   * A failed write fails {@code doneOnWrite} or the future waiting under {@code packetId}.
   */
  private void write(MqttMessage packet, EventType sent, int code, String detail, int packetId,
      CompletableFuture<Void> doneOnWrite) {
    lastSentTick = loop.ticker().nanoTime();
    channel.writeAndFlush(packet).addListener(f -> {
      if (f.isSuccess()) {
        long now = System.nanoTime();
        lastSentNanos = now;
        if (sent == EventType.CONNECT_SENT) {
          connectSentNanos = now;
        }
        if (sent != null) {
          emit(now, sent, code, detail);
        }
        if (doneOnWrite != null) {
          doneOnWrite.complete(null);
        }
        return;
      }
      Throwable cause = f.cause();
      CompletableFuture<?> waiting = packetId > 0 ? inFlight.remove(packetId) : doneOnWrite;
      if (waiting != null) {
        waiting.completeExceptionally(cause);
      }
      if (sent == EventType.CONNECT_SENT && state == State.MQTT_CONNECTING) {
        beginClose(CloseCause.CONNECT_FAILED, "CONNECT not sent: " + Failures.reason(cause));
      }
    });
  }

  /** Acknowledgements: only while CONNECTED; a SILENT connection writes nothing at all. */
  private void writeIfConnected(MqttMessage packet) {
    if (state == State.CONNECTED) {
      write(packet, null, -1, null, 0, null);
    }
  }

  private boolean refuseUnlessConnected(String call, CompletableFuture<?> done) {
    if (state == State.CONNECTED) {
      return false;
    }
    done.completeExceptionally(new IllegalStateException(call + " needs a CONNECTED connection, state is " + state));
    return true;
  }

  private void armKeepAlive(long delayNanos) {
    if (keepAliveNanos > 0) {
      keepAliveTimer = LoopTimer.of(loop).schedule(keepAliveCheck, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }
  }

  /** One re-armed check per connection: sleeps until keep-alive after the last write, pings if nothing went out. */
  private void onKeepAliveCheck() {
    keepAliveTimer = null;
    if (state != State.CONNECTED) {
      return;
    }
    long idle = loop.ticker().nanoTime() - lastSentTick;
    if (idle >= keepAliveNanos) {
      write(MqttPackets.pingReq(), EventType.PINGREQ_SENT, -1, null, 0, null);
      idle = 0;
    }
    armKeepAlive(keepAliveNanos - idle);
  }

  private void cancelKeepAlive() {
    if (keepAliveTimer != null) {
      keepAliveTimer.cancel();
      keepAliveTimer = null;
    }
  }

  private void cancelConnectTimer() {
    if (connectTimer != null) {
      connectTimer.cancel();
      connectTimer = null;
    }
  }

  private void cancelTimers() {
    cancelConnectTimer();
    cancelKeepAlive();
  }

  // ---------------------------------------------------------------- events and threading

  private void emit(long now, EventType type, int code, String detail) {
    emit(new ConnectionEvent(now, clientId, connectionId, type, code, false, null, detail, null));
  }

  private void emit(ConnectionEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.warn("connection listener failed on {} of {}", event.type(), clientId, e);
    }
  }

  /** The one place for what a state does not expect: recorded as an event, then ignored. */
  private void unexpected(long now, String what) {
    String detail = what + " while " + state;
    LOG.debug("{} #{}: unexpected {}", clientId, connectionId, detail);
    emit(now, EventType.UNEXPECTED, -1, detail);
  }

  private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      loop.execute(() -> call.get().whenComplete((v, e) -> {
        if (e != null) {
          result.completeExceptionally(e);
        } else {
          result.complete(v);
        }
      }));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new IllegalStateException("event loop is shut down", e));
    }
    return result;
  }
}
