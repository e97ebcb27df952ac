package org.mqttchaos.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real mosquitto with the four TLS listeners the TLS tests need, on 127.0.0.1 and free ports, behind certificates
 * made by the test (beside a plain listener, {@link MosquittoBroker#port()}):
 * <ul>
 *   <li>{@link #tls()}: a certificate for 127.0.0.1 and localhost signed by {@link #certs()}'s CA;</li>
 *   <li>{@link #wrongName()}: one naming broker.example only;</li>
 *   <li>{@link #expired()}: one that has expired;</li>
 *   <li>{@link #mutual()}: as {@link #tls()}, and a client certificate signed by the same CA is required (its
 *       identity is the username).</li>
 * </ul>
 * {@link #stranger()} is a second CA that signed none of them. Make it with the folder for the certificates, add
 * listeners of a test's own with {@link #serverTls()} if they need TLS, then {@link #start}; close to stop it.
 */
public final class TlsMosquitto implements AutoCloseable {
  private final TestCerts certs;
  private final TestCerts stranger;
  private final Path[] server;
  private final Path[] wrong;
  private final Path[] old;
  private final int tls;
  private final int wrongName;
  private final int expired;
  private final int mutual;
  private MosquittoBroker broker;

  /** Makes the CAs and the server certificates under {@code certDir} and picks the ports; nothing runs yet. */
  public TlsMosquitto(Path certDir) throws IOException {
    certs = new TestCerts(certDir, "tls-ca");
    stranger = new TestCerts(certDir, "stranger");
    server = certs.server("server", "127.0.0.1", "localhost");
    wrong = certs.server("wrong", "broker.example");
    old = certs.expiredServer("expired", "127.0.0.1");
    tls = MosquittoBroker.freePort();
    wrongName = MosquittoBroker.freePort();
    expired = MosquittoBroker.freePort();
    mutual = MosquittoBroker.freePort();
  }

  /**
   * Starts mosquitto with the four listeners and {@code extraLines} after them; returns once every listener, and
   * each of {@code extraPorts}, accepts.
   */
  public TlsMosquitto start(List<String> extraLines, int... extraPorts) {
    String ca = "cafile " + certs.caFile();
    List<String> config = new ArrayList<>(List.of("set_tcp_nodelay true",
        "listener " + tls + " 127.0.0.1", ca, "certfile " + server[0], "keyfile " + server[1],
        "listener " + wrongName + " 127.0.0.1", ca, "certfile " + wrong[0], "keyfile " + wrong[1],
        "listener " + expired + " 127.0.0.1", ca, "certfile " + old[0], "keyfile " + old[1],
        "listener " + mutual + " 127.0.0.1", ca, "certfile " + server[0], "keyfile " + server[1],
        "require_certificate true", "use_identity_as_username true"));
    config.addAll(extraLines);
    broker = MosquittoBroker.start(config.toArray(String[]::new));
    for (int port : new int[] {tls, wrongName, expired, mutual}) {
      broker.awaitListener(port);
    }
    for (int port : extraPorts) {
      broker.awaitListener(port);
    }
    return this;
  }

  /** The config lines that put a listener of a test's own behind {@link #tls()}'s certificate. */
  public List<String> serverTls() {
    return List.of("cafile " + certs.caFile(), "certfile " + server[0], "keyfile " + server[1]);
  }

  /** The CA that signed every server certificate, and signs client certificates for {@link #mutual()}. */
  public TestCerts certs() {
    return certs;
  }

  /** A CA that signed nothing of this broker's. */
  public TestCerts stranger() {
    return stranger;
  }

  /** The running broker (its plain listener, log and folder); after {@link #start}. */
  public MosquittoBroker broker() {
    return broker;
  }

  public int tls() {
    return tls;
  }

  public int wrongName() {
    return wrongName;
  }

  public int expired() {
    return expired;
  }

  public int mutual() {
    return mutual;
  }

  @Override
  public void close() {
    if (broker != null) {
      broker.close();
    }
  }
}
