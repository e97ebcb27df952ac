package org.mqttchaos.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.client.tls.ClientTls;
import org.mqttchaos.client.tls.TlsOptions;
import org.mqttchaos.client.tls.TlsProvider;
import org.mqttchaos.testsupport.MosquittoBroker;
import org.mqttchaos.testsupport.TestCerts;

/**
 * Measures the JDK and OpenSSL TLS providers against a mosquitto TLS listener on loopback: CPU per handshake
 * (full and resumed, the cost of a plain TCP cycle subtracted) and heap per idle TLS connection. Not a test:
 * skipped unless -Dmqttchaos.measure=true. Method and figures: docs/transports.md.
 *
 * <pre>mvn -q -Dtest=TlsProviderMeasurement -Dmqttchaos.measure=true -Dsurefire.failIfNoSpecifiedTests=false test</pre>
 */
class TlsProviderMeasurement {
  private static final int CYCLES = Integer.getInteger("mqttchaos.measure.cycles", 3000);
  private static final int IDLE = Integer.getInteger("mqttchaos.measure.idle", 3000);
  private static final int CONCURRENCY = 20;
  private static final AtomicInteger IDS = new AtomicInteger();

  @TempDir
  static Path dir;

  @Test
  void measure() throws Exception {
    assumeTrue(Boolean.getBoolean("mqttchaos.measure"), "a measurement: run with -Dmqttchaos.measure=true");
    TestCerts certs = new TestCerts(dir, "measure");
    Path[] server = certs.server("server", "127.0.0.1");
    int tlsPort = MosquittoBroker.freePort();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    try (MosquittoBroker broker = MosquittoBroker.start("set_tcp_nodelay true", "max_connections -1",
        "listener " + tlsPort + " 127.0.0.1", "cafile " + certs.caFile(), "certfile " + server[0],
        "keyfile " + server[1])) {
      broker.awaitListener(tlsPort);
      InetSocketAddress plain = broker.address();
      InetSocketAddress tls = new InetSocketAddress(InetAddress.getLoopbackAddress(), tlsPort);
      TransportSettings tcp = TransportSettings.of(plain, MqttVersion.V3_1_1, Duration.ofSeconds(10));
      List<String> rows = new ArrayList<>();
      // warm-up: each path compiled before it is measured
      for (String p : List.of("jdk", "openssl")) {
        cycles(group, settings(tls, certs, p, false), CYCLES / 2);
        cycles(group, settings(tls, certs, p, true), CYCLES / 2);
      }
      cycles(group, tcp, CYCLES);
      double tcpCpu = cycles(group, tcp, CYCLES);
      double tcpHeap = idleHeap(group, tcp, IDLE);
      rows.add(String.format("tcp      cycle CPU %.1f us, idle heap %.0f B/connection", tcpCpu, tcpHeap));
      for (String p : List.of("jdk", "openssl")) {
        double full = cycles(group, settings(tls, certs, p, false), CYCLES) - tcpCpu;
        double resumed = cycles(group, settings(tls, certs, p, true), CYCLES) - tcpCpu;
        double heap = idleHeap(group, settings(tls, certs, p, true), IDLE);
        rows.add(String.format("%-8s full handshake %.0f us CPU, resumed %.0f us CPU, idle heap %.0f B/connection"
            + " (%.0f B more than TCP)", p, full, resumed, heap, heap - tcpHeap));
      }
      rows.forEach(r -> System.out.println("MEASURE " + r));
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    }
  }

  private static TransportSettings settings(InetSocketAddress tls, TestCerts certs, String provider,
      boolean resumption) {
    TlsOptions base = TlsOptions.DEFAULTS;
    TlsOptions options = new TlsOptions(certs.caFile(), null, null, null, null, List.of("TLSv1.3"), List.of(), false,
        resumption, null, null, null, TlsProvider.valueOf(provider.toUpperCase()));
    return TransportSettings.of(tls, MqttVersion.V3_1_1, Duration.ofSeconds(10))
        .withTransport(BrokerUrl.parse("mqtts://127.0.0.1:" + tls.getPort()), ClientTls.of(options));
  }

  /** Process CPU microseconds per connect-CONNACK-DISCONNECT cycle, CONCURRENCY cycles at a time. */
  private static double cycles(EventLoopGroup group, TransportSettings settings, int count) throws Exception {
    ClientTransport transport = new ClientTransport(settings);
    AtomicInteger left = new AtomicInteger(count);
    long cpu0 = cpuNanos();
    List<CompletableFuture<Void>> workers = new ArrayList<>();
    for (int w = 0; w < CONCURRENCY; w++) {
      MqttConnection c = transport.newConnection(group.next(), ConnectionListener.NONE);
      String id = "m-" + IDS.incrementAndGet(); // one ID per worker: resumption is per client and host
      workers.add(loop(c, id, left));
    }
    CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
    return (cpuNanos() - cpu0) / 1e3 / count;
  }

  private static CompletableFuture<Void> loop(MqttConnection c, String id, AtomicInteger left) {
    if (left.getAndDecrement() <= 0) {
      return CompletableFuture.completedFuture(null);
    }
    return c.connect(new ConnectOptions(id, true, 0, null, null, null, 0)).thenCompose(r -> {
      if (!r.connected()) {
        throw new IllegalStateException(r.failure());
      }
      return c.disconnect();
    }).thenCompose(v -> loop(c, id, left));
  }

  /** Heap bytes per idle connection: used heap after full GCs, with {@code count} connections open and without. */
  private static double idleHeap(EventLoopGroup group, TransportSettings settings, int count) throws Exception {
    ClientTransport transport = new ClientTransport(settings);
    long before = usedHeap();
    List<MqttConnection> open = new ArrayList<>();
    for (int i = 0; i < count; i += CONCURRENCY) {
      List<CompletableFuture<ConnectResult>> batch = new ArrayList<>();
      for (int j = 0; j < CONCURRENCY && i + j < count; j++) {
        MqttConnection c = transport.newConnection(group.next(), ConnectionListener.NONE);
        open.add(c);
        batch.add(c.connect(new ConnectOptions("idle-" + IDS.incrementAndGet(), true, 600, null, null, null, 0)));
      }
      for (CompletableFuture<ConnectResult> f : batch) {
        ConnectResult r = f.get(30, TimeUnit.SECONDS);
        if (!r.connected()) {
          throw new IllegalStateException(r.failure());
        }
      }
    }
    long after = usedHeap();
    for (MqttConnection c : open) {
      c.disconnect().get(10, TimeUnit.SECONDS);
    }
    return (after - before) / (double) count;
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
