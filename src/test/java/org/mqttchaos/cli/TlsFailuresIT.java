package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttchaos.testsupport.TestCerts;
import org.mqttchaos.testsupport.TlsMosquitto;

/**
 * TLS runs through the CLI against a real mosquitto: each run-time TLS failure is counted under its reason in
 * summary.json (connects.failedBy) and the console says what to change; each client resumes only its own TLS
 * session; device certificates are minted before the run starts, and the time it took is printed and kept.
 */
class TlsFailuresIT {
  @TempDir
  static Path certDir;
  private static TlsMosquitto mosquitto;
  private static TestCerts certs;
  private static TestCerts otherCa;
  private static int tls;
  private static int wrongName;
  private static int expired;
  private static int mutual;

  @TempDir
  Path results;

  @BeforeAll
  static void startMosquitto() throws Exception {
    mosquitto = new TlsMosquitto(certDir).start(List.of());
    certs = mosquitto.certs();
    otherCa = mosquitto.stranger();
    tls = mosquitto.tls();
    wrongName = mosquitto.wrongName();
    expired = mosquitto.expired();
    mutual = mosquitto.mutual();
  }

  @AfterAll
  static void stopMosquitto() {
    mosquitto.close();
  }

  /** What one run printed and wrote. */
  private record Outcome(int exit, String console, JsonNode summary, JsonNode counters) {}

  /** quickstart.yaml over mqtts:// to {@code port}: clean sessions, no wills or collisions, plus {@code sets}. */
  private Outcome run(int port, Path caFile, String... sets) throws IOException {
    List<String> args = new ArrayList<>(List.of("run", "profiles/quickstart.yaml", "--results-dir",
        results.toString(), "--warm-up", "0", "--set", "broker.url=mqtts://127.0.0.1:" + port, "--set", "broker.tls.caFile=" + caFile,
        "--set", "load.rampDuration=1s", "--set", "load.hold=0s", "--set", "will.ratio=0",
        "--set", "collisions.ratio=0"));
    for (String set : sets) {
      args.addAll(List.of("--set", set));
    }
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new Tee(console, printed), true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = MqttChaos.execute(args.toArray(String[]::new));
    } finally {
      System.out.flush();
      System.setOut(console);
    }
    return new Outcome(exit, printed.toString(StandardCharsets.UTF_8), QuickstartRuns.read(results, "summary.json"),
        QuickstartRuns.read(results, "run.json").get("counters"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "untrusted | tls-untrusted | the broker's certificate is not trusted: set broker.tls.caFile to the CA that"
          + " signed it",
      "expired   | tls-expired   | the broker's certificate has expired or is not yet valid: renew it on the broker",
      "wrongName | tls-hostname  | the broker's certificate does not name the host of broker.url: connect by a"
          + " name it holds, or set broker.tls.serverName to one",
      "noClientCert | tls-client-cert-required | the broker requires a client certificate: set broker.tls.certFile"
          + " and keyFile, or broker.tls.deviceCerts"})
  void eachRunTimeTlsFailureIsCountedUnderItsReasonAndSaysWhatToChange(String situation, String reason,
      String advice) throws IOException {
    int port = switch (situation) {
      case "expired" -> expired;
      case "wrongName" -> wrongName;
      case "noClientCert" -> mutual;
      default -> tls;
    };
    Outcome o = run(port, situation.equals("untrusted") ? otherCa.caFile() : certs.caFile(), "load.clients=3");

    assertEquals(MqttChaos.EXIT_NO_CONNECTION, o.exit(), o.console());
    JsonNode connects = o.summary().get("connects");
    assertEquals(3, connects.get("attempted").asLong());
    assertEquals(3, connects.get("failed").asLong());
    assertEquals(3, connects.path("failedBy").path(reason).asLong(), connects.toString());
    assertEquals(1, connects.get("failedBy").size(), "every failure under the one reason: " + connects);
    assertTrue(o.console().contains("  failed by        3 x " + reason + ": " + advice + "\n"), o.console());
    assertTrue(o.console().contains("see 'failed by' above for what to change"), o.console());
  }

  /**
   * Every client is persistent and reconnects once: its first connect is a full handshake, its reconnect resumes its
   * own session, whichever client connected just before it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void eachClientsFirstConnectIsAFullHandshakeAndItsReconnectResumes(String protocol) throws IOException {
    int n = 6;
    Outcome o = run(tls, certs.caFile(), "load.clients=" + n, "sessions.cleanRatio=0",
        "sessions.reconnectPersistent=true", "broker.tls.protocols=[" + protocol + "]");

    assertEquals(0, o.exit(), o.console());
    assertEquals(2L * n, o.summary().get("connects").get("succeeded").asLong());
    JsonNode latency = o.summary().get("latency");
    assertEquals(n, latency.get("tlsHandshake").get("count").asLong(), "full handshakes: " + latency);
    assertEquals(n, latency.get("tlsHandshakeResumed").get("count").asLong(), "resumed handshakes: " + latency);
  }

  /**
   * Minted from the CA's files before the run starts, timed, and presented: mosquitto requires a client certificate
   * on this listener and takes its name as the user name, so each client connected as itself.
   */
  @Test
  void deviceCertificatesAreMintedBeforeTheRunStartsAndTheTimeIsKept() throws IOException {
    long namedBefore = namedByCertificate();
    Outcome o = run(mutual, certs.caFile(), "load.clients=5", "sessions.cleanRatio=1",
        "broker.tls.deviceCerts={caFile: " + certs.caFile() + ", caKeyFile: " + certs.caKeyFile() + "}");

    assertEquals(0, o.exit(), o.console());
    assertTrue(o.console().matches("(?s).*mqtt-chaos: minted 5 device certificates in \\d+\\.\\d s\n.*"), o.console());
    assertTrue(o.console().indexOf("minted 5 device certificates") < o.console().indexOf("5 clients against"),
        "minted before the run began: " + o.console());
    assertEquals(5, o.counters().get("tls.deviceCerts").asLong(), o.counters().toString());
    assertTrue(o.counters().has("tls.deviceCertsMillis"), o.counters().toString());
    assertEquals(5, o.summary().get("connects").get("succeeded").asLong());
    assertEquals(0, o.summary().get("findings").asLong());
    assertEquals(5, namedByCertificate() - namedBefore,
        "each client's certificate names it as the user name:\n" + mosquitto.broker().log());
  }

  /** Connections mosquitto logged with the client identifier as the user name, taken from the certificate. */
  private static long namedByCertificate() {
    return mosquitto.broker().log().lines()
        .filter(l -> l.contains("New client connected") && l.matches(".* as (\\S+) .*u'\\1'.*")).count();
  }

  /**
   * A folder of device certificates made ahead of time for fixed client IDs (sessions.clientIdPrefix): mosquitto
   * requires a client certificate on this listener, so every connect that succeeds presented its own.
   */
  @Test
  void deviceCertificatesFromAFolderServeAFixedClientIdPrefix() throws IOException {
    for (int i = 0; i < 3; i++) {
      certs.client("dev-u" + i, "dev-u" + i); // certDir/dev-u0.crt and .key, beside the CA's files
    }
    Outcome o = run(mutual, certs.caFile(), "load.clients=3", "sessions.cleanRatio=1",
        "sessions.clientIdPrefix=dev-", "broker.tls.deviceCerts={dir: " + certs.caFile().getParent() + "}");

    assertEquals(0, o.exit(), o.console());
    assertEquals(3, o.summary().get("connects").get("succeeded").asLong(), o.console());
    assertTrue(o.console().contains("mqtt-chaos: loaded 3 device certificates in "), o.console());
  }

  /** Bad input: a device certificate missing from deviceCerts.dir is one line and exit 2, before anything runs. */
  @Test
  void aDeviceWithoutItsCertificateStopsTheRunBeforeItStarts() throws IOException {
    Path empty = java.nio.file.Files.createDirectories(results.resolve("no-devices"));
    PrintStream errors = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = MqttChaos.execute("run", "profiles/quickstart.yaml", "--results-dir", results.resolve("runs").toString(),
          "--warm-up", "0", "--set", "load.clients=2", "--set", "broker.url=mqtts://127.0.0.1:" + mutual,
          "--set", "broker.tls.caFile=" + certs.caFile(), "--set", "broker.tls.deviceCerts={dir: " + empty + "}");
    } finally {
      System.setErr(errors);
    }
    String err = printed.toString(StandardCharsets.UTF_8);
    assertEquals(MqttChaos.EXIT_USAGE, exit, err);
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.matches("mqtt-chaos: no certificate for client quickstart-\\w+-[ug]\\d+: expected \\S+\\.crt and"
        + " \\S+\\.key in " + java.util.regex.Pattern.quote(empty.toString())
        + " \\(broker.tls.deviceCerts.dir\\)\\R"), err);
    Path runs = results.resolve("runs");
    if (java.nio.file.Files.exists(runs)) {
      try (var folders = java.nio.file.Files.list(runs)) {
        assertEquals(0, folders.count(), "no results folder: nothing ran");
      }
    }
  }
}
