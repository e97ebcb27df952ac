package org.mqttchaos.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A broker URL, parsed in this one place for profiles, {@code simulate --broker} and the DSL: the scheme picks the
 * transport and its default port, a WebSocket URL keeps its path (default {@code /mqtt}).
 *
 * <pre>
 * tcp://, mqtt://            plain TCP        1883
 * ssl://, tls://, mqtts://   TLS              8883
 * ws://                      WebSocket        80    path /mqtt unless given
 * wss://                     WebSocket + TLS  443   path /mqtt unless given
 * </pre>
 *
 * @param scheme the scheme as written, lower case ("mqtts"); {@link #toString} keeps it
 * @param host   host name or IP literal, without brackets
 * @param port   the given port or the scheme's default
 * @param path   the WebSocket path (starts with '/'); "" for TCP and TLS
 */
public record BrokerUrl(String scheme, String host, int port, String path) {
  /** The scheme list that every message names. */
  public static final String SCHEMES = "tcp, mqtt, ssl, tls, mqtts, ws or wss";
  public static final String DEFAULT_WS_PATH = "/mqtt";

  private static final Map<String, Transport> TRANSPORTS = Map.of(
      "tcp", Transport.TCP, "mqtt", Transport.TCP,
      "ssl", Transport.TLS, "tls", Transport.TLS, "mqtts", Transport.TLS,
      "ws", Transport.WS, "wss", Transport.WSS);

  /** How bytes reach the broker. */
  public enum Transport {
    TCP(1883, false, false), TLS(8883, true, false), WS(80, false, true), WSS(443, true, true);

    private final int defaultPort;
    private final boolean tls;
    private final boolean webSocket;

    Transport(int defaultPort, boolean tls, boolean webSocket) {
      this.defaultPort = defaultPort;
      this.tls = tls;
      this.webSocket = webSocket;
    }

    public int defaultPort() {
      return defaultPort;
    }

    public boolean tls() {
      return tls;
    }

    public boolean webSocket() {
      return webSocket;
    }
  }

  public BrokerUrl {
    Objects.requireNonNull(host, "host");
    if (!TRANSPORTS.containsKey(scheme)) {
      throw new IllegalArgumentException("unknown scheme '" + scheme + "': use " + SCHEMES);
    }
    path = path == null ? "" : path;
  }

  /** A plain TCP URL, as the embedded broker and tests name one. */
  public static BrokerUrl tcp(String host, int port) {
    return new BrokerUrl("tcp", host, port, "");
  }

  /**
   * Parses {@code url}.
   *
   * @throws IllegalArgumentException with a one-line message saying what is wrong, e.g. "unknown scheme 'http'"
   */
  public static BrokerUrl parse(String url) {
    if (!url.contains("://")) {
      throw new IllegalArgumentException("no scheme: write it like tcp://" + url.strip());
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    Transport transport = TRANSPORTS.get(scheme);
    if (transport == null) {
      throw new IllegalArgumentException("unknown scheme '" + uri.getScheme() + "': use " + SCHEMES);
    }
    if (uri.getHost() == null) {
      // URI leaves host null for "tcp://host:99999" too (a server-based authority it could not parse)
      throw new IllegalArgumentException(uri.getRawAuthority() == null
          ? "no host" : "bad host or port '" + uri.getRawAuthority() + "' (ports are 1 to 65535)");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException("user info in the URL is not used: give broker.username and broker.password");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new IllegalArgumentException("port " + uri.getPort() + " is not from 1 to 65535");
    }
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    String path;
    if (transport.webSocket()) {
      path = rawPath.isEmpty() ? DEFAULT_WS_PATH : rawPath;
      if (uri.getRawQuery() != null) {
        path = path + "?" + uri.getRawQuery();
      }
    } else {
      if (!rawPath.isEmpty() && !rawPath.equals("/") || uri.getRawQuery() != null) {
        throw new IllegalArgumentException("a path is only for ws:// and wss:// URLs, got '" + rawPath
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + "'");
      }
      path = "";
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("a broker URL has no #fragment");
    }
    String host = uri.getHost();
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new BrokerUrl(scheme, host, uri.getPort() == -1 ? transport.defaultPort() : uri.getPort(), path);
  }

  public Transport transport() {
    return TRANSPORTS.get(scheme);
  }

  public boolean tls() {
    return transport().tls();
  }

  public boolean webSocket() {
    return transport().webSocket();
  }

  /** The URL with its port written out: "mqtts://broker.example:8883", "wss://[::1]:443/mqtt". */
  @Override
  public String toString() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return scheme + "://" + h + ":" + port + path;
  }
}
