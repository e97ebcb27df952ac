package org.mqttchaos.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The zero-setup broker: HiveMQ CE embedded in the harness's JVM, speaking MQTT 3.1.1 and 5 on
 * one loopback listener, with in-memory sessions and its own temporary folder. Starting takes
 * about 1 s (0.6-1.5 s measured on a warm JVM); several brokers may run side by side.
 *
 * <p>The listener is plain TCP, TLS, WebSocket or secure WebSocket ({@link Listener}). A TLS one
 * gets a throwaway CA and server certificate (EC P-256, naming the bind address and localhost)
 * made at start; {@link #caFile()} is the CA's PEM for clients to trust. A listener requiring
 * client certificates also gets a throwaway device CA ({@link #deviceCaFile()}, {@link
 * #deviceCaKeyFile()}): the broker accepts only client certificates it signed. Every file lives
 * in the broker's temporary folder and is deleted by {@link #close()}.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0, Listener.TLS)) {
 *   connectTo(broker.url(), broker.caFile().get());   // "mqtts://127.0.0.1:41235"
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable {

  /** Tries with fresh free ports when port 0 was asked for and another process won the race. */
  private static final int PORT_ATTEMPTS = 5;

  private static final long TIMEOUT_SECONDS = 60;

  private final EmbeddedHiveMQ hivemq;
  private final BrokerFolder folder;
  private final String host;
  private final int port;
  private final Listener listener;
  private final BrokerCerts made;
  private final BrokerCerts.Written certs;
  private boolean closed;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, BrokerFolder folder, String host, int port,
      Listener listener, BrokerCerts made, BrokerCerts.Written certs) {
    this.hivemq = hivemq;
    this.folder = folder;
    this.host = host;
    this.port = port;
    this.listener = listener;
    this.made = made;
    this.certs = certs;
  }

  /**
   * Starts a broker listening on plain TCP on {@code bindAddress} only; {@code port} 0 picks a
   * free port.
   *
   * @throws BrokerStartException with a one-line message when it cannot start
   */
  public static EmbeddedBroker start(String bindAddress, int port) {
    return start(bindAddress, port, Listener.TCP);
  }

  /**
   * Starts a broker with {@code listener} on {@code bindAddress} only; {@code port} 0 picks a
   * free port. A TLS listener's certificates are made first (a few milliseconds).
   *
   * @throws BrokerStartException with a one-line message when it cannot start
   */
  public static EmbeddedBroker start(String bindAddress, int port, Listener listener) {
    return start(bindAddress, port, listener, BrokerLimits.NONE);
  }

  /**
   * As {@link #start(String, int, Listener)}, with {@code limits} on the keep-alive and session expiry the broker
   * grants (an MQTT 5 client asking for more gets the broker's value in CONNACK).
   *
   * @throws BrokerStartException with a one-line message when it cannot start
   */
  public static EmbeddedBroker start(String bindAddress, int port, Listener listener, BrokerLimits limits) {
    if (port < 0 || port > 65535) {
      throw new BrokerStartException(
          "cannot start the embedded broker: port " + port + " is not between 0 and 65535",
          false, null);
    }
    InetAddress address = BindAddress.resolve(bindAddress);
    BrokerCerts made = listener.transport().tls()
        ? BrokerCerts.make(listener, address.getHostAddress()) : null;
    int attempts = port == 0 ? PORT_ATTEMPTS : 1;
    BrokerStartException failure = null;
    for (int attempt = 0; attempt < attempts; attempt++) {
      int candidate = port == 0 ? PortProbe.freePort(address) : port;
      try {
        return startOn(address, candidate, listener, made, limits);
      } catch (BrokerStartException e) {
        if (!e.portInUse()) {
          throw e;
        }
        failure = e;
      }
    }
    throw failure;
  }

  private static EmbeddedBroker startOn(
      InetAddress address, int port, Listener listener, BrokerCerts made, BrokerLimits limits) {
    String host = address.getHostAddress();
    if (PortProbe.inUse(address, port)) {
      // Checked first: HiveMQ would take a second to fail and log errors of its own.
      throw BrokerStartException.portInUse(host, port, null);
    }
    BrokerFolder folder = BrokerFolder.create();
    BrokerCerts.Written certs;
    try {
      certs = made == null ? null : made.write(folder.tls());
      folder.writeConfig(BrokerConfig.xml(host, port, listener, certs, limits));
    } catch (BrokerStartException e) {
      folder.delete();
      throw e;
    }
    QuietLogging.apply();
    EmbeddedHiveMQ hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(folder.conf())
            .withDataFolder(folder.data())
            .withExtensionsFolder(folder.extensions())
            .withoutLoggingBootstrap()
            .build();
    try {
      try (JvmGlobals fence = JvmGlobals.fence(folder.home())) {
        hivemq.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      stopQuietly(hivemq);
      folder.delete();
      throw StartFailure.explain(address, port, e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      stopQuietly(hivemq);
      folder.delete();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // An interrupted start is reported the same way: the broker is not there.
      throw new BrokerStartException(
          "cannot start the embedded broker: it did not start within " + TIMEOUT_SECONDS + " s",
          false, e);
    }
    return new EmbeddedBroker(
        hivemq, folder, host.contains(":") ? "[" + host + "]" : host, port, listener, made, certs);
  }

  /** The port the broker listens on. */
  public int port() {
    return port;
  }

  /**
   * Where clients connect, the scheme naming the transport: {@code tcp://127.0.0.1:1883},
   * {@code mqtts://127.0.0.1:8883}, {@code ws://127.0.0.1:8080/mqtt}, {@code wss://...}.
   */
  public String url() {
    return listener.scheme() + "://" + host + ":" + port
        + (listener.transport().webSocket() ? "/mqtt" : "");
  }

  /** The listener the broker opened. */
  public Listener listener() {
    return listener;
  }

  /**
   * PEM file of the throwaway CA that signed the broker's certificate (what a client trusts);
   * empty for a listener without TLS. Deleted by {@link #close()}.
   */
  public Optional<Path> caFile() {
    return Optional.ofNullable(certs).map(BrokerCerts.Written::caFile);
  }

  /**
   * PEM file of the throwaway device CA whose signature the broker requires of every client
   * certificate; empty unless the listener requires client certificates.
   */
  public Optional<Path> deviceCaFile() {
    return Optional.ofNullable(certs).map(BrokerCerts.Written::deviceCaFile);
  }

  /** The key of {@link #deviceCaFile()} (PKCS#8 PEM, not encrypted), to mint client certificates. */
  public Optional<Path> deviceCaKeyFile() {
    return Optional.ofNullable(certs).map(BrokerCerts.Written::deviceCaKeyFile);
  }

  /**
   * Readies a TLS listener's handshake path before a run: HiveMQ runs TLS on the JDK's provider, whose code
   * runs interpreted until the JIT compiler has seen it, and a run's first second of handshakes then queues for
   * seconds. Makes up to {@code handshakes} TLS handshakes against the listener, one after the other, with a JDK
   * client that trusts the broker's CA (and presents a certificate of its device CA), each closed once done; stops
   * early after {@code bound} or at the first failure, which the run will then meet and report itself. A no-op for
   * a listener without TLS.
   *
   * @return the handshakes made
   */
  public int warmUpTls(int handshakes, Duration bound) {
    if (made == null || handshakes <= 0) {
      return 0;
    }
    SSLSocketFactory factory = made.clientContext().getSocketFactory();
    InetSocketAddress address = new InetSocketAddress(host.replace("[", "").replace("]", ""), port);
    long deadline = System.nanoTime() + bound.toNanos();
    int done = 0;
    while (done < handshakes && System.nanoTime() - deadline < 0) {
      try (SSLSocket socket = (SSLSocket) factory.createSocket()) {
        socket.connect(address, (int) Math.max(1, bound.toMillis()));
        socket.setSoTimeout((int) Math.max(1, bound.toMillis()));
        socket.startHandshake();
        done++;
      } catch (IOException e) {
        break;
      }
    }
    return done;
  }

  /** Stops the broker, closing every client connection, and deletes its temporary folder. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopQuietly(hivemq);
    folder.delete();
  }

  /** Must finish on an interrupted thread too (Ctrl-C); the interrupt is kept for the caller. */
  private static void stopQuietly(EmbeddedHiveMQ hivemq) {
    boolean interrupted = Thread.interrupted();
    try {
      hivemq.stop().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // A broker whose start failed refuses stop(); close() below still tears it down.
    }
    try {
      hivemq.close();
    } catch (InterruptedException e) {
      interrupted = true;
    } catch (ExecutionException | RuntimeException e) {
      // Nothing useful left to do: the listener is gone or the JVM is ending.
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "EmbeddedBroker[" + url() + "]";
  }
}
