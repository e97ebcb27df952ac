package org.mqttchaos.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What every connection of one run shares: where the broker is, which local addresses to connect from,
 * the protocol version and how long one connect attempt may take.
 *
 * @param broker          the broker, resolved once by the caller (never per connect)
 * @param sourceAddresses local addresses to bind client sockets to, used round-robin; empty lets the OS choose
 * @param version         MQTT version of every CONNECT
 * @param connectTimeout  bounds a whole attempt, from the TCP connect start to CONNACK
 */
public record TransportSettings(
    InetSocketAddress broker, List<InetAddress> sourceAddresses, MqttVersion version, Duration connectTimeout) {

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
  }

  /** Settings without source addresses: the OS picks the local address. */
  public static TransportSettings of(InetSocketAddress broker, MqttVersion version, Duration connectTimeout) {
    return new TransportSettings(broker, List.of(), version, connectTimeout);
  }

  /** "127.0.0.1:1883", as failure messages name the broker. */
  public String brokerLabel() {
    return broker.getAddress().getHostAddress() + ":" + broker.getPort();
  }
}
