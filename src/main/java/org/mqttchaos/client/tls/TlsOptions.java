package org.mqttchaos.client.tls;

import java.nio.file.Path;
import java.util.List;

/**
 * The TLS settings of a run, as the profile's {@code broker.tls} keys or the DSL's {@code tls(...)} state them:
 * paths and choices only, nothing loaded. {@link ClientTls} loads and checks them.
 *
 * @param caFile             PEM bundle of the CAs to trust; null: the JVM's trust store
 * @param certFile           PEM client certificate (chain), with {@code keyFile}; null for none
 * @param keyFile            PEM private key of {@code certFile}: PKCS#8, PKCS#1 or SEC1, RSA or EC
 * @param keyPassword        password of an encrypted key (also of an encrypted device CA key); null for none
 * @param serverName         SNI and the name the broker certificate must hold; null: the URL's host
 * @param protocols          enabled protocols, e.g. TLSv1.3 and TLSv1.2
 * @param ciphers            enabled cipher suites (JDK names); empty: the provider's defaults
 * @param insecureSkipVerify trust any broker certificate and skip the hostname check
 * @param resumption         reconnects resume the TLS session (abbreviated handshake)
 * @param deviceCertDir      per-device certificates: {clientId}.crt and {clientId}.key in this folder; null for none
 * @param deviceCaFile       per-device certificates minted at start, signed by this CA certificate; null for none
 * @param deviceCaKeyFile    the key of {@code deviceCaFile}
 * @param provider           which TLS implementation to use
 */
public record TlsOptions(
    Path caFile,
    Path certFile,
    Path keyFile,
    String keyPassword,
    String serverName,
    List<String> protocols,
    List<String> ciphers,
    boolean insecureSkipVerify,
    boolean resumption,
    Path deviceCertDir,
    Path deviceCaFile,
    Path deviceCaKeyFile,
    TlsProvider provider) {

  public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** Verification on, the JVM's trust store, no client certificate, resumption on. */
  public static final TlsOptions DEFAULTS = new TlsOptions(null, null, null, null, null, DEFAULT_PROTOCOLS, List.of(),
      false, true, null, null, null, TlsProvider.AUTO);

  public TlsOptions {
    protocols = protocols == null || protocols.isEmpty() ? DEFAULT_PROTOCOLS : List.copyOf(protocols);
    ciphers = ciphers == null ? List.of() : List.copyOf(ciphers);
    provider = provider == null ? TlsProvider.AUTO : provider;
  }

  /** True when each client presents a certificate of its own. */
  public boolean deviceCerts() {
    return deviceCertDir != null || deviceCaFile != null;
  }

  public TlsOptions withTrust(Path ca) {
    return new TlsOptions(ca, certFile, keyFile, keyPassword, serverName, protocols, ciphers, insecureSkipVerify,
        resumption, deviceCertDir, deviceCaFile, deviceCaKeyFile, provider);
  }

  /** Per-device certificates minted from this CA certificate and key (PEM files), instead of any other source. */
  public TlsOptions withDeviceCa(Path ca, Path caKey) {
    return new TlsOptions(caFile, certFile, keyFile, keyPassword, serverName, protocols, ciphers, insecureSkipVerify,
        resumption, null, ca, caKey, provider);
  }

  public TlsOptions withProvider(TlsProvider p) {
    return new TlsOptions(caFile, certFile, keyFile, keyPassword, serverName, protocols, ciphers, insecureSkipVerify,
        resumption, deviceCertDir, deviceCaFile, deviceCaKeyFile, p);
  }

  /** Never shows the key password. */
  @Override
  public String toString() {
    return "TlsOptions[caFile=" + caFile + ", certFile=" + certFile + ", keyFile=" + keyFile + ", keyPassword="
        + (keyPassword == null ? null : "***") + ", serverName=" + serverName + ", protocols=" + protocols
        + ", ciphers=" + ciphers + ", insecureSkipVerify=" + insecureSkipVerify + ", resumption=" + resumption
        + ", deviceCertDir=" + deviceCertDir + ", deviceCaFile=" + deviceCaFile + ", deviceCaKeyFile="
        + deviceCaKeyFile + ", provider=" + provider + "]";
  }
}
