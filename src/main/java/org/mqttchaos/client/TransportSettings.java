package org.mqttchaos.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.mqttchaos.client.tls.ClientTls;

/**
 * What every connection of one run shares: where the broker is, which local addresses to connect from,
 * the protocol version, how long one connect attempt may take, and the transport (TCP, TLS, WebSocket).
 *
 * @param broker          the broker, resolved once by the caller (never per connect)
 * @param sourceAddresses local addresses to bind client sockets to, used round-robin; empty lets the OS choose
 * @param version         MQTT version of every CONNECT
 * @param connectTimeout  bounds a whole attempt, from the TCP connect start to CONNACK (TLS and WebSocket included)
 * @param url             the broker URL: its scheme picks the transport, its host is the TLS peer name and the
 *                        WebSocket Host; null: tcp:// to {@code broker}
 * @param tls             the loaded TLS set-up; required when the URL's scheme is a TLS one, else ignored
 */
public record TransportSettings(
    InetSocketAddress broker, List<InetAddress> sourceAddresses, MqttVersion version, Duration connectTimeout,
    BrokerUrl url, ClientTls tls) {

  public TransportSettings {
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (broker.isUnresolved()) {
      throw new IllegalArgumentException("broker address " + broker + " is not resolved");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
    }
    sourceAddresses = sourceAddresses == null ? List.of() : List.copyOf(sourceAddresses);
    if (url == null) {
      url = BrokerUrl.tcp(broker.getAddress().getHostAddress(), broker.getPort());
    }
    if (url.tls() && tls == null) {
      throw new IllegalArgumentException(url + " needs TLS settings");
    }
    if (!url.tls()) {
      tls = null;
    }
  }

  /** Plain TCP. */
  public TransportSettings(InetSocketAddress broker, List<InetAddress> sourceAddresses, MqttVersion version,
      Duration connectTimeout) {
    this(broker, sourceAddresses, version, connectTimeout, null, null);
  }

  /** Settings without source addresses: the OS picks the local address. */
  public static TransportSettings of(InetSocketAddress broker, MqttVersion version, Duration connectTimeout) {
    return new TransportSettings(broker, List.of(), version, connectTimeout);
  }

  /** The same settings over another transport. */
  public TransportSettings withTransport(BrokerUrl newUrl, ClientTls newTls) {
    return new TransportSettings(broker, sourceAddresses, version, connectTimeout, newUrl, newTls);
  }

  /** "127.0.0.1:1883", as failure messages name the broker. */
  public String brokerLabel() {
    return broker.getAddress().getHostAddress() + ":" + broker.getPort();
  }
}
