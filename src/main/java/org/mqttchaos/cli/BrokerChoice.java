package org.mqttchaos.cli;

import java.time.Duration;
import org.mqttchaos.broker.BrokerLimits;
import org.mqttchaos.broker.EmbeddedBroker;
import org.mqttchaos.broker.Listener;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.tls.TlsOptions;
import org.mqttchaos.engine.BrokerTarget;
import org.mqttchaos.profile.BrokerSettings;
import org.mqttchaos.profile.EmbeddedLimits;

/** The broker of a run: the one named, or the embedded one started on 127.0.0.1 and a free port. */
final class BrokerChoice implements AutoCloseable {
  /**
   * Handshakes of the embedded broker's TLS warm-up: measured on 2 busy cores with the launcher's JVM options, the
   * first took ~400 ms, the 50th ~50 ms, from the 100th on ~5-15 ms (docs/transports.md has the run figures).
   */
  static final int TLS_WARM_UP = 150;
  static final Duration TLS_WARM_UP_BOUND = Duration.ofSeconds(5);

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
   * from the broker's device CA. {@code warmUp}: a TLS listener makes its first handshakes before the run (up to
   * {@link #TLS_WARM_UP} of them, at most {@link #TLS_WARM_UP_BOUND}), as the harness warms its own client.
   */
  static BrokerChoice embedded(BrokerSettings settings, boolean warmUp) {
    Listener listener = new Listener(settings.embeddedTransport(), settings.embeddedDeviceCerts());
    EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0, listener, limits(settings.embeddedLimits()));
    try {
      if (warmUp) {
        broker.warmUpTls(TLS_WARM_UP, TLS_WARM_UP_BOUND);
      }
      TlsOptions tls = null;
      if (broker.caFile().isPresent()) {
        tls = settings.tls().withTrust(broker.caFile().get());
        if (settings.embeddedDeviceCerts()) {
          tls = tls.withDeviceCa(broker.deviceCaFile().orElseThrow(), broker.deviceCaKeyFile().orElseThrow());
        }
      }
      return new BrokerChoice(new BrokerTarget(BrokerUrl.parse(broker.url()), true, tls), broker);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  /** The profile's broker.embedded.* limits as the embedded broker takes them. */
  static BrokerLimits limits(EmbeddedLimits limits) {
    return new BrokerLimits(
        limits.maxKeepAlive() == null ? BrokerLimits.NONE.maxKeepAliveSeconds() : (int) limits.maxKeepAlive().toSeconds(),
        limits.maxSessionExpiry() == null ? BrokerLimits.NONE.maxSessionExpirySeconds()
            : limits.maxSessionExpiry().toSeconds());
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
