package org.mqttchaos.client.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The loaded TLS set-up of a run: trust, the client identity (one shared, or one per device) and the Netty
 * {@link SslContext}s that make each connection's {@link SslHandler}. Built once per run and options
 * ({@link #of}), so the engine that mints device certificates at start and the transport that dials share it.
 * Thread-safe: handlers are made on every event loop.
 */
public final class ClientTls {
  /** Device certificates minted from a CA are valid this long: any run ends well before. */
  private static final Duration DEVICE_VALIDITY = Duration.ofDays(7);
  private static final Map<TlsOptions, ClientTls> RUNS = new ConcurrentHashMap<>();

  private final TlsOptions options;
  private final SslProvider provider;
  private final TrustManagerFactory trust;
  private final SslContext shared;
  private final CertMaker.Identity deviceCa;
  private final Map<String, SslContext> devices = new ConcurrentHashMap<>();
  private final AtomicInteger resumptionKeys = new AtomicInteger();
  private final AtomicLong madeOnConnect = new AtomicLong();

  private ClientTls(TlsOptions options) {
    this.options = options;
    this.provider = options.provider().resolve();
    checkNames(options);
    this.trust = options.insecureSkipVerify() ? InsecureTrustManagerFactory.INSTANCE
        : options.caFile() == null ? null : trustOf(Pem.certificates("caFile", options.caFile()));
    CertMaker.Identity identity = null;
    if (options.certFile() != null || options.keyFile() != null) {
      if (options.certFile() == null || options.keyFile() == null) {
        String given = options.certFile() != null ? "certFile" : "keyFile";
        throw new TlsConfigException(given, "a client certificate needs both broker.tls.certFile and"
            + " broker.tls.keyFile");
      }
      identity = load("certFile", options.certFile(), "keyFile", options.keyFile());
    }
    if (options.deviceCertDir() != null && !Files.isDirectory(options.deviceCertDir())) {
      throw new TlsConfigException("deviceCerts.dir", options.deviceCertDir() + ": not a directory");
    }
    if (options.deviceCaFile() != null || options.deviceCaKeyFile() != null) {
      if (options.deviceCaFile() == null || options.deviceCaKeyFile() == null) {
        String given = options.deviceCaFile() != null ? "deviceCerts.caFile" : "deviceCerts.caKeyFile";
        throw new TlsConfigException(given, "minted device certificates need both broker.tls.deviceCerts.caFile"
            + " and broker.tls.deviceCerts.caKeyFile");
      }
      deviceCa = load("deviceCerts.caFile", options.deviceCaFile(), "deviceCerts.caKeyFile",
          options.deviceCaKeyFile());
    } else {
      deviceCa = null;
    }
    this.shared = context(identity);
  }

  /**
   * The set-up for these options, loaded once per process and options.
   *
   * @throws TlsConfigException naming the key and file of the first problem
   */
  public static ClientTls of(TlsOptions options) {
    ClientTls known = RUNS.get(options);
    if (known != null) {
      return known;
    }
    ClientTls made = new ClientTls(options); // outside computeIfAbsent: a failure must not poison the map
    ClientTls raced = RUNS.putIfAbsent(options, made);
    return raced != null ? raced : made;
  }

  /** Loads and checks the options without keeping anything: profile validation. */
  public static void check(TlsOptions options) {
    new ClientTls(options);
  }

  public TlsOptions options() {
    return options;
  }

  /** "openssl" or "jdk": the implementation in use (AUTO resolved, a failed OpenSSL load fallen back). */
  public String providerName() {
    return provider == SslProvider.OPENSSL ? "openssl" : "jdk";
  }

  /**
   * A key for one client connection's TLS sessions, unique in this set-up: give it to every {@link #newHandler}
   * of that connection, so its reconnects resume its own session and no other client's.
   */
  public int newResumptionKey() {
    return Math.floorMod(resumptionKeys.getAndIncrement(), Integer.MAX_VALUE) + 1; // 1..MAX_VALUE, never -1
  }

  /**
   * A new handler for one connection of {@code clientId}: SNI and verification against {@code host} (or
   * {@code serverName}). A device without a certificate fails here, with what to change.
   *
   * <p>Resumption per client: the JDK's and OpenSSL's client session caches (one per SslContext) keep a session
   * under the peer's host and port, and look one up for a new engine by the host and port it was made with. The
   * port of an engine is used for nothing else (SNI and the hostname check take the host), so each connection's
   * engines are made with its {@code resumptionKey} in the port's place: a reconnect finds the session its own
   * earlier handshake left, and a client's first connect finds none and makes a full handshake. The cache keeps
   * one session per client (the JDK's up to javax.net.ssl.sessionCacheSize, default 20,480; OpenSSL's likewise,
   * valid 300 s); no SslContext per client.
   *
   * @param resumptionKey from {@link #newResumptionKey()}; -1 (or resumption off): every handshake full
   */
  public SslHandler newHandler(ByteBufAllocator alloc, String clientId, String host, int resumptionKey) {
    SslContext context = options.deviceCerts() ? deviceContext(clientId, true) : shared;
    String peer = options.serverName() != null ? options.serverName() : host;
    // The JDK looks nothing up for an engine without a port; OpenSSL's cache is also switched off in its context.
    return context.newHandler(alloc, peer, options.resumption() && resumptionKey > 0 ? resumptionKey : -1);
  }

  /**
   * Makes the device certificates of these client IDs now, before any connect needs one: minted from the device CA
   * (EC P-256, CN and SAN = the client ID), or loaded from deviceCerts.dir; in parallel, on the common fork-join
   * pool and the calling thread. A no-op without device certificates. Returns the time it took.
   *
   * @throws TlsConfigException naming the first client whose certificate or key is missing from deviceCerts.dir,
   *                            or cannot be read
   */
  public Duration prepareDevices(Collection<String> clientIds) {
    long start = System.nanoTime();
    if (options.deviceCerts()) {
      Set.copyOf(clientIds).parallelStream().forEach(id -> deviceContext(id, false));
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** How many device certificates are held (minted or loaded), one per client ID. */
  public int deviceCount() {
    return devices.size();
  }

  /**
   * Device certificates made on a connect's own path, because {@link #prepareDevices} had not made them: each
   * delayed its connect by the minting (~25 ms) or loading. A profile run prepares all of them, so this stays 0.
   */
  public long devicesMadeOnConnect() {
    return madeOnConnect.get();
  }

  /** The client's own context, made now if it was not yet; {@code onConnect}: a connect waits for it. */
  private SslContext deviceContext(String clientId, boolean onConnect) {
    SslContext known = devices.get(clientId);
    if (known != null) {
      return known;
    }
    if (onConnect) {
      madeOnConnect.incrementAndGet();
    }

    CertMaker.Identity identity;
    if (deviceCa != null) {
      identity = CertMaker.client(deviceCa, clientId, DEVICE_VALIDITY);
    } else {
      Path dir = options.deviceCertDir();
      Path crt = dir.resolve(clientId + ".crt");
      Path key = dir.resolve(clientId + ".key");
      if (clientId.contains("/") || !Files.isReadable(crt) || !Files.isReadable(key)) {
        throw new TlsConfigException("deviceCerts.dir", "no certificate for client " + clientId + ": expected "
            + clientId + ".crt and " + clientId + ".key in " + dir + " (broker.tls.deviceCerts.dir)");
      }
      identity = load("deviceCerts.dir", crt, "deviceCerts.dir", key);
    }
    SslContext made = context(identity);
    SslContext raced = devices.putIfAbsent(clientId, made);
    return raced != null ? raced : made;
  }

  private CertMaker.Identity load(String certKey, Path certFile, String keyKey, Path keyFile) {
    List<X509Certificate> chain = Pem.certificates(certKey, certFile);
    PrivateKey key = Pem.privateKey(keyKey, keyFile, options.keyPassword());
    Pem.checkPair(keyKey, keyFile, key, certFile, chain.get(0));
    return new CertMaker.Identity(key, chain);
  }

  private SslContext context(CertMaker.Identity identity) {
    SslContextBuilder b = SslContextBuilder.forClient()
        .sslProvider(provider)
        .protocols(options.protocols())
        .endpointIdentificationAlgorithm(options.insecureSkipVerify() ? null : "HTTPS");
    if (!options.ciphers().isEmpty()) {
      b.ciphers(options.ciphers());
    }
    if (trust != null) {
      b.trustManager(trust);
    }
    if (identity != null) {
      b.keyManager(identity.key(), identity.chain().toArray(X509Certificate[]::new));
    }
    try {
      SslContext context = b.build();
      if (!options.resumption() && context.sessionContext() instanceof OpenSslSessionContext openSsl) {
        openSsl.setSessionCacheEnabled(false);
      }
      return context;
    } catch (SSLException | IllegalArgumentException e) {
      throw new TlsConfigException("ciphers", "the TLS settings are refused by the " + providerName()
          + " provider: " + e.getMessage());
    }
  }

  private static TrustManagerFactory trustOf(List<X509Certificate> cas) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca" + i, cas.get(i));
      }
      TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init(store);
      return f;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a trust store", e);
    }
  }

  /** Unknown protocols and cipher suites fail by name, listing what this JVM offers. */
  private static void checkNames(TlsOptions options) {
    SSLParameters supported;
    try {
      supported = SSLContext.getDefault().getSupportedSSLParameters();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
    List<String> protocols = Arrays.asList(supported.getProtocols());
    for (String p : options.protocols()) {
      if (!protocols.contains(p) || p.startsWith("SSL")) {
        throw new TlsConfigException("protocols", "unknown protocol '" + p + "': use TLSv1.3 or TLSv1.2");
      }
    }
    List<String> ciphers = Arrays.asList(supported.getCipherSuites());
    for (String c : options.ciphers()) {
      if (!ciphers.contains(c)) {
        throw new TlsConfigException("ciphers", "unknown cipher suite '" + c + "' (JDK names, e.g."
            + " TLS_AES_128_GCM_SHA256 or TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)");
      }
    }
  }
}
