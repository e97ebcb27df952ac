package org.mqttchaos.engine;

import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.tls.TlsOptions;

/**
 * Where the clients connect, whether that is the embedded broker, and with which TLS settings.
 *
 * @param broker   the broker's URL, port written out; the embedded broker's once it started
 * @param embedded the harness started this broker itself
 * @param tls      the TLS settings of the run when they are not the profile's own: the profile's with the embedded
 *                 broker's throwaway CA trusted (and its device CA minting client certificates); null otherwise
 */
public record BrokerTarget(BrokerUrl broker, boolean embedded, TlsOptions tls) {
  public BrokerTarget(BrokerUrl broker, boolean embedded) {
    this(broker, embedded, null);
  }

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
