package org.mqttchaos.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.MetricNames;

/**
 * The live figures of a run over HTTP in Prometheus' text format ({@code --metrics-port}): the same
 * figures as the progress line. Values are read when scraped; nothing is recorded twice.
 */
public final class ScrapeEndpoint implements AutoCloseable {
  private final HTTPServer server;

  public ScrapeEndpoint(RunMetrics metrics, IntervalLogWriter intervals, String bindAddress, int port) {
    PrometheusRegistry registry = new PrometheusRegistry();
    GaugeWithCallback.builder().name("mqttchaos_connected_clients")
        .help("MQTT connections established now (CONNACK accepted, not closed since)")
        .callback(cb -> cb.call(metrics.connectedNow())).register(registry);
    counter(registry, "mqttchaos_connects", "CONNACKs that accepted a connection", metrics,
        Counters.CONNECTS_SUCCEEDED);
    counter(registry, "mqttchaos_connects_failed", "connect attempts that failed", metrics, Counters.CONNECTS_FAILED);
    counter(registry, "mqttchaos_flaps", "closes of live connections the client did not ask for", metrics,
        Counters.FLAPS_TOTAL);
    counter(registry, "mqttchaos_takeovers", "flaps caused by another connection with the same client ID", metrics,
        Counters.FLAPS_TAKEOVERS);
    counter(registry, "mqttchaos_pings_sent", "PINGREQs the clients wrote", metrics, Counters.KEEPALIVE_PINGS_SENT);
    counter(registry, "mqttchaos_pings_answered", "PINGRESPs the clients received", metrics,
        Counters.KEEPALIVE_PINGS_ANSWERED);
    counter(registry, "mqttchaos_findings", "broken MQTT promises found so far", metrics, Counters.FINDINGS);
    byQos(registry, "mqttchaos_messages_published", "stamped PUBLISH packets written, by their QoS", metrics,
        Counters::messagesPublished);
    byQos(registry, "mqttchaos_messages_acknowledged", "PUBACKs (QoS 1) and PUBCOMPs (QoS 2) received for them",
        metrics, Counters::messagesAcknowledged);
    byQos(registry, "mqttchaos_messages_received", "stamped PUBLISH packets received by subscribers (every copy), by"
        + " the QoS they arrived with", metrics, Counters::messagesReceived);
    byQos(registry, "mqttchaos_messages_not_sent", "messages due while their publisher was not connected, skipped",
        metrics, Counters::messagesNotSent);
    // the delivery checker's verdicts: known only from the whole history, so 0 until the run's end (the endpoint
    // serves until the results are written)
    byQos(registry, "mqttchaos_messages_lost", "QoS 1/2 messages owed to a subscriber session that never arrived"
        + " (delivery checker, at the run's end), by the delivery's QoS", metrics,
        qos -> Counters.delivery("lost", qos));
    byQos(registry, "mqttchaos_messages_duplicated", "copies beyond the first a subscriber session received (delivery"
        + " checker, at the run's end), by the delivery's QoS", metrics, qos -> Counters.delivery("duplicated", qos));
    byQos(registry, "mqttchaos_messages_out_of_order", "messages that arrived after a later one of their publisher,"
        + " topic and QoS (delivery checker, at the run's end), by QoS", metrics,
        qos -> Counters.delivery("outOfOrder", qos));
    byQos(registry, "mqttchaos_messages_unknown", "owed messages the harness could not judge (delivery checker, at"
        + " the run's end), by the delivery's QoS", metrics, qos -> Counters.delivery("unknown", qos));
    GaugeWithCallback.builder().name("mqttchaos_delivery_p99_seconds")
        .help("99th percentile so far of a message's planned instant to its arrival at a subscriber")
        .callback(cb -> cb.call(intervals.percentileSoFarMicros(MetricNames.DELIVERY, 99) / 1e6)).register(registry);
    GaugeWithCallback.builder().name("mqttchaos_connect_p99_seconds")
        .help("99th percentile of CONNECT-to-CONNACK latency so far (up to the last second)")
        .callback(cb -> cb.call(intervals.percentileSoFarMicros(MetricNames.CONNECT, 99) / 1e6)).register(registry);
    GaugeWithCallback.builder().name("mqttchaos_start_lag_p99_seconds")
        .help("99th percentile of the harness's own start lag so far: large means the harness is saturated")
        .callback(cb -> cb.call(intervals.percentileSoFarMicros(MetricNames.START_LAG, 99) / 1e6)).register(registry);
    try {
      server = HTTPServer.builder().hostname(bindAddress).port(port).registry(registry).buildAndStart();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private static void counter(PrometheusRegistry registry, String name, String help, RunMetrics metrics,
      String counter) {
    CounterWithCallback.builder().name(name).help(help)
        .callback(cb -> cb.call(metrics.counter(counter))).register(registry);
  }

  /** One counter with a {@code qos} label, 0 to 2. */
  private static void byQos(PrometheusRegistry registry, String name, String help, RunMetrics metrics,
      java.util.function.IntFunction<String> counter) {
    CounterWithCallback.builder().name(name).help(help).labelNames("qos")
        .callback(cb -> {
          for (int qos = 0; qos <= 2; qos++) {
            cb.call(metrics.counter(counter.apply(qos)), Integer.toString(qos));
          }
        }).register(registry);
  }

  /** The port it listens on (useful when started on port 0). */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
