package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --metrics-port serves the run's live figures while it goes. */
class LiveMetricsIT {
  @TempDir
  Path results;

  @Test
  void aRunServesItsLiveFiguresWhileItGoes() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> MqttChaos.execute("run",
        "profiles/quickstart.yaml", "--results-dir", results.toString(), "--metrics-port", Integer.toString(port),
        "--set", "load.clients=50", "--set", "load.rampDuration=1s", "--set", "load.hold=8s",
        "--set", "sessions.cleanRatio=1"));

    // Await the figure the endpoint must show once all 50 have connected (bounded: the run holds 8 s).
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String seen = "";
    while (!seen.contains("mqttchaos_connected_clients 50.0") && System.nanoTime() < deadline && !exit.isDone()) {
      try {
        seen = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
      } catch (IOException notYetListening) {
        // the run has not opened the endpoint yet
      }
      TimeUnit.MILLISECONDS.sleep(100); // poll interval, not a timing assumption: the loop awaits the figure
    }
    assertTrue(seen.contains("mqttchaos_connected_clients 50.0"), "scraped: " + seen);
    assertTrue(seen.contains("mqttchaos_connects_total 50.0"), seen);
    assertEquals(0, exit.get(120, TimeUnit.SECONDS));
  }
}
