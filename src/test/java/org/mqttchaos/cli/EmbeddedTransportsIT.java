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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped TLS profiles run from the CLI with zero set-up against the embedded broker, shortened by overrides:
 * tls-quickstart.yaml over its TLS listener, device-certs.yaml over mutual TLS with a certificate minted per
 * client, and the embedded WebSocket and secure WebSocket listeners by broker.url; each run's summary.json holds
 * the transport's figures. simulate, which starts the embedded broker over plain TCP only, refuses the other forms.
 */
class EmbeddedTransportsIT {
  @TempDir
  Path results;

  /** Runs {@code profile} with a few clients; asserts exit 0 and returns summary.json and what the run printed. */
  private Run run(String profile, String... sets) throws IOException {
    List<String> args = new ArrayList<>(List.of("run", "profiles/" + profile, "--results-dir", results.toString(),
        "--warm-up", "0", "--set", "load.clients=40", "--set", "load.rampDuration=1s", "--set", "load.hold=1s"));
    for (String set : sets) {
      args.addAll(List.of("--set", set));
    }
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      exit = MqttChaos.execute(args.toArray(String[]::new));
    } finally {
      System.setOut(console);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    console.print(output);
    assertEquals(0, exit, "exit code of " + args + ":\n" + output);
    return new Run(QuickstartRuns.read(results, "summary.json"), output);
  }

  private record Run(JsonNode summary, String output) {
    long count(String path) {
      JsonNode node = summary;
      for (String part : path.split("\\.")) {
        node = node.path(part);
      }
      return node.asLong(-1);
    }

    String brokerUrl() {
      return summary.path("broker").path("url").asText();
    }

    /** Every connect succeeded; returns how many there were. */
    long allConnected() {
      long attempted = count("connects.attempted");
      assertTrue(attempted >= 40, summary.path("connects").toString());
      assertEquals(attempted, count("connects.succeeded"), summary.path("connects").toString());
      assertEquals(0, count("connects.failed"));
      assertTrue(summary.path("broker").path("embedded").asBoolean(), summary.path("broker").toString());
      return attempted;
    }
  }

  @Test
  void tlsQuickstartRunsOverTheEmbeddedBrokersTlsListener() throws IOException {
    Run r = run("tls-quickstart.yaml");
    assertTrue(r.brokerUrl().matches("mqtts://127\\.0\\.0\\.1:\\d+"), r.brokerUrl());
    long connects = r.allConnected();
    assertEquals(connects, r.count("latency.tlsHandshake.count") + r.count("latency.tlsHandshakeResumed.count"),
        "every connect made a TLS handshake");
    assertTrue(r.count("latency.tlsHandshake.count") > 0, "full handshakes measured");
    assertTrue(r.count("latency.tlsHandshake.p50") > 0);
    assertEquals(0, r.count("latency.wsUpgrade.count"));
    assertTrue(r.output().contains("tls-handshake"), r.output());
  }

  @Test
  void deviceCertsRunsOverMutualTlsWithACertificatePerClient() throws IOException {
    Run r = run("device-certs.yaml");
    assertTrue(r.brokerUrl().startsWith("mqtts://127.0.0.1:"), r.brokerUrl());
    long connects = r.allConnected();
    assertTrue(r.output().contains("mqtt-chaos: minted 40 device certificates in "), r.output());
    assertTrue(r.output().indexOf("minted 40") < r.output().indexOf("40 clients against"), "minted before the run");
    assertEquals(40, r.count("latency.connectFirst.count"));
    assertEquals(connects, r.count("latency.tlsHandshake.count") + r.count("latency.tlsHandshakeResumed.count"));
    assertEquals(40, r.count("latency.tlsHandshake.count"), "each device's first connect is a full handshake");
    assertEquals(connects - 40, r.count("latency.tlsHandshakeResumed.count"), "each reconnect resumes its own");
    assertTrue(r.output().contains("PASS connects.failed == 0"), r.output());
  }

  @Test
  void webSocketAndSecureWebSocketListenersByBrokerUrl() throws IOException {
    Run ws = run("quickstart.yaml", "broker.url=embedded+ws");
    assertTrue(ws.brokerUrl().matches("ws://127\\.0\\.0\\.1:\\d+/mqtt"), ws.brokerUrl());
    assertEquals(ws.allConnected(), ws.count("latency.wsUpgrade.count"));
    assertEquals(0, ws.count("latency.tlsHandshake.count") + ws.count("latency.tlsHandshakeResumed.count"));

    Run wss = run("tls-quickstart.yaml", "broker.url=embedded+wss");
    assertTrue(wss.brokerUrl().matches("wss://127\\.0\\.0\\.1:\\d+/mqtt"), wss.brokerUrl());
    long connects = wss.allConnected();
    assertEquals(connects, wss.count("latency.wsUpgrade.count"));
    assertEquals(connects, wss.count("latency.tlsHandshake.count") + wss.count("latency.tlsHandshakeResumed.count"));
  }

  @Test
  void simulateRefusesTheEmbeddedTlsFormsInOneLine() {
    PrintStream errors = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      exit = MqttChaos.execute("simulate", "TakeoverChaosSimulation", "--broker", "embedded+tls");
    } finally {
      System.setErr(errors);
    }
    assertEquals(2, exit);
    String message = printed.toString(StandardCharsets.UTF_8).strip();
    assertTrue(message.startsWith("mqtt-chaos simulate: --broker embedded+tls: simulate starts the embedded broker"
        + " over plain TCP only (embedded)"), message);
    assertEquals(1, message.lines().count(), message);
  }
}
