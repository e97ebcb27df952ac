package org.mqttchaos.broker;

import java.util.Objects;
import org.mqttchaos.client.BrokerUrl;

/**
 * The one listener the embedded broker opens: plain TCP, TLS, WebSocket or secure WebSocket (path {@code /mqtt},
 * subprotocols {@code mqtt} and {@code mqttv3.1}), and for the TLS ones whether a client must present a
 * certificate signed by the broker's throwaway device CA.
 *
 * @param transport          the transport, as a broker URL's scheme names it
 * @param clientCertificates the TLS handshake requires a client certificate (mutual TLS); TLS transports only
 */
public record Listener(BrokerUrl.Transport transport, boolean clientCertificates) {
  public static final Listener TCP = new Listener(BrokerUrl.Transport.TCP, false);
  public static final Listener TLS = new Listener(BrokerUrl.Transport.TLS, false);
  public static final Listener WS = new Listener(BrokerUrl.Transport.WS, false);
  public static final Listener WSS = new Listener(BrokerUrl.Transport.WSS, false);

  /** @throws IllegalArgumentException when client certificates are asked of a transport without TLS */
  public Listener {
    Objects.requireNonNull(transport, "transport");
    if (clientCertificates && !transport.tls()) {
      throw new IllegalArgumentException("client certificates need a TLS listener, not " + transport);
    }
  }

  /** This listener's transport, requiring client certificates. */
  public Listener requiringClientCertificates() {
    return new Listener(transport, true);
  }

  /** The scheme of the broker's URL: tcp, mqtts, ws or wss. */
  String scheme() {
    return switch (transport) {
      case TCP -> "tcp";
      case TLS -> "mqtts";
      case WS -> "ws";
      case WSS -> "wss";
    };
  }

  /** "TLS with client certificates", as the broker command and messages word it. */
  public String describe() {
    String name = switch (transport) {
      case TCP -> "plain TCP";
      case TLS -> "TLS";
      case WS -> "WebSocket";
      case WSS -> "secure WebSocket";
    };
    return clientCertificates ? name + ", client certificates required" : name;
  }
}
