package org.mqttchaos.engine;

/** Where the clients connect, and whether that is the embedded broker. */
public record BrokerTarget(String host, int port, boolean embedded) {
  public String url() {
    return "tcp://" + host + ":" + port;
  }
}
