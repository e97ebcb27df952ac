package org.mqttchaos.client.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads and writes PEM with BouncyCastle: certificate bundles, and private keys as PKCS#8, PKCS#1 (RSA) or SEC1
 * (EC), plain or encrypted. Every failure is a {@link TlsConfigException} naming the file and the profile key.
 */
public final class Pem {
  /** BouncyCastle as a JCA provider object, never registered globally: only the decryptors use it. */
  private static final Provider BC = new BouncyCastleProvider();

  private Pem() {}

  /** Every certificate in a PEM file; at least one. */
  public static List<X509Certificate> certificates(String key, Path file) {
    List<X509Certificate> certs = new ArrayList<>();
    try (PEMParser parser = new PEMParser(reader(key, file))) {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          certs.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | CertificateException e) {
      throw new TlsConfigException(key, file + ": not a readable PEM certificate file (" + e.getMessage() + ")");
    }
    if (certs.isEmpty()) {
      throw new TlsConfigException(key, file + ": holds no certificate (expected -----BEGIN CERTIFICATE-----)");
    }
    return certs;
  }

  /**
   * The private key in a PEM file.
   *
   * @param password for an encrypted key; null when none was given
   */
  public static PrivateKey privateKey(String key, Path file, String password) {
    try (PEMParser parser = new PEMParser(reader(key, file))) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
          needPassword(key, file, password);
          try {
            return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password.toCharArray())));
          } catch (PKCSException | OperatorCreationException e) {
            throw wrongPassword(key, file);
          }
        }
        if (o instanceof PEMEncryptedKeyPair encrypted) {
          needPassword(key, file, password);
          try {
            return converter.getKeyPair(encrypted.decryptKeyPair(
                new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password.toCharArray()))).getPrivate();
          } catch (PEMException e) {
            throw wrongPassword(key, file);
          }
        }
      }
    } catch (IOException e) {
      throw new TlsConfigException(key, file + ": not a readable PEM key file (" + e.getMessage() + ")");
    }
    throw new TlsConfigException(key, file + ": holds no private key (expected -----BEGIN PRIVATE KEY-----,"
        + " BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
  }

  /** Fails unless {@code privateKey} is the key of {@code cert}: a test signature must verify. */
  public static void checkPair(String key, Path keyFile, PrivateKey privateKey, Path certFile, X509Certificate cert) {
    PublicKey publicKey = cert.getPublicKey();
    boolean match;
    try {
      String algorithm = privateKey.getAlgorithm().equals("RSA") ? "SHA256withRSA"
          : privateKey.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : null;
      if (algorithm == null || !privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
        match = false;
      } else {
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(privateKey);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        match = verifier.verify(signature);
      }
    } catch (GeneralSecurityException e) {
      match = false;
    }
    if (!match) {
      throw new TlsConfigException(key, keyFile + ": the key does not match the certificate in " + certFile);
    }
  }

  /** PEM text of certificates, keys (unencrypted PKCS#8) or both, in order. */
  public static String write(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        writer.writeObject(o instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : new JcaMiscPEMGenerator(o));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static Reader reader(String key, Path file) {
    try {
      if (Files.isDirectory(file)) {
        throw new TlsConfigException(key, file + ": is a directory, expected a PEM file");
      }
      return new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1));
    } catch (NoSuchFileException e) {
      throw new TlsConfigException(key, file + ": file not found");
    } catch (AccessDeniedException e) {
      throw new TlsConfigException(key, file + ": cannot read file (permission denied)");
    } catch (IOException e) {
      throw new TlsConfigException(key, file + ": cannot read file (" + e.getMessage() + ")");
    }
  }

  private static void needPassword(String key, Path file, String password) {
    if (password == null) {
      throw new TlsConfigException(key, file + ": the key is encrypted: give broker.tls.keyPassword");
    }
  }

  private static TlsConfigException wrongPassword(String key, Path file) {
    return new TlsConfigException(key, file + ": cannot decrypt the key: broker.tls.keyPassword is wrong");
  }
}
