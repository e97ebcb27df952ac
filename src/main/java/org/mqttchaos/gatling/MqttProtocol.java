package org.mqttchaos.gatling;

import io.gatling.core.protocol.Protocol;
import java.time.Duration;
import java.util.List;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.tls.TlsOptions;

/**
 * Gatling protocol for MQTT: where the broker is and how to reach it. Built by the DSL's
 * {@code MqttDsl.mqtt()} builder; immutable.
 *
 * @param broker          the broker URL: host (resolved once per run), port and transport
 * @param tls             TLS settings, used when the URL's scheme is a TLS one
 * @param version         MQTT protocol version
 * @param connectTimeout  bound of a whole connect attempt (TCP + CONNACK)
 * @param sourceAddresses local addresses client sockets are spread over; empty lets the OS choose
 * @param username        null for none
 * @param password        null for none
 * @param willFilter      topic filter an observer client subscribes to, to check will messages; null for none
 * @param willQos         QoS of that subscription
 * @param startGrid       step of the grid planned first connects start on; zero: each at its own instant
 */
public record MqttProtocol(
    BrokerUrl broker,
    TlsOptions tls,
    MqttVersion version,
    Duration connectTimeout,
    List<String> sourceAddresses,
    String username,
    String password,
    String willFilter,
    int willQos,
    Duration startGrid)
    implements Protocol {

  /** The default start grid: measured, the cheapest step that keeps start-lag near a millisecond. */
  public static final Duration DEFAULT_START_GRID = Duration.ofMillis(1);

  public MqttProtocol {
    sourceAddresses = List.copyOf(sourceAddresses);
    tls = tls == null ? TlsOptions.DEFAULTS : tls;
  }

  /** Plain TCP to {@code host:port}. */
  public MqttProtocol(String host, int port, MqttVersion version, Duration connectTimeout,
      List<String> sourceAddresses, String username, String password, String willFilter, int willQos,
      Duration startGrid) {
    this(BrokerUrl.tcp(host, port), TlsOptions.DEFAULTS, version, connectTimeout, sourceAddresses, username,
        password, willFilter, willQos, startGrid);
  }

  public String host() {
    return broker.host();
  }

  public int port() {
    return broker.port();
  }

  /** "mqtts://broker.example:8883", as summaries name the broker. */
  public String url() {
    return broker.toString();
  }

  public MqttProtocol withBroker(BrokerUrl newBroker) {
    return new MqttProtocol(newBroker, tls, version, connectTimeout, sourceAddresses, username, password,
        willFilter, willQos, startGrid);
  }

  public MqttProtocol withTls(TlsOptions newTls) {
    return new MqttProtocol(broker, newTls, version, connectTimeout, sourceAddresses, username, password,
        willFilter, willQos, startGrid);
  }

  public MqttProtocol withBroker(String newHost, int newPort) {
    return new MqttProtocol(BrokerUrl.tcp(newHost, newPort), tls, version, connectTimeout, sourceAddresses, username, password,
        willFilter, willQos, startGrid);
  }

  public MqttProtocol withVersion(MqttVersion newVersion) {
    return new MqttProtocol(broker, tls, newVersion, connectTimeout, sourceAddresses, username, password,
        willFilter, willQos, startGrid);
  }

  public MqttProtocol withConnectTimeout(Duration timeout) {
    return new MqttProtocol(broker, tls, version, timeout, sourceAddresses, username, password, willFilter, willQos,
        startGrid);
  }

  public MqttProtocol withSourceAddresses(List<String> addresses) {
    return new MqttProtocol(broker, tls, version, connectTimeout, addresses, username, password, willFilter, willQos,
        startGrid);
  }

  public MqttProtocol withCredentials(String newUsername, String newPassword) {
    return new MqttProtocol(broker, tls, version, connectTimeout, sourceAddresses, newUsername, newPassword,
        willFilter, willQos, startGrid);
  }

  public MqttProtocol withStartGrid(Duration grid) {
    return new MqttProtocol(broker, tls, version, connectTimeout, sourceAddresses, username, password, willFilter,
        willQos, grid);
  }

  public MqttProtocol withWillObserver(String filter, int qos) {
    return new MqttProtocol(broker, tls, version, connectTimeout, sourceAddresses, username, password, filter, qos,
        startGrid);
  }
}
