package org.mqttchaos.gatling;

import io.gatling.core.protocol.Protocol;
import java.time.Duration;
import java.util.List;
import org.mqttchaos.client.MqttVersion;

/**
 * Gatling protocol for MQTT: where the broker is and how to reach it. Built by the DSL's
 * {@code MqttDsl.mqtt()} builder; immutable.
 *
 * @param host            broker host, resolved once per run
 * @param port            broker port
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
    String host,
    int port,
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
  }

  public MqttProtocol withBroker(String newHost, int newPort) {
    return new MqttProtocol(newHost, newPort, version, connectTimeout, sourceAddresses, username, password,
        willFilter, willQos, startGrid);
  }

  public MqttProtocol withVersion(MqttVersion newVersion) {
    return new MqttProtocol(host, port, newVersion, connectTimeout, sourceAddresses, username, password,
        willFilter, willQos, startGrid);
  }

  public MqttProtocol withConnectTimeout(Duration timeout) {
    return new MqttProtocol(host, port, version, timeout, sourceAddresses, username, password, willFilter, willQos,
        startGrid);
  }

  public MqttProtocol withSourceAddresses(List<String> addresses) {
    return new MqttProtocol(host, port, version, connectTimeout, addresses, username, password, willFilter, willQos,
        startGrid);
  }

  public MqttProtocol withCredentials(String newUsername, String newPassword) {
    return new MqttProtocol(host, port, version, connectTimeout, sourceAddresses, newUsername, newPassword,
        willFilter, willQos, startGrid);
  }

  public MqttProtocol withStartGrid(Duration grid) {
    return new MqttProtocol(host, port, version, connectTimeout, sourceAddresses, username, password, willFilter,
        willQos, grid);
  }

  public MqttProtocol withWillObserver(String filter, int qos) {
    return new MqttProtocol(host, port, version, connectTimeout, sourceAddresses, username, password, filter, qos,
        startGrid);
  }
}
