package org.mqttchaos.client.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes EC P-256 certificates in memory with BouncyCastle: a throwaway CA, server certificates for the embedded
 * broker and tests, and per-device client certificates whose CN and SAN are the client ID. Thread-safe.
 */
public final class CertMaker {
  /** A key and its certificate chain, leaf first. */
  public record Identity(PrivateKey key, List<X509Certificate> chain) {
    public Identity {
      chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
      return chain.get(0);
    }
  }

  private static final Duration BACKDATE = Duration.ofHours(1);
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis() << 16);

  private CertMaker() {}

  /** A self-signed CA valid from an hour ago for {@code validity}. */
  public static Identity ca(String commonName, Duration validity) {
    KeyPair pair = ecKeyPair();
    X500Name name = name(commonName);
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(BACKDATE)),
        Date.from(now.plus(validity)), name, pair.getPublic());
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return new Identity(pair.getPrivate(), List.of(sign(b, pair.getPrivate())));
  }

  /** A server certificate for {@code names} (host names or IP literals), signed by {@code ca}. */
  public static Identity server(Identity ca, Duration validity, String... names) {
    return leaf(ca, names[0], List.of(names), KeyPurposeId.id_kp_serverAuth, Instant.now().minus(BACKDATE),
        Instant.now().plus(validity));
  }

  /** A server certificate valid only between {@code from} and {@code to}: expired ones for tests. */
  public static Identity server(Identity ca, Instant from, Instant to, String... names) {
    return leaf(ca, names[0], List.of(names), KeyPurposeId.id_kp_serverAuth, from, to);
  }

  /** A device certificate: CN and SAN (DNS name, where the ID is ASCII) = the client ID. */
  public static Identity client(Identity ca, String clientId, Duration validity) {
    return leaf(ca, clientId, isAscii(clientId) && !clientId.isEmpty() ? List.of(clientId) : List.of(),
        KeyPurposeId.id_kp_clientAuth, Instant.now().minus(BACKDATE), Instant.now().plus(validity));
  }

  private static Identity leaf(Identity ca, String commonName, List<String> names, KeyPurposeId purpose,
      Instant from, Instant to) {
    KeyPair pair = ecKeyPair();
    X509Certificate issuer = ca.certificate();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(from), Date.from(to),
        name(commonName), pair.getPublic());
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (!names.isEmpty()) {
        List<GeneralName> alt = new ArrayList<>();
        for (String n : names) {
          alt.add(isIpLiteral(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(GeneralName[]::new)));
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(sign(b, ca.key()));
    return new Identity(pair.getPrivate(), chain);
  }

  static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM.get());
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available in this JVM", e);
    }
  }

  /** One generator per thread: SecureRandom's shared lock would serialize parallel minting. */
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey) {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(
          issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA").build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate with the " + issuerKey.getAlgorithm() + " key", e);
    }
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }

  private static boolean isAscii(String s) {
    return s.chars().allMatch(c -> c > 0x20 && c < 0x7F);
  }

  static boolean isIpLiteral(String host) {
    if (host.contains(":")) {
      return true;
    }
    if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return false;
    }
    try {
      InetAddress.getByName(host); // a literal: no lookup
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
