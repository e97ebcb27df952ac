package org.mqttchaos.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.tls.CertMaker;
import org.mqttchaos.client.tls.TlsOptions;
import org.mqttchaos.client.tls.TlsProvider;
import org.mqttchaos.testsupport.TestCerts;

/** The broker.tls keys: typed, loaded at validation, and every bad input one line naming file, line, key and PEM. */
class TlsProfileTest {
  @TempDir
  Path dir;
  private ProfileFiles files;
  private TestCerts certs;
  private Path[] client;

  @BeforeEach
  void setUp() {
    files = new ProfileFiles(dir);
    certs = new TestCerts(dir, "ca");
    client = certs.client("client", "device-1");
  }

  private String tls(String... lines) {
    StringBuilder yaml = new StringBuilder("broker:\n  url: mqtts://127.0.0.1:8883\n  tls:\n");
    for (String line : lines) {
      yaml.append("    ").append(line).append('\n');
    }
    return yaml.toString();
  }

  @Test
  void everyKeyIsRead() {
    Profile p = files.load(tls("caFile: " + certs.caFile(), "certFile: " + client[0], "keyFile: " + client[1],
        "serverName: broker.example", "protocols: [TLSv1.3]", "ciphers: [TLS_AES_128_GCM_SHA256]",
        "insecureSkipVerify: true", "resumption: false", "provider: jdk"));
    TlsOptions t = p.broker().tls();
    assertEquals(new TlsOptions(certs.caFile(), client[0], client[1], null, "broker.example", List.of("TLSv1.3"),
        List.of("TLS_AES_128_GCM_SHA256"), true, false, null, null, null, TlsProvider.JDK), t);
    assertEquals(8883, p.broker().port());
  }

  @Test
  void defaultsVerifyAndResume() {
    TlsOptions t = files.load("broker: {url: 'mqtts://localhost'}\n").broker().tls();
    assertEquals(TlsOptions.DEFAULTS, t);
    assertEquals(List.of("TLSv1.3", "TLSv1.2"), t.protocols());
    assertFalse(t.insecureSkipVerify());
    assertTrue(t.resumption());
  }

  @Test
  void deviceCertificatesFromACa() {
    TlsOptions t = files.load(tls("deviceCerts: {caFile: " + certs.caFile() + ", caKeyFile: " + certs.caKeyFile()
        + "}")).broker().tls();
    assertTrue(t.deviceCerts());
  }

  @Test
  void keyPasswordIsMaskedInTheResolvedProfile() throws Exception {
    Path encrypted = encryptedKey("s3cret");
    ResolvedProfile r = ProfileLoader.load(files.write("p.yaml", tls("certFile: " + client[0],
        "keyFile: " + encrypted, "keyPassword: s3cret")), Map.of(), List.of());
    assertFalse(r.resolvedYaml().contains("s3cret"), r.resolvedYaml());
    assertTrue(r.resolvedYaml().contains("keyPassword: '***'"), r.resolvedYaml());
    assertFalse(r.profile().broker().toString().contains("s3cret"));
    Path replay = files.write("replay.yaml", r.resolvedYaml());
    String e = org.junit.jupiter.api.Assertions.assertThrows(ProfileException.class,
        () -> ProfileLoader.load(replay, Map.of(), List.of())).getMessage();
    assertTrue(e.contains("broker.tls.keyPassword: the password is masked"), e);
  }

  @Test
  void badInputsNameFileLineAndKey() throws Exception {
    Path notPem = Files.writeString(dir.resolve("notes.txt"), "hello\n");
    Path otherKey = certs.write("other.key", org.mqttchaos.client.tls.Pem.write(
        CertMaker.client(certs.ca(), "x", java.time.Duration.ofDays(1)).key()));
    Path encrypted = encryptedKey("s3cret");
    String at4 = files.at(4);
    String at5 = files.at(5);
    assertEquals(at4 + "broker.tls.caFile: " + dir.resolve("missing.crt") + ": file not found",
        files.error(tls("caFile: " + dir.resolve("missing.crt"))));
    assertEquals(at4 + "broker.tls.caFile: " + dir + ": is a directory, expected a PEM file",
        files.error(tls("caFile: " + dir)));
    assertEquals(at4 + "broker.tls.caFile: " + notPem + ": holds no certificate (expected -----BEGIN CERTIFICATE-----)",
        files.error(tls("caFile: " + notPem)));
    assertEquals(at5 + "broker.tls.keyFile: " + notPem + ": holds no private key (expected -----BEGIN PRIVATE"
        + " KEY-----, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)",
        files.error(tls("certFile: " + client[0], "keyFile: " + notPem)));
    assertEquals(at5 + "broker.tls.keyFile: " + otherKey + ": the key does not match the certificate in " + client[0],
        files.error(tls("certFile: " + client[0], "keyFile: " + otherKey)));
    assertEquals(at5 + "broker.tls.keyFile: " + encrypted + ": the key is encrypted: give broker.tls.keyPassword",
        files.error(tls("certFile: " + client[0], "keyFile: " + encrypted)));
    assertEquals(at5 + "broker.tls.keyFile: " + encrypted + ": cannot decrypt the key:"
        + " broker.tls.keyPassword is wrong",
        files.error(tls("certFile: " + client[0], "keyFile: " + encrypted, "keyPassword: nope")));
    assertEquals(at4 + "broker.tls.certFile: a client certificate needs both broker.tls.certFile and"
        + " broker.tls.keyFile", files.error(tls("certFile: " + client[0])));
    assertEquals(at4 + "broker.tls.protocols: unknown protocol 'TLSv1.4': use TLSv1.3 or TLSv1.2",
        files.error(tls("protocols: [TLSv1.3, TLSv1.4]")));
    assertEquals(at4 + "broker.tls.ciphers: unknown cipher suite 'TLS_FAST' (JDK names, e.g. TLS_AES_128_GCM_SHA256"
        + " or TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)", files.error(tls("ciphers: [TLS_FAST]")));
    assertEquals(at4 + "broker.tls.deviceCerts.dir: " + dir.resolve("nope") + ": not a directory",
        files.error(tls("deviceCerts: {dir: " + dir.resolve("nope") + "}")));
    assertEquals(at4 + "broker.tls.provider: expected one of auto, jdk, openssl, got 'gnutls'",
        files.error(tls("provider: gnutls")));
  }

  @Test
  void tlsKeysNeedATlsUrl() {
    assertEquals(files.at(3) + "broker.tls.insecureSkipVerify: TLS settings need a TLS broker URL (mqtts://, ssl://,"
        + " tls:// or wss://), broker.url is tcp://127.0.0.1:1883",
        files.error("broker:\n  url: tcp://127.0.0.1:1883\n  tls: {insecureSkipVerify: true}\n"));
  }

  @Test
  void theEmbeddedBrokerTakesItsTransportFromTheUrlOrFromTheTlsKeys() {
    BrokerSettings tcp = files.load("broker: {url: embedded}\n").broker();
    assertTrue(tcp.embedded());
    assertEquals(BrokerUrl.Transport.TCP, tcp.embeddedTransport());
    assertEquals("embedded", tcp.label());
    for (String form : List.of("embedded+tls", "Embedded+TLS")) {
      BrokerSettings tls = files.load("broker: {url: '" + form + "'}\n").broker();
      assertEquals(BrokerUrl.Transport.TLS, tls.embeddedTransport(), form);
      assertEquals("embedded+tls", tls.url());
      assertFalse(tls.embeddedDeviceCerts());
    }
    assertEquals(BrokerUrl.Transport.WS, files.load("broker: {url: embedded+ws}\n").broker().embeddedTransport());
    assertEquals(BrokerUrl.Transport.WSS, files.load("broker: {url: embedded+wss}\n").broker().embeddedTransport());
    BrokerSettings implied = files.load("broker:\n  url: embedded\n  tls: {protocols: [TLSv1.3]}\n").broker();
    assertEquals(BrokerUrl.Transport.TLS, implied.embeddedTransport(), "a broker.tls key asks for TLS");
    assertEquals(List.of("TLSv1.3"), implied.tls().protocols());
    // a resolved profile states every key, defaults too: those do not ask for TLS
    assertEquals(BrokerUrl.Transport.TCP, files.load("broker:\n  url: embedded\n  tls: {resumption: true}\n")
        .broker().embeddedTransport());
  }

  @Test
  void deviceCertificatesFromTheEmbeddedBrokersDeviceCa() throws Exception {
    BrokerSettings b = files.load("broker:\n  tls:\n    deviceCerts: {caFile: embedded}\n").broker();
    assertTrue(b.embeddedDeviceCerts());
    assertEquals(BrokerUrl.Transport.TLS, b.embeddedTransport());
    assertEquals("embedded+tls (client certificates required)", b.label());
    assertEquals(null, b.tls().deviceCaFile(), "known once the broker started");
    assertTrue(files.load("broker:\n  url: embedded+wss\n  tls:\n    deviceCerts: {caFile: embedded,"
        + " caKeyFile: embedded}\n").broker().embeddedDeviceCerts());
    // replayed from the resolved profile: the same settings
    ResolvedProfile r = ProfileLoader.load(files.write("p.yaml",
        "broker:\n  url: embedded+tls\n  tls:\n    deviceCerts: {caFile: embedded}\n"), Map.of(), List.of());
    Path replay = files.write("replay.yaml", r.resolvedYaml());
    assertEquals(r.profile().broker(), ProfileLoader.load(replay, Map.of(), List.of()).profile().broker());
  }

  @Test
  void theEmbeddedBrokerRefusesTheUsersOwnCertificatesAndTlsKeysWithoutTls() {
    assertEquals(files.at(3) + "broker.tls.caFile: the embedded broker makes its own certificates at start and the"
        + " harness trusts them: leave broker.tls.caFile out, or give broker.url of your own broker",
        files.error("broker:\n  url: embedded+tls\n  tls: {caFile: " + certs.caFile() + "}\n"));
    assertEquals(files.at(2) + "broker.tls.certFile: the embedded broker makes its own certificates at start and the"
        + " harness trusts them: leave broker.tls.certFile out (client certificates: broker.tls.deviceCerts.caFile:"
        + " embedded), or give broker.url of your own broker",
        files.error("broker:\n  tls: {certFile: " + client[0] + ", keyFile: " + client[1] + "}\n"));
    assertEquals(files.at(3) + "broker.tls.deviceCerts.caKeyFile: the embedded broker's device CA comes with its key:"
        + " leave broker.tls.deviceCerts.caKeyFile out",
        files.error("broker:\n  tls:\n    deviceCerts: {caFile: embedded, caKeyFile: " + certs.caKeyFile() + "}\n"));
    assertEquals(files.at(3) + "broker.tls.deviceCerts.caKeyFile: 'embedded' goes with"
        + " broker.tls.deviceCerts.caFile: embedded",
        files.error("broker:\n  tls:\n    deviceCerts: {caKeyFile: embedded}\n"));
    assertEquals(files.at(3) + "broker.tls.insecureSkipVerify: TLS settings need a TLS broker URL (mqtts://, ssl://,"
        + " tls:// or wss://; embedded+tls or embedded+wss for the embedded broker), broker.url is embedded+ws",
        files.error("broker:\n  url: embedded+ws\n  tls: {insecureSkipVerify: true}\n"));
    assertEquals(files.at(4) + "broker.tls.deviceCerts.caFile: 'embedded' is the embedded broker's device CA, but"
        + " broker.url is mqtts://127.0.0.1:8883: give the CA file (and its key) that signs your devices' certificates",
        files.error(tls("deviceCerts: {caFile: embedded}")));
    // the shipped device-certs profile pointed at another broker without its device CA: the file's line
    String overridden = files.error("broker:\n  url: embedded+tls\n  tls: {deviceCerts: {caFile: embedded}}\n",
        "broker.url=mqtts://broker.example:8883");
    assertEquals(files.at(3) + "broker.tls.deviceCerts.caFile: 'embedded' is the embedded broker's device CA, but"
        + " broker.url is mqtts://broker.example:8883: give the CA file (and its key) that signs your devices'"
        + " certificates", overridden);
  }

  @Test
  void keyPasswordThroughTheEnvironmentDecrypts() throws Exception {
    Path encrypted = encryptedKey("s3cret");
    Profile p = ProfileLoader.load(files.write("p.yaml", tls("certFile: " + client[0], "keyFile: " + encrypted,
        "keyPassword: ${KEY_PW}")), Map.of("KEY_PW", "s3cret"), List.of()).profile();
    assertEquals("s3cret", p.broker().tls().keyPassword());
  }

  private Path encryptedKey(String password) throws Exception {
    // the key of client[0]: re-encrypt that one so it matches the certificate
    StringWriter again = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(again)) {
      w.writeObject(new JcaPKCS8Generator(org.mqttchaos.client.tls.Pem.privateKey("keyFile", client[1], null),
          new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword(password.toCharArray()).build()));
    }
    return certs.write("encrypted.key", again.toString());
  }
}
