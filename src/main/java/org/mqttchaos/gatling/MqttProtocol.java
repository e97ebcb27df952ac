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
 */
public record MqttProtocol(
    String host,
    int port,
    MqttVersion version,
    Duration connectTimeout,
    List<String> sourceAddresses,
    String username,
    String password)
    implements Protocol {

  public MqttProtocol {
    sourceAddresses = List.copyOf(sourceAddresses);
  }
}
