package org.mqttchaos.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.mqttchaos.client.tls.CertMaker;
import org.mqttchaos.client.tls.CertMaker.Identity;
import org.mqttchaos.client.tls.Pem;

/**
 * The embedded broker's throwaway certificates, made in memory at start (EC P-256): a CA and the broker's server
 * certificate for its bind address and {@code localhost}, and for mutual TLS a device CA whose signature the
 * broker requires of every client certificate. {@link #write} puts them into the broker's temporary folder:
 *
 * <pre>
 * tls/ca.pem              the CA that signed the broker's certificate: what clients trust
 * tls/broker.p12          PKCS#12 key store: the broker's key and certificate chain (HiveMQ's keystore)
 * tls/device-ca.pem       mutual TLS only: the device CA certificate ...
 * tls/device-ca.key       ... and its key (PKCS#8 PEM, not encrypted): clients mint their certificates from it
 * tls/device-trust.p12    mutual TLS only: PKCS#12 trust store holding the device CA (HiveMQ's truststore)
 * </pre>
 */
final class BrokerCerts {
  /** Longer than any run; the files go with the broker. */
  private static final Duration VALIDITY = Duration.ofDays(30);

  private final Identity ca;
  private final Identity server;
  private final Identity deviceCa;
  /** Of both PKCS#12 stores; it is written in config.xml next to them, so it only keeps HiveMQ's loader happy. */
  private final String password;

  /**
   * Where {@link #write} put the files, and the password of the two PKCS#12 stores.
   *
   * @param deviceCaFile    null unless the listener requires client certificates; so are the next two
   */
  record Written(Path caFile, Path keyStore, Path deviceCaFile, Path deviceCaKeyFile, Path trustStore,
      String password) {}

  private BrokerCerts(Identity ca, Identity server, Identity deviceCa, String password) {
    this.ca = ca;
    this.server = server;
    this.deviceCa = deviceCa;
    this.password = password;
  }

  /** Makes the certificates of {@code listener}'s TLS; {@code hostAddress} is the bind address (an IP literal). */
  static BrokerCerts make(Listener listener, String hostAddress) {
    Identity ca = CertMaker.ca("mqtt-chaos embedded broker CA", VALIDITY);
    Identity server = hostAddress.equals("localhost")
        ? CertMaker.server(ca, VALIDITY, "localhost")
        : CertMaker.server(ca, VALIDITY, hostAddress, "localhost");
    Identity deviceCa = listener.clientCertificates()
        ? CertMaker.ca("mqtt-chaos embedded broker device CA", VALIDITY) : null;
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    return new BrokerCerts(ca, server, deviceCa, HexFormat.of().formatHex(secret));
  }

  /** Writes the files listed above into {@code dir} (created); the folder is the broker's own. */
  Written write(Path dir) {
    try {
      Files.createDirectories(dir);
      Path caFile = Files.writeString(dir.resolve("ca.pem"), Pem.write(ca.certificate()));
      KeyStore keys = emptyStore();
      List<X509Certificate> chain = List.of(server.certificate(), ca.certificate());
      keys.setKeyEntry("broker", server.key(), password.toCharArray(), chain.toArray(X509Certificate[]::new));
      Path keyStore = store(keys, dir.resolve("broker.p12"));
      if (deviceCa == null) {
        return new Written(caFile, keyStore, null, null, null, password);
      }
      Path deviceCaFile = Files.writeString(dir.resolve("device-ca.pem"), Pem.write(deviceCa.certificate()));
      Path deviceCaKey = Files.writeString(dir.resolve("device-ca.key"), Pem.write(deviceCa.key()));
      KeyStore trust = emptyStore();
      trust.setCertificateEntry("device-ca", deviceCa.certificate());
      Path trustStore = store(trust, dir.resolve("device-trust.p12"));
      return new Written(caFile, keyStore, deviceCaFile, deviceCaKey, trustStore, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new BrokerStartException("cannot start the embedded broker: cannot write its TLS key store into "
          + dir + " (" + e.getMessage() + ")", false, e);
    }
  }

  /**
   * A JDK client context that trusts the CA and, for mutual TLS, presents a certificate from the device CA: the
   * broker's own warm-up client.
   */
  SSLContext clientContext() {
    try {
      KeyStore trust = emptyStore();
      trust.setCertificateEntry("ca", ca.certificate());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (deviceCa != null) {
        Identity client = CertMaker.client(deviceCa, "mqtt-chaos-warm-up", VALIDITY);
        KeyStore keys = emptyStore();
        keys.setKeyEntry("client", client.key(), password.toCharArray(),
            client.chain().toArray(X509Certificate[]::new));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password.toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the warm-up client's TLS context", e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  private Path store(KeyStore store, Path file) throws GeneralSecurityException, IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }
}
