package org.mqttchaos.cli;

import org.mqttchaos.broker.EmbeddedBroker;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.engine.BrokerTarget;

/** The broker of a run: the one named, or the embedded one started on 127.0.0.1 and a free port. */
final class BrokerChoice implements AutoCloseable {
  private final BrokerTarget target;
  private final EmbeddedBroker embedded;

  private BrokerChoice(BrokerTarget target, EmbeddedBroker embedded) {
    this.target = target;
    this.embedded = embedded;
  }

  /** Starts the embedded broker on 127.0.0.1 and a free port. */
  static BrokerChoice embedded() {
    EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
    return new BrokerChoice(new BrokerTarget("127.0.0.1", broker.port(), true), broker);
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
