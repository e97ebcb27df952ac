package org.mqttchaos.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import org.mqttchaos.client.tls.ClientTls;

/**
 * The handlers below the MQTT codec for tls://, ws:// and wss:// brokers, in pipeline order:
 * <pre>
 *   tls (SslHandler) -> http (HttpClientCodec) -> httpAggregator -> ws (WebSocketClientProtocolHandler)
 *     -> wsFrames (WebSocketFrames) -> transportGate -> mqttEncoder -> mqttDecoder -> mqttConnection
 * </pre>
 * each present only when the URL asks for it. The WebSocket handshaker offers subprotocol "mqtt" and, after
 * 101, replaces the HTTP codec with the frame codec itself.
 */
final class TransportLayers {
  /** Largest WebSocket frame accepted: an MQTT packet, as the decoder allows, plus a frame header. */
  private static final int MAX_FRAME = MqttPipeline.MAX_PACKET_BYTES + 16;

  private TransportLayers() {}

  static TransportGate install(Channel channel, TransportSettings settings, String clientId, int resumptionKey,
      TransportTimings timings, ChannelPromise ready, TransportObserver observer) {
    BrokerUrl url = settings.url();
    ClientTls tls = settings.tls();
    ChannelPipeline p = channel.pipeline();
    boolean identity = false;
    String peer = url.host();
    if (url.tls()) {
      p.addLast("tls", tls.newHandler(channel.alloc(), clientId, url.host(), resumptionKey));
      identity = tls.options().certFile() != null || tls.options().deviceCerts();
      peer = tls.options().serverName() != null ? tls.options().serverName() : url.host();
    }
    if (url.webSocket()) {
      URI uri = URI.create((url.tls() ? "wss" : "ws") + "://" + hostPort(url) + url.path());
      WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
          .webSocketUri(uri)
          .subprotocol("mqtt")
          .version(WebSocketVersion.V13)
          .maxFramePayloadLength(MAX_FRAME)
          .handleCloseFrames(true)
          .dropPongFrames(true)
          // the connection's own timer bounds the attempt; this only guards a broker that never answers
          .handshakeTimeoutMillis(settings.connectTimeout().toMillis() + 1000)
          .build();
      p.addLast("http", new HttpClientCodec());
      p.addLast("httpAggregator", new HttpObjectAggregator(8192));
      p.addLast("ws", new WebSocketClientProtocolHandler(
          WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, "mqtt", false,
              new DefaultHttpHeaders(), MAX_FRAME), config));
      p.addLast("wsFrames", WebSocketFrames.INSTANCE);
    }
    TransportGate gate = new TransportGate(timings, ready, observer, url.tls(), url.webSocket(), identity, peer);
    p.addLast("transportGate", gate);
    return gate;
  }

  private static String hostPort(BrokerUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return host + ":" + url.port();
  }
}
