package org.mqttchaos.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.mqttchaos.cli.BrokerCommand;
import org.mqttchaos.client.tls.CertMaker;
import org.mqttchaos.client.tls.Pem;
import picocli.CommandLine;

/** {@code mqtt-chaos broker} as a user sees it: the banner, the exit codes, the help. */
class BrokerCommandTest {

  private static final Pattern BANNER = Pattern.compile(
      "mqtt-chaos broker listening on tcp://127\\.0\\.0\\.1:(\\d+) \\(MQTT 3\\.1\\.1 and 5\\);"
          + " Ctrl-C to stop");

  @Test
  void runsUntilInterruptedThenExitsZero() throws Exception {
    PipedReader fromCommand = new PipedReader(4096);
    PrintWriter out = new PrintWriter(new PipedWriter(fromCommand), true);
    CommandLine cli = new CommandLine(new BrokerCommand()).setOut(out);
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> exit = runner.submit(() -> cli.execute("--port", "0"));
      String banner = readLine(fromCommand);
      Matcher matcher = BANNER.matcher(banner);
      assertTrue(matcher.matches(), banner);
      int port = Integer.parseInt(matcher.group(1));
      try (RawMqtt client = new RawMqtt(port)) {
        client.send(RawMqtt.connect311("cli-client", true));
        assertEquals(0, client.readPacket().body()[1], "broker from the CLI accepts connects");
      }
      runner.shutdownNow(); // interrupts the command, as Ctrl-C does
      assertEquals(0, exit.get(60, TimeUnit.SECONDS));
      assertThrows(ConnectException.class, () -> new RawMqtt(port), "broker stopped on exit");
    } finally {
      runner.shutdownNow();
    }
  }

  @Test
  void tlsWithClientCertificatesPrintsWhereItsCasAreAndAcceptsTheirCertificates() throws Exception {
    PipedReader fromCommand = new PipedReader(4096);
    PrintWriter out = new PrintWriter(new PipedWriter(fromCommand), true);
    CommandLine cli = new CommandLine(new BrokerCommand()).setOut(out);
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> exit = runner.submit(
          () -> cli.execute("--port", "0", "--transport", "tls", "--require-client-certs"));
      Matcher banner = Pattern.compile("mqtt-chaos broker listening on mqtts://127\\.0\\.0\\.1:(\\d+)"
          + " \\(MQTT 3\\.1\\.1 and 5\\); Ctrl-C to stop").matcher(readLine(fromCommand));
      assertTrue(banner.matches(), banner.toString());
      int port = Integer.parseInt(banner.group(1));
      Path ca = Path.of(after(readLine(fromCommand), "  CA of its certificate: "));
      String deviceLine = readLine(fromCommand);
      Matcher device = Pattern.compile("client certificates required, signed by the device CA (\\S+) \\(key (\\S+)\\)")
          .matcher(deviceLine);
      assertTrue(device.matches(), deviceLine);
      Path deviceCa = Path.of(device.group(1));
      Path deviceKey = Path.of(device.group(2));
      String options = readLine(fromCommand);
      assertEquals("run a profile against it with: --set broker.url=mqtts://127.0.0.1:" + port
          + " --set broker.tls.caFile=" + ca + " --set broker.tls.deviceCerts.caFile=" + deviceCa
          + " --set broker.tls.deviceCerts.caKeyFile=" + deviceKey, options);

      CertMaker.Identity signer = new CertMaker.Identity(Pem.privateKey("caKeyFile", deviceKey, null),
          Pem.certificates("caFile", deviceCa));
      CertMaker.Identity deviceCert = CertMaker.client(signer, "cli-device", Duration.ofHours(1));
      try (RawMqtt client = new RawMqtt(tlsSocket(ca, deviceCert, port))) {
        client.send(RawMqtt.connect311("cli-device", true));
        assertEquals(0, client.readPacket().body()[1], "accepted with a device certificate");
      }
      try (RawMqtt anonymous = new RawMqtt(tlsSocket(ca, null, port))) {
        assertThrows(IOException.class, () -> {
          anonymous.send(RawMqtt.connect311("cli-anonymous", true));
          anonymous.readPacket();
        }, "refused without a client certificate");
      }

      runner.shutdownNow();
      assertEquals(0, exit.get(60, TimeUnit.SECONDS));
      assertFalse(Files.exists(ca) || Files.exists(deviceKey), "its certificates are deleted on stop");
    } finally {
      runner.shutdownNow();
    }
  }

  @Test
  void badTransportOptionsAreOneLineAndExitTwo() {
    StringWriter err = new StringWriter();
    assertEquals(2, new CommandLine(new BrokerCommand()).setErr(new PrintWriter(err, true))
        .execute("--transport", "quic"));
    assertEquals("mqtt-chaos broker: --transport quic: expected tcp, tls, ws or wss", err.toString().strip());
    StringWriter err2 = new StringWriter();
    assertEquals(2, new CommandLine(new BrokerCommand()).setErr(new PrintWriter(err2, true))
        .execute("--transport", "ws", "--require-client-certs"));
    assertEquals("mqtt-chaos broker: --require-client-certs needs --transport tls or wss (client certificates are"
        + " a TLS matter), got ws", err2.toString().strip());
  }

  /** A TLS 1.3 socket trusting {@code ca}, presenting {@code identity} when given, handshake done. */
  private static Socket tlsSocket(Path ca, CertMaker.Identity identity, int port) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", Pem.certificates("caFile", ca).get(0));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (identity != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("device", identity.key(), new char[0], identity.chain().toArray(new X509Certificate[0]));
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    return socket;
  }

  private static String after(String line, String prefix) {
    assertTrue(line.startsWith(prefix.strip()), line);
    return line.substring(prefix.strip().length()).strip();
  }

  @Test
  void portInUseIsOneLineOnStderrAndExitTwo() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      StringWriter err = new StringWriter();
      int exit = new CommandLine(new BrokerCommand())
          .setErr(new PrintWriter(err, true))
          .execute("--port", String.valueOf(taken.getLocalPort()));
      assertEquals(2, exit);
      assertEquals("mqtt-chaos broker: cannot start the embedded broker: port "
          + taken.getLocalPort() + " on 127.0.0.1 is already in use", err.toString().strip());
    }
  }

  @Test
  void helpStatesTheDefaults() {
    // one line per option, wrapped: read it as one run of words
    String help = new CommandLine(new BrokerCommand()).getUsageMessage().replaceAll("\\s+", " ");
    assertTrue(help.contains("Run the embedded broker standalone until Ctrl-C"), help);
    assertTrue(help.contains("(default: 1883 for tcp, 8883 for tls, 8080 for ws, 8443 for wss)"), help);
    assertTrue(help.contains("--transport") && help.contains("--require-client-certs"), help);
    assertTrue(help.contains("(default: 127.0.0.1)"), help);
  }

  /** One line from the command's output; bounded by 2,000 characters. */
  private static String readLine(PipedReader reader) throws Exception {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      int c = reader.read(); // blocks until the command prints
      if (c < 0 || c == '\n') {
        break;
      }
      line.append((char) c);
    }
    return line.toString().strip();
  }
}
