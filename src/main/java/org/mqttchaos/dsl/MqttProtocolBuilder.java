package org.mqttchaos.dsl;

import io.gatling.core.protocol.Protocol;
import io.gatling.javaapi.core.ProtocolBuilder;
import java.time.Duration;
import java.util.List;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.tls.TlsOptions;
import org.mqttchaos.gatling.MqttProtocol;

/** Immutable builder of the MQTT protocol; see {@link MqttDsl#mqtt()}. */
public final class MqttProtocolBuilder implements ProtocolBuilder {
  /**
   * The default broker: the one `mqtt-chaos simulate` was given (system property mqttchaos.broker.url, or
   * mqttchaos.broker.host and .port), else tcp://127.0.0.1:1883. Read when {@link MqttDsl#mqtt()} is called,
   * inside a simulation.
   */
  static MqttProtocolBuilder defaults() {
    String url = System.getProperty("mqttchaos.broker.url");
    String host = System.getProperty("mqttchaos.broker.host", "127.0.0.1");
    int port = Integer.getInteger("mqttchaos.broker.port", 1883);
    MqttProtocol protocol = new MqttProtocol(host, port, MqttVersion.V3_1_1, Duration.ofSeconds(10), List.of(), null,
        null, null, 0, MqttProtocol.DEFAULT_START_GRID);
    return new MqttProtocolBuilder(url == null ? protocol : protocol.withBroker(BrokerUrl.parse(url)));
  }

  private final MqttProtocol protocol;

  private MqttProtocolBuilder(MqttProtocol protocol) {
    this.protocol = protocol;
  }

  /** Broker host (resolved once per run) and port. */
  public MqttProtocolBuilder broker(String host, int port) {
    return new MqttProtocolBuilder(protocol.withBroker(host, port));
  }

  /**
   * The broker by URL: tcp:// or mqtt:// (1883), ssl://, tls:// or mqtts:// (8883), ws:// (80) or wss:// (443),
   * the WebSocket path /mqtt unless given.
   *
   * @throws IllegalArgumentException naming what is wrong with the URL
   */
  public MqttProtocolBuilder broker(String url) {
    try {
      return new MqttProtocolBuilder(protocol.withBroker(BrokerUrl.parse(url)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("broker URL '" + url + "': " + e.getMessage());
    }
  }

  /**
   * TLS for ssl://, tls://, mqtts:// and wss:// brokers: trust, client or per-device certificates, protocols,
   * resumption. Without it: the JVM's trust store, no client certificate, TLSv1.3 and 1.2, resumption on.
   */
  public MqttProtocolBuilder tls(TlsOptions options) {
    return new MqttProtocolBuilder(protocol.withTls(options));
  }

  /** "3.1.1" (default) or "5". */
  public MqttProtocolBuilder mqttVersion(String version) {
    return new MqttProtocolBuilder(protocol.withVersion(MqttVersion.fromLabel(version)));
  }

  /** Bound of a whole connect attempt, TCP and CONNACK (default 10 s). */
  public MqttProtocolBuilder connectTimeout(Duration timeout) {
    return new MqttProtocolBuilder(protocol.withConnectTimeout(timeout));
  }

  /** Local IP addresses to spread client sockets over (each gives about 28,000 ephemeral ports). */
  public MqttProtocolBuilder sourceAddresses(String... addresses) {
    return new MqttProtocolBuilder(protocol.withSourceAddresses(List.of(addresses)));
  }

  /**
   * Planned first connects (a user with the {@link MqttDsl#SCHEDULED_START_NANOS} attribute) start on a grid
   * of this step: the users due within one step start in one wake-up of their event loop (default 1 ms).
   * A finer grid starts users closer to their instant and costs CPU: measured at 5,000 connects/s, zero
   * (each user at its own instant) took ~30% more CPU than 1 ms. Publishers of stamped messages wake on the same
   * grid: a message leaves up to one step after its planned instant (its delivery latency includes the wait).
   */
  public MqttProtocolBuilder startGrid(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("start grid must be >= 0, got " + step);
    }
    return new MqttProtocolBuilder(protocol.withStartGrid(step));
  }

  /** Username and password sent in every CONNECT. */
  public MqttProtocolBuilder credentials(String username, String password) {
    return new MqttProtocolBuilder(protocol.withCredentials(username, password));
  }

  /**
   * Check will messages: an observer client subscribes to this filter (e.g. "chaos/will/+") before any
   * user starts, and every will is matched to the close that caused it (missing, duplicate, after a
   * graceful DISCONNECT: findings; will delay: a histogram).
   */
  public MqttProtocolBuilder observeWills(String topicFilter, int qos) {
    return new MqttProtocolBuilder(protocol.withWillObserver(topicFilter, qos));
  }

  @Override
  public Protocol protocol() {
    return protocol;
  }
}
