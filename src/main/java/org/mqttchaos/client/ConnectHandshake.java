package org.mqttchaos.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.ConnAckTimeout;
import org.mqttchaos.client.ConnectionEvent.ConnectSent;
import org.mqttchaos.client.ConnectionEvent.TcpConnected;
import org.mqttchaos.client.ConnectionEvent.TlsHandshakeDone;
import org.mqttchaos.client.ConnectionEvent.WsUpgraded;

/**
 * The opening of one connect attempt, from the socket connect to CONNACK: the connect timeout (which bounds the
 * whole opening from its start), CONNECT written once TCP is up, CONNACK read, the attempt's
 * {@link ConnectResult} and the timings behind it. Reused across its connection's attempts; on the connection's
 * event loop only. What ends an attempt is {@link Closing}'s.
 */
final class ConnectHandshake {
  private final MqttConnection connection;
  private CompletableFuture<ConnectResult> result;
  private LoopTimer.Timeout timer;
  private long tcpStartNanos;
  private long tcpConnectedNanos;
  private long connectSentNanos;
  private long connectedAtNanos;

  ConnectHandshake(MqttConnection connection) {
    this.connection = connection;
  }

  /** A new attempt whose socket connect starts at {@code nowNanos}; the future completes on CONNACK or failure. */
  CompletableFuture<ConnectResult> begin(Attempt attempt, long nowNanos) {
    result = new CompletableFuture<>();
    tcpStartNanos = nowNanos;
    tcpConnectedNanos = 0;
    connectSentNanos = 0;
    timer = LoopTimer.of(connection.eventLoop()).schedule(() -> onTimeout(attempt), connection.connectTimeout().toNanos(),
        TimeUnit.NANOSECONDS);
    return result;
  }

  /** The dial of {@code attempt} ended: on success CONNECT is written; on failure the attempt ends. */
  void onDialed(Attempt attempt, ChannelFuture f) {
    if (!connection.eventLoop().inEventLoop()) { // a channel that could not be created reports on another executor
      connection.eventLoop().execute(() -> onDialed(attempt, f));
      return;
    }
    if (attempt != connection.attempt() || connection.state() != ConnectionState.TCP_CONNECTING) {
      f.channel().close(); // the attempt already ended (timeout, abort); make sure the socket goes too
      return;
    }
    long now = System.nanoTime();
    if (!f.isSuccess()) {
      Throwable cause = f.cause();
      // A TLS or WebSocket stage says what failed itself; TCP came up then.
      connection.closing().failTcp(now, Failures.tcpFailure(cause), cause instanceof TransportException
          ? "connect to " + connection.target() + " failed: " + cause.getMessage()
          : "TCP connect to " + connection.target() + " failed: " + Failures.reason(cause));
      return;
    }
    tcpConnectedNanos = now; // from now on the channel's close reaches the connection (channelInactive)
    connection.moveTo(ConnectionState.MQTT_CONNECTING);
    // Plain TCP has no stage timings; hasAttr first, since attr() alone would add an empty attribute per channel.
    TransportTimings layers = f.channel().hasAttr(TransportTimings.KEY) ? f.channel().attr(TransportTimings.KEY).get()
        : null;
    if (layers == null) {
      connection.emit(new TcpConnected(now, attempt, now - tcpStartNanos));
    } else {
      stages(attempt, layers);
    }
    if (connection.state() == ConnectionState.MQTT_CONNECTING) { // a listener may have closed it
      try {
        connection.write(MqttPackets.connect(attempt.version(), attempt.options()), this::onConnectWritten, 0, null);
      } catch (RuntimeException e) {
        connection.closing().begin(CloseCause.CONNECT_FAILED, "CONNECT not sent: " + Failures.reason(e));
      }
    }
  }

  /** The transport's own stages, each as its event, at the instants they ended. */
  private void stages(Attempt attempt, TransportTimings t) {
    connection.emit(new TcpConnected(t.tcpConnectedNanos(), attempt, t.tcpConnectNanos()));
    if (t.tlsHandshakeNanos() >= 0) {
      connection.emit(new TlsHandshakeDone(t.tlsDoneNanos(), attempt, t.tlsHandshakeNanos(), t.tlsResumed(),
          t.tlsProtocol()));
    }
    if (t.wsUpgradeNanos() >= 0) {
      connection.emit(new WsUpgraded(t.wsUpgradedNanos(), attempt, t.wsUpgradeNanos()));
    }
  }

  private void onConnectWritten(long now) {
    connectSentNanos = now;
    connection.emit(new ConnectSent(now, connection.attempt()));
  }

  private void onTimeout(Attempt attempt) {
    timer = null;
    if (attempt != connection.attempt()) {
      return;
    }
    long now = System.nanoTime();
    if (connection.state() == ConnectionState.TCP_CONNECTING) {
      timedOutDialing(now);
    } else if (connection.state() == ConnectionState.MQTT_CONNECTING) {
      String detail = "no CONNACK within " + Failures.duration(connection.connectTimeout());
      connection.emit(new ConnAckTimeout(now, attempt, detail));
      connection.closing().begin(CloseCause.CONNECT_FAILED, ConnectFailure.CONNACK_TIMEOUT, detail);
    }
  }

  /** The timeout fell while dialing: in the TCP connect, or in the TLS or WebSocket stage after it. */
  private void timedOutDialing(long now) {
    String within = " within " + Failures.duration(connection.connectTimeout());
    Channel ch = connection.channel();
    TransportTimings t = ch != null && ch.hasAttr(TransportTimings.KEY) ? ch.attr(TransportTimings.KEY).get() : null;
    if (t != null && t.tcpConnectedNanos() != 0 && t.tlsDoneNanos() == 0 && ch.pipeline().get("tls") != null) {
      connection.closing().failTcp(now, ConnectFailure.TLS_TIMEOUT, "TLS handshake with " + connection.target()
          + " did not finish" + within);
    } else if (t != null && t.tcpConnectedNanos() != 0) {
      connection.closing().failTcp(now, ConnectFailure.WS_TIMEOUT, "WebSocket upgrade with " + connection.target()
          + ": no 101" + within);
    } else {
      connection.closing().failTcp(now, ConnectFailure.TCP_TIMEOUT, "TCP connect to " + connection.target()
          + " timed out after " + Failures.duration(connection.connectTimeout()));
    }
  }

  void onConnAck(long now, MqttConnAckMessage m) {
    if (connection.state() != ConnectionState.MQTT_CONNECTING) {
      connection.unexpected(now, "CONNACK", "CONNACK");
      return;
    }
    cancelTimer();
    int code = m.variableHeader().connectReturnCode().byteValue() & 0xFF;
    boolean sessionPresent = m.variableHeader().isSessionPresent();
    long tcp = tcpConnectedNanos - tcpStartNanos;
    long connect = now - connectSentNanos;
    boolean reconnect = connectedAtNanos != 0; // an earlier attempt was accepted (kept across attempts)
    MqttProperties properties = m.variableHeader().properties();
    if (code == 0) {
      // What the broker put in force (Server Keep Alive, Assigned Client Identifier...), before any event tells of it
      Attempt attempt = connection.attempt();
      ConnAckValues values = ConnAckValues.of(attempt.options(), attempt.version(), properties);
      attempt.inForce().set(values);
      connection.moveTo(ConnectionState.CONNECTED);
      connectedAtNanos = now;
      connection.keepAlive().interval(values.keepAliveSeconds()); // [MQTT-3.2.2-21]: the server's, if it sent one
      connection.keepAlive().start();
    } else {
      connection.closing().failed(ConnectFailure.CONNACK_REFUSED); // whatever closes it next, a CONNACK refused it
    }
    connection.emit(new ConnAckReceived(now, connection.attempt(), code, sessionPresent, connect, reconnect,
        properties == null ? MqttProperties.NO_PROPERTIES : properties));
    if (code == 0) {
      // Before the caller hears of the CONNACK, so that resent messages precede any new one (nothing is written when a
      // listener closed the connection meanwhile).
      connection.flows().connected(sessionPresent);
      complete(new ConnectResult(true, 0, sessionPresent, tcp, connect, null));
    } else {
      String detail = "CONNACK refused: " + Failures.connackCode(code);
      // The close begins before whoever waits is told, so a caller that goes on from the refusal (a user's next
      // action) finds the connection closing, not still connecting; the result keeps the CONNACK's code.
      CompletableFuture<ConnectResult> waiting = result;
      result = null;
      if (connection.state() == ConnectionState.MQTT_CONNECTING) {
        connection.closing().begin(CloseCause.CONNECT_FAILED, ConnectFailure.CONNACK_REFUSED, detail);
      }
      if (waiting != null) {
        waiting.complete(new ConnectResult(false, code, sessionPresent, tcp, connect, detail));
      }
    }
  }

  /** The attempt ended before an accepting CONNACK (a no-op after one): the result says why. */
  void fail(String failure) {
    complete(failed(failure));
  }

  /** A not-connected result for a call refused outright. */
  ConnectResult failed(String failure) {
    long tcp = tcpConnectedNanos > 0 ? tcpConnectedNanos - tcpStartNanos : -1;
    return new ConnectResult(false, -1, false, tcp, -1, failure);
  }

  void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /** System.nanoTime of the last accepting CONNACK, this attempt's once it is established; 0 before any. */
  long connectedAtNanos() {
    return connectedAtNanos;
  }

  private void complete(ConnectResult r) {
    CompletableFuture<ConnectResult> waiting = result;
    if (waiting != null) {
      result = null; // held no longer than needed: an idle client keeps neither the future nor its result
      waiting.complete(r);
    }
  }
}
