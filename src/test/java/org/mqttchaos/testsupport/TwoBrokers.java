package org.mqttchaos.testsupport;

import java.util.List;
import org.mqttchaos.broker.EmbeddedBroker;

/**
 * The two brokers the CLI integration tests run against, started once for a test class: a real mosquitto
 * ({@link MosquittoBroker}, with the class's extra config lines) and the embedded broker, each on loopback and a free
 * port, plain TCP. Runs of one class share them: each run draws its own client-ID prefix, so an earlier run's sessions
 * cannot answer a later one's. A test names a broker "mosquitto" or "embedded"; close to stop both.
 */
public final class TwoBrokers implements AutoCloseable {
  private final MosquittoBroker mosquitto;
  private final EmbeddedBroker embedded;

  private TwoBrokers(MosquittoBroker mosquitto, EmbeddedBroker embedded) {
    this.mosquitto = mosquitto;
    this.embedded = embedded;
  }

  /** Starts both; {@code mosquittoConfig}: extra lines for mosquitto's config (e.g. "max_inflight_messages 1000"). */
  public static TwoBrokers start(String... mosquittoConfig) {
    MosquittoBroker mosquitto = MosquittoBroker.start(mosquittoConfig);
    try {
      return new TwoBrokers(mosquitto, EmbeddedBroker.start("127.0.0.1", 0));
    } catch (RuntimeException e) {
      mosquitto.close();
      throw e;
    }
  }

  /** The port of "mosquitto" or "embedded"; anything else is an IllegalArgumentException. */
  public int port(String broker) {
    if (broker.equals("mosquitto")) {
      return mosquitto.port();
    }
    if (broker.equals("embedded")) {
      return embedded.port();
    }
    throw new IllegalArgumentException("no broker named '" + broker + "': mosquitto or embedded");
  }

  /** The CLI options that point a run at {@code broker}: {@code --set broker.url=tcp://127.0.0.1:<port>}. */
  public List<String> urlArgs(String broker) {
    return List.of("--set", "broker.url=tcp://127.0.0.1:" + port(broker));
  }

  public MosquittoBroker mosquitto() {
    return mosquitto;
  }

  @Override
  public void close() {
    try {
      mosquitto.close();
    } finally {
      embedded.close();
    }
  }
}
