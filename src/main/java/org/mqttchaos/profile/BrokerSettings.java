package org.mqttchaos.profile;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.tls.TlsOptions;

/**
 * Which broker to load and how to reach it. {@code url} is null for the embedded broker over plain TCP, or
 * {@code embedded+tls}, {@code embedded+ws}, {@code embedded+wss} for the embedded broker over another transport;
 * {@code username} and {@code password} are null when not set; {@code tls} applies to TLS transports only.
 *
 * @param embeddedDeviceCerts the embedded broker requires client certificates signed by a device CA it makes at
 *                            start, and each client gets its own from that CA ({@code deviceCerts.caFile:
 *                            embedded}); only with an embedded TLS transport
 */
public record BrokerSettings(
    String url,
    MqttVersion mqttVersion,
    String username,
    String password,
    List<String> sourceAddresses,
    Duration connectTimeout,
    TlsOptions tls,
    boolean embeddedDeviceCerts,
    EmbeddedLimits embeddedLimits) {

  /** The embedded broker's name in broker.url; {@code embedded+tls} and the like name its transport too. */
  public static final String EMBEDDED = "embedded";
  /** Every form of the embedded broker broker.url takes, each lower case. */
  public static final List<String> EMBEDDED_FORMS =
      List.of(EMBEDDED, EMBEDDED + "+tls", EMBEDDED + "+ws", EMBEDDED + "+wss");

  public BrokerSettings {
    sourceAddresses = List.copyOf(sourceAddresses);
    embeddedLimits = embeddedLimits == null ? EmbeddedLimits.NONE : embeddedLimits;
    tls = tls == null ? TlsOptions.DEFAULTS : tls;
    if (url != null && isEmbedded(url)) {
      url = url.strip().toLowerCase(Locale.ROOT);
      url = url.equals(EMBEDDED) ? null : url;
    } else if (url != null) {
      BrokerUrl.parse(url);
    }
    if (embeddedDeviceCerts && (url == null || !isEmbedded(url) || !embeddedTransport(url).tls())) {
      throw new IllegalArgumentException("embedded device certificates need the embedded broker over TLS, not " + url);
    }
  }

  /** Settings without limits on the embedded broker. */
  public BrokerSettings(String url, MqttVersion mqttVersion, String username, String password,
      List<String> sourceAddresses, Duration connectTimeout, TlsOptions tls, boolean embeddedDeviceCerts) {
    this(url, mqttVersion, username, password, sourceAddresses, connectTimeout, tls, embeddedDeviceCerts,
        EmbeddedLimits.NONE);
  }

  /** Settings without embedded device certificates. */
  public BrokerSettings(String url, MqttVersion mqttVersion, String username, String password,
      List<String> sourceAddresses, Duration connectTimeout, TlsOptions tls) {
    this(url, mqttVersion, username, password, sourceAddresses, connectTimeout, tls, false);
  }

  /** Plain settings with TLS defaults (used only by a TLS URL). */
  public BrokerSettings(String url, MqttVersion mqttVersion, String username, String password,
      List<String> sourceAddresses, Duration connectTimeout) {
    this(url, mqttVersion, username, password, sourceAddresses, connectTimeout, TlsOptions.DEFAULTS);
  }

  /** True for "embedded" and its forms with a transport ("embedded+tls"), case ignored. */
  public static boolean isEmbedded(String url) {
    return EMBEDDED_FORMS.contains(url.strip().toLowerCase(Locale.ROOT));
  }

  /** The transport an embedded form names: TCP for "embedded", TLS for "embedded+tls", ... */
  static BrokerUrl.Transport embeddedTransport(String form) {
    String suffix = form.strip().toLowerCase(Locale.ROOT).substring(EMBEDDED.length());
    return switch (suffix) {
      case "+tls" -> BrokerUrl.Transport.TLS;
      case "+ws" -> BrokerUrl.Transport.WS;
      case "+wss" -> BrokerUrl.Transport.WSS;
      default -> BrokerUrl.Transport.TCP;
    };
  }

  /** True when the harness starts its own broker on a free loopback port. */
  public boolean embedded() {
    return url == null || isEmbedded(url);
  }

  /** The embedded broker's transport: TCP, TLS, WS or WSS; not defined for another broker. */
  public BrokerUrl.Transport embeddedTransport() {
    if (!embedded()) {
      throw new IllegalStateException("not the embedded broker: " + url);
    }
    return url == null ? BrokerUrl.Transport.TCP : embeddedTransport(url);
  }

  /** "embedded", "embedded+tls (client certificates required)", or the URL: as the console names the broker. */
  public String label() {
    if (!embedded()) {
      return url;
    }
    return (url == null ? EMBEDDED : url) + (embeddedDeviceCerts ? " (client certificates required)" : "");
  }

  /** The parsed URL; not defined for the embedded broker. */
  public BrokerUrl brokerUrl() {
    if (embedded()) {
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
        + ", connectTimeout=" + connectTimeout + ", tls=" + tls + ", embeddedDeviceCerts=" + embeddedDeviceCerts
        + ", embeddedLimits=" + embeddedLimits + "]";
  }
}
