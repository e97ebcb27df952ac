package org.mqttchaos.client;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.internal.tcnative.SSL;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * Sits between the transport handlers (TLS, WebSocket) and the MQTT codec of one channel, and holds the dial
 * back until the transport is ready: the dial's future completes only after TCP, the TLS handshake and the
 * WebSocket upgrade, so {@link MqttConnection} sends CONNECT on a ready transport. Before that, every event
 * of the transport ends here as the dial's failure, worded by stage; after it, a TLS alert (a TLS 1.3 broker
 * refuses a client certificate after the client's handshake is done) goes on as a {@link TransportException}.
 * One per channel; runs on the channel's event loop only.
 */
final class TransportGate extends ChannelDuplexHandler {
  private final TransportTimings timings;
  private final ChannelPromise ready;
  private final TransportObserver observer;
  private final boolean tls;
  private final boolean webSocket;
  private final boolean sentIdentity;
  private final String peer;
  private boolean done;
  private boolean heard; // anything read after the transport was ready

  TransportGate(TransportTimings timings, ChannelPromise ready, TransportObserver observer, boolean tls,
      boolean webSocket, boolean sentIdentity, String peer) {
    this.timings = timings;
    this.ready = ready;
    this.observer = observer;
    this.tls = tls;
    this.webSocket = webSocket;
    this.sentIdentity = sentIdentity;
    this.peer = peer;
  }

  /**
   * Registered before the connection's own close listener, so the connection hears the reason first. TLS 1.3:
   * the client's handshake is done before the broker has checked its certificate; a broker that refuses it
   * sends an alert (not always decoded before the close) and closes before any MQTT reply.
   */
  void watchClose(ChannelHandlerContext ctx) {
    ctx.channel().closeFuture().addListener(f -> {
      if (done && tls && !heard && timings.ready() && "TLSv1.3".equals(timings.tlsProtocol())) {
        heard = true;
        String why = "TLS handshake failed: "
            + (sentIdentity ? "the broker refused the client certificate" : "the broker requires a client certificate")
            + " (it closed the connection after the handshake, before any MQTT reply): "
            + (sentIdentity ? "use one signed by a CA the broker trusts"
                : "set broker.tls.certFile and keyFile, or deviceCerts");
        timings.failed(TransportStage.TLS, why);
        observer.onTransport(timings); // the second call for this attempt: ready, then refused
        ctx.fireExceptionCaught(new TransportException(TransportStage.TLS, sentIdentity
            ? ConnectFailure.TLS_CLIENT_CERT_REFUSED : ConnectFailure.TLS_CLIENT_CERT_REQUIRED, why, null));
      }
    });
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (tls) {
      watchClose(ctx);
    }
  }

  /** The TCP connect's outcome, before the pipeline hears of it. */
  void onTcp(ChannelFuture tcp) {
    if (done) {
      return;
    }
    if (!tcp.isSuccess()) {
      // The cause as it is, so the connection words a refused or timed-out TCP connect as it always did.
      finish(TransportStage.TCP, Failures.tcpFailure(tcp.cause()), Failures.reason(tcp.cause()), tcp.cause());
      return;
    }
    timings.tcpConnected(System.nanoTime());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof SslHandshakeCompletionEvent e) {
      if (done) {
        return;
      }
      if (!e.isSuccess()) {
        TlsFailures.Explained why = TlsFailures.explain(e.cause(), peer, sentIdentity);
        fail(ctx, TransportStage.TLS, why.reason(), why.words(), e.cause());
        return;
      }
      SSLEngine engine = ctx.pipeline().get(SslHandler.class).engine();
      SSLSession session = engine.getSession();
      long now = System.nanoTime();
      timings.tlsDone(now, session.getProtocol(), resumed(engine, session));
      if (!webSocket) {
        ready(now);
      }
    } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      if (!done) {
        long now = System.nanoTime();
        timings.wsUpgraded(now);
        ready(now);
      }
    } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      if (!done) {
        fail(ctx, TransportStage.WS, ConnectFailure.WS_TIMEOUT, "WebSocket upgrade failed: no 101 response in time",
            null);
      }
    } else if (!(evt instanceof ClientHandshakeStateEvent)) {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!done) {
      TransportStage stage = stage();
      if (stage == TransportStage.TLS) {
        TlsFailures.Explained why = TlsFailures.explain(cause, peer, sentIdentity);
        fail(ctx, stage, why.reason(), why.words(), cause);
      } else if (stage == TransportStage.WS) {
        fail(ctx, stage, ConnectFailure.WS_REFUSED, "WebSocket upgrade failed: " + Failures.reason(cause)
            + (cause.getMessage() != null && cause.getMessage().contains("404")
                ? " (check the path in the broker URL)" : ""), cause);
      } else {
        fail(ctx, stage, Failures.tcpFailure(cause), Failures.reason(cause), cause);
      }
    } else if (tls && TlsFailures.isTls(cause) && !(cause instanceof TransportException)) {
      heard = true; // worded here; the close that follows needs no second guess
      ctx.fireExceptionCaught(TlsFailures.explain(cause, peer, sentIdentity).exception(cause));
    } else {
      ctx.fireExceptionCaught(cause);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    heard = true;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (!done && timings.tcpConnectedNanos() != 0) {
      TransportStage stage = stage();
      if (stage == TransportStage.TLS) {
        finish(stage, ConnectFailure.TLS_CLOSED,
            "TLS handshake failed: the broker closed the connection during the handshake (is it a TLS port?)", null);
      } else {
        finish(stage, ConnectFailure.WS_REFUSED,
            "WebSocket upgrade failed: the broker closed the connection before 101 (is it a WebSocket port?)", null);
      }
    }
    ctx.fireChannelInactive();
  }

  private TransportStage stage() {
    if (timings.tcpConnectedNanos() == 0) {
      return TransportStage.TCP;
    }
    return tls && timings.tlsDoneNanos() == 0 ? TransportStage.TLS : TransportStage.WS;
  }

  private void ready(long now) {
    done = true;
    timings.ready(now);
    observer.onTransport(timings);
    ready.trySuccess();
  }

  private void fail(ChannelHandlerContext ctx, TransportStage stage, ConnectFailure reason, String why,
      Throwable cause) {
    finish(stage, reason, why, cause);
    ctx.close();
  }

  private void finish(TransportStage stage, ConnectFailure reason, String why, Throwable cause) {
    done = true;
    timings.failed(stage, why);
    observer.onTransport(timings);
    ready.tryFailure(stage == TransportStage.TCP && cause != null ? cause
        : new TransportException(stage, reason, why, cause));
  }

  /**
   * Whether the handshake resumed a cached session. OpenSSL says so; the JDK has no public API for it, but a
   * resumed session is the cached one, created before this attempt started (a full handshake makes a new one).
   */
  private boolean resumed(SSLEngine engine, SSLSession session) {
    if (engine instanceof ReferenceCountedOpenSslEngine openSsl) {
      return SSL.isSessionReused(openSsl.sslPointer());
    }
    long startedMillis = System.currentTimeMillis() - (System.nanoTime() - timings.tcpStartNanos()) / 1_000_000;
    return session.getCreationTime() < startedMillis - 1;
  }
}
