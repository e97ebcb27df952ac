package org.mqttchaos.dsl;

import io.gatling.core.protocol.Protocol;
import io.gatling.javaapi.core.ProtocolBuilder;
import java.time.Duration;
import java.util.List;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.gatling.MqttProtocol;

/** Immutable builder of the MQTT protocol; see {@link MqttDsl#mqtt()}. */
public final class MqttProtocolBuilder implements ProtocolBuilder {
  static final MqttProtocolBuilder DEFAULT = new MqttProtocolBuilder(
      new MqttProtocol("127.0.0.1", 1883, MqttVersion.V3_1_1, Duration.ofSeconds(10), List.of(), null, null));

  private final MqttProtocol protocol;

  private MqttProtocolBuilder(MqttProtocol protocol) {
    this.protocol = protocol;
  }

  /** Broker host (resolved once per run) and port. */
  public MqttProtocolBuilder broker(String host, int port) {
    return new MqttProtocolBuilder(new MqttProtocol(host, port, protocol.version(), protocol.connectTimeout(),
        protocol.sourceAddresses(), protocol.username(), protocol.password()));
  }

  /** "3.1.1" (default) or "5". */
  public MqttProtocolBuilder mqttVersion(String version) {
    return new MqttProtocolBuilder(new MqttProtocol(protocol.host(), protocol.port(), MqttVersion.fromLabel(version),
        protocol.connectTimeout(), protocol.sourceAddresses(), protocol.username(), protocol.password()));
  }

  /** Bound of a whole connect attempt, TCP and CONNACK (default 10 s). */
  public MqttProtocolBuilder connectTimeout(Duration timeout) {
    return new MqttProtocolBuilder(new MqttProtocol(protocol.host(), protocol.port(), protocol.version(), timeout,
        protocol.sourceAddresses(), protocol.username(), protocol.password()));
  }

  /** Local IP addresses to spread client sockets over (each gives about 28,000 ephemeral ports). */
  public MqttProtocolBuilder sourceAddresses(String... addresses) {
    return new MqttProtocolBuilder(new MqttProtocol(protocol.host(), protocol.port(), protocol.version(),
        protocol.connectTimeout(), List.of(addresses), protocol.username(), protocol.password()));
  }

  /** Username and password sent in every CONNECT. */
  public MqttProtocolBuilder credentials(String username, String password) {
    return new MqttProtocolBuilder(new MqttProtocol(protocol.host(), protocol.port(), protocol.version(),
        protocol.connectTimeout(), protocol.sourceAddresses(), username, password));
  }

  @Override
  public Protocol protocol() {
    return protocol;
  }
}
