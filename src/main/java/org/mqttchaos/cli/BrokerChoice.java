package org.mqttchaos.cli;

import org.mqttchaos.broker.EmbeddedBroker;
import org.mqttchaos.broker.Listener;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.tls.TlsOptions;
import org.mqttchaos.engine.BrokerTarget;
import org.mqttchaos.profile.BrokerSettings;

/** The broker of a run: the one named, or the embedded one started on 127.0.0.1 and a free port. */
final class BrokerChoice implements AutoCloseable {
  private final BrokerTarget target;
  private final EmbeddedBroker embedded;

  private BrokerChoice(BrokerTarget target, EmbeddedBroker embedded) {
    this.target = target;
    this.embedded = embedded;
  }

  /** Starts the embedded broker on 127.0.0.1 and a free port, over plain TCP. */
  static BrokerChoice embedded() {
    EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
    return new BrokerChoice(new BrokerTarget("127.0.0.1", broker.port(), true), broker);
  }

  /**
   * Starts the embedded broker on 127.0.0.1 and a free port with the listener the profile asks for: over TLS its
   * throwaway CA is trusted, and with {@code deviceCerts.caFile: embedded} each client mints its certificate
   * from the broker's device CA.
   */
  static BrokerChoice embedded(BrokerSettings settings) {
    Listener listener = new Listener(settings.embeddedTransport(), settings.embeddedDeviceCerts());
    EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0, listener);
    TlsOptions tls = null;
    if (broker.caFile().isPresent()) {
      tls = settings.tls().withTrust(broker.caFile().get());
      if (settings.embeddedDeviceCerts()) {
        tls = tls.withDeviceCa(broker.deviceCaFile().orElseThrow(), broker.deviceCaKeyFile().orElseThrow());
      }
    }
    return new BrokerChoice(new BrokerTarget(BrokerUrl.parse(broker.url()), true, tls), broker);
  }

  /** A broker somewhere else. */
  static BrokerChoice of(BrokerUrl url) {
    return new BrokerChoice(new BrokerTarget(url, false), null);
  }

  BrokerTarget target() {
    return target;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
