package org.mqttchaos.engine;

import org.mqttchaos.client.BrokerUrl;

/** Where the clients connect, and whether that is the embedded broker. */
public record BrokerTarget(BrokerUrl broker, boolean embedded) {
  public BrokerTarget(String host, int port, boolean embedded) {
    this(BrokerUrl.tcp(host, port), embedded);
  }

  public String host() {
    return broker.host();
  }

  public int port() {
    return broker.port();
  }

  /** "mqtts://host:8883", the port written out. */
  public String url() {
    return broker.toString();
  }
}
