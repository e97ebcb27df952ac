package org.mqttchaos.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.summary.MetricNames;

class ScrapeEndpointTest {
  @TempDir
  Path dir;

  private static String scrape(int port) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  @Test
  void servesTheRunsLiveFiguresInPrometheusFormat() throws Exception {
    RunMetrics metrics = new RunMetrics();
    metrics.add("connects.succeeded", 5);
    metrics.add("connects.failed", 2);
    metrics.add("flaps.total", 4);
    metrics.add("flaps.takeovers", 3);
    metrics.add("findings", 1);
    metrics.add("keepAlive.pingsSent", 7);
    metrics.add("keepAlive.pingsAnswered", 6);
    metrics.add(org.mqttchaos.summary.Counters.messagesPublished(1), 40);
    metrics.add(org.mqttchaos.summary.Counters.messagesReceived(0), 80);
    metrics.add(org.mqttchaos.summary.Counters.delivery("lost", 1), 2);
    metrics.add(org.mqttchaos.summary.Counters.delivery("duplicated", 1), 9);
    metrics.add(org.mqttchaos.summary.Counters.delivery("outOfOrder", 2), 1);
    metrics.add(org.mqttchaos.summary.Counters.delivery("unknown", 0), 4);
    metrics.connectedDelta(3);
    metrics.recordNanos(MetricNames.CONNECT, TimeUnit.MILLISECONDS.toNanos(2));
    try (IntervalLogWriter intervals = new IntervalLogWriter(metrics, dir);
        ScrapeEndpoint endpoint = new ScrapeEndpoint(metrics, intervals, "127.0.0.1", 0)) {
      String before = scrape(endpoint.port());
      assertTrue(before.contains("mqttchaos_connected_clients 3.0"), before);
      assertTrue(before.contains("mqttchaos_connects_total 5.0"), before);
      assertTrue(before.contains("mqttchaos_connects_failed_total 2.0"), before);
      assertTrue(before.contains("mqttchaos_flaps_total 4.0"), before);
      assertTrue(before.contains("mqttchaos_takeovers_total 3.0"), before);
      assertTrue(before.contains("mqttchaos_findings_total 1.0"), before);
      assertTrue(before.contains("mqttchaos_pings_sent_total 7.0"), before);
      assertTrue(before.contains("mqttchaos_pings_answered_total 6.0"), before);
      assertTrue(before.contains("mqttchaos_messages_published_total{qos=\"1\"} 40.0"), before);
      assertTrue(before.contains("mqttchaos_messages_published_total{qos=\"2\"} 0.0"), before);
      assertTrue(before.contains("mqttchaos_messages_received_total{qos=\"0\"} 80.0"), before);
      assertTrue(before.contains("mqttchaos_messages_lost_total{qos=\"1\"} 2.0"), before);
      assertTrue(before.contains("mqttchaos_messages_lost_total{qos=\"2\"} 0.0"), before);
      assertTrue(before.contains("mqttchaos_messages_duplicated_total{qos=\"1\"} 9.0"), before);
      assertTrue(before.contains("mqttchaos_messages_out_of_order_total{qos=\"2\"} 1.0"), before);
      assertTrue(before.contains("mqttchaos_messages_unknown_total{qos=\"0\"} 4.0"), before);
      assertTrue(before.contains("mqttchaos_delivery_p99_seconds 0.0"), before);

      metrics.increment("connects.succeeded");
      String after = scrape(endpoint.port());
      assertTrue(after.contains("mqttchaos_connects_total 6.0"), "read at scrape time: " + after);
    }
  }
}
