package org.mqttchaos.profile;

import java.time.Duration;
import java.util.List;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.tls.TlsOptions;

/**
 * Which broker to load and how to reach it. {@code url} is null for the embedded broker;
 * {@code username} and {@code password} are null when not set; {@code tls} applies to TLS URLs only.
 */
public record BrokerSettings(
    String url,
    MqttVersion mqttVersion,
    String username,
    String password,
    List<String> sourceAddresses,
    Duration connectTimeout,
    TlsOptions tls) {

  public BrokerSettings {
    sourceAddresses = List.copyOf(sourceAddresses);
    tls = tls == null ? TlsOptions.DEFAULTS : tls;
    if (url != null) {
      BrokerUrl.parse(url);
    }
  }

  /** Plain settings with TLS defaults (used only by a TLS URL). */
  public BrokerSettings(String url, MqttVersion mqttVersion, String username, String password,
      List<String> sourceAddresses, Duration connectTimeout) {
    this(url, mqttVersion, username, password, sourceAddresses, connectTimeout, TlsOptions.DEFAULTS);
  }

  /** True when no URL is given: the harness starts its own broker on a free loopback port. */
  public boolean embedded() {
    return url == null;
  }

  /** The parsed URL; not defined for the embedded broker. */
  public BrokerUrl brokerUrl() {
    if (url == null) {
      throw new IllegalStateException("the embedded broker's address is chosen when it starts");
    }
    return BrokerUrl.parse(url);
  }

  /** The broker's host name or IP literal (without brackets); not defined for the embedded broker. */
  public String host() {
    return brokerUrl().host();
  }

  /** The broker's port, the scheme's default when the URL names none; not defined for the embedded broker. */
  public int port() {
    return brokerUrl().port();
  }

  /** Never shows the password, so a logged profile leaks nothing. */
  @Override
  public String toString() {
    return "BrokerSettings[url=" + url + ", mqttVersion=" + mqttVersion + ", username=" + username
        + ", password=" + (password == null ? null : "***") + ", sourceAddresses=" + sourceAddresses
        + ", connectTimeout=" + connectTimeout + ", tls=" + tls + "]";
  }
}
