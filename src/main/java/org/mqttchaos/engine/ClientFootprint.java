package org.mqttchaos.engine;

import io.netty.handler.ssl.SslProvider;
import org.mqttchaos.client.BrokerUrl.Transport;
import org.mqttchaos.profile.BrokerSettings;

/**
 * What one open, idle client connection costs this process in memory, by transport: live Java heap and resident
 * memory beyond it (OpenSSL's per-connection state, Netty's direct buffers, malloc; the kernel's socket buffers are
 * not in a process's RSS). Measured with {@code bench/heap --transport T --clients "1000 19900"} against mosquitto
 * 2.0.11 (live heap after a full collection, and the process's RSS, each as the difference between the two runs per
 * client; docs/transports.md, "Capacity"), except where a constant says it is derived. The capacity check and the
 * Kubernetes Job's pod sizing both read these figures.
 *
 * @param heapBytes   live heap per idle connection, bytes
 * @param nativeBytes resident memory per idle connection beyond its heap, bytes
 */
public record ClientFootprint(long heapBytes, long nativeBytes) {
  /** Plain TCP: 2,477 B of live heap in 61 objects (2,421 B in the run beside the TLS one); RSS 2,867 B. */
  public static final ClientFootprint TCP = new ClientFootprint(2_477, 446);
  /**
   * TLS 1.3 with OpenSSL (BoringSSL): 4,833 B of live heap in 108 objects, RSS 10,633 B (bench/heap, sessions shared
   * by host and port), plus the 636 B of the client's own session kept for its reconnects (TlsProviderMeasurement).
   */
  public static final ClientFootprint TLS_OPENSSL = new ClientFootprint(4_833 + 636, 10_633 - 4_833);
  /**
   * TLS with the JDK's provider: plain TCP plus the 6,825 B that TlsProviderMeasurement found it adds (its buffers and
   * sessions are on the heap, so nothing is added beside it).
   */
  public static final ClientFootprint TLS_JDK = new ClientFootprint(2_477 + 6_825 + 304, 446); // + its own session
  /** WebSocket: 4,039 B of live heap in 97 objects, RSS 5,847 B. */
  public static final ClientFootprint WS = new ClientFootprint(4_039, 5_847 - 4_039);
  /** WebSocket over TLS with OpenSSL, derived: WebSocket plus what OpenSSL's TLS adds to plain TCP. */
  public static final ClientFootprint WSS_OPENSSL = new ClientFootprint(WS.heapBytes + TLS_OPENSSL.heapBytes - 2_421,
      WS.nativeBytes + TLS_OPENSSL.nativeBytes - TCP.nativeBytes);
  /** WebSocket over TLS with the JDK's provider, derived: WebSocket plus the JDK's TLS heap. */
  public static final ClientFootprint WSS_JDK = new ClientFootprint(WS.heapBytes + 6_825, WS.nativeBytes);
  /** The heap to reserve per connection: its live heap and as much again as room for garbage. */
  static final int GARBAGE_ROOM = 2;

  /** The footprint of a connection over {@code transport}, TLS by OpenSSL when {@code openSsl}, else by the JDK. */
  public static ClientFootprint of(Transport transport, boolean openSsl) {
    return switch (transport) {
      case TCP -> TCP;
      case WS -> WS;
      case TLS -> openSsl ? TLS_OPENSSL : TLS_JDK;
      case WSS -> openSsl ? WSS_OPENSSL : WSS_JDK;
    };
  }

  /** The footprint of a connection of a run with these settings (the provider as it resolves on this machine). */
  public static ClientFootprint of(BrokerSettings broker) {
    Transport transport = transport(broker);
    return of(transport, transport.tls() && broker.tls().provider().resolve() == SslProvider.OPENSSL);
  }

  /** The transport of a run with these settings: the embedded broker listens on plain TCP. */
  public static Transport transport(BrokerSettings broker) {
    return broker.embedded() ? broker.embeddedTransport() : broker.brokerUrl().transport();
  }

  /** Heap to reserve for {@code connections} open at once: live heap and room for garbage, bytes. */
  public long reservedHeap(long connections) {
    return connections * heapBytes * GARBAGE_ROOM;
  }

  /** Native memory of {@code connections} open at once, bytes. */
  public long reservedNative(long connections) {
    return connections * nativeBytes;
  }
}
