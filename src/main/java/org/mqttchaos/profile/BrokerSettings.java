package org.mqttchaos.profile;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import org.mqttchaos.client.MqttVersion;

/**
 * Which broker to load and how to reach it. {@code url} is null for the embedded broker;
 * {@code username} and {@code password} are null when not set.
 */
public record BrokerSettings(
    String url,
    MqttVersion mqttVersion,
    String username,
    String password,
    List<String> sourceAddresses,
    Duration connectTimeout) {

  static final int DEFAULT_PORT = 1883;

  public BrokerSettings {
    sourceAddresses = List.copyOf(sourceAddresses);
    if (url != null) {
      checkUrl(url);
    }
  }

  /** True when no URL is given: the harness starts its own broker on a free loopback port. */
  public boolean embedded() {
    return url == null;
  }

  /** The broker's host name or IP literal (without brackets); not defined for the embedded broker. */
  public String host() {
    String host = external().getHost();
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** The broker's port, 1883 when the URL names none; not defined for the embedded broker. */
  public int port() {
    int port = external().getPort();
    return port == -1 ? DEFAULT_PORT : port;
  }

  private URI external() {
    if (url == null) {
      throw new IllegalStateException("the embedded broker's address is chosen when it starts");
    }
    return checkUrl(url);
  }

  /** Parses tcp://host[:port] or mqtt://host[:port]; throws IllegalArgumentException otherwise. */
  static URI checkUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a broker URL like tcp://127.0.0.1:1883: " + url);
    }
    boolean schemeOk = "tcp".equalsIgnoreCase(uri.getScheme()) || "mqtt".equalsIgnoreCase(uri.getScheme());
    boolean pathOk = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
    boolean portOk = uri.getPort() == -1 || (uri.getPort() >= 1 && uri.getPort() <= 65535);
    if (!schemeOk || uri.getHost() == null || uri.getUserInfo() != null || !pathOk || !portOk
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("not a broker URL like tcp://127.0.0.1:1883: " + url);
    }
    return uri;
  }

  /** Never shows the password, so a logged profile leaks nothing. */
  @Override
  public String toString() {
    return "BrokerSettings[url=" + url + ", mqttVersion=" + mqttVersion + ", username=" + username
        + ", password=" + (password == null ? null : "***") + ", sourceAddresses=" + sourceAddresses
        + ", connectTimeout=" + connectTimeout + "]";
  }
}
