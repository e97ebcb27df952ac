package org.mqttchaos.engine;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.mqttchaos.profile.BrokerSettings;
import org.mqttchaos.profile.LoadSettings;
import org.mqttchaos.profile.Profile;
import org.mqttchaos.summary.MetricNames;

/**
 * Refuses, before anything runs, a load this process cannot hold: each open connection needs a file
 * descriptor (twice over with the embedded broker in the same process), each client an ephemeral port
 * per source address, and each open connection its heap, which depends on the transport
 * ({@link ClientFootprint}: an idle TLS client holds about twice a plain one's). Better one clear message up
 * front than thousands of failed connects or a run that ends in collections and OutOfMemoryError.
 */
public final class CapacityCheck {
  /**
   * Descriptors a run opens after this check, besides its sockets and the classpath jars: one interval log
   * per metric, timeline.csv, Gatling's simulation.log (with --gatling-report), an epoll, eventfd and timerfd per
   * event loop (counted for Netty's 2 x cores, the most a run has unless told otherwise), the will observer's
   * socket, and slack. Measured: 24 on 2 cores with /proc/self/fd during a run.
   */
  static final int RUN_DESCRIPTORS = MetricNames.ALL.size() + 3 * Runtime.getRuntime().availableProcessors() * 2 + 16;
  /** Used where /proc/self/fd cannot be read: the JVM's own descriptors plus a classpath of ~150 jars. */
  static final int FALLBACK_FIXED_DESCRIPTORS = 300;
  /**
   * Heap the harness holds besides its connections (Gatling, the run's metrics and checkers, classes' statics):
   * measured 31-41 MB live with 1,000 idle clients, TCP to TLS (bench/heap), reserved with room for garbage.
   */
  static final long HARNESS_HEAP = 128L << 20;
  /** How long a user's connect and leave take beyond its hold when the broker answers: one second. */
  static final Duration CONNECT_ALLOWANCE = Duration.ofSeconds(1);

  private CapacityCheck() {}

  /**
   * Returns why the run (or this shard of it) cannot go ahead, or empty when it can.
   *
   * @param clients         load.clients of the whole run
   * @param shard           which shard this process runs ({@link Shard#WHOLE} for all)
   * @param shardClients    the clients this process runs
   * @param peakConnections connections this process keeps open at once at the peak ({@link #peakConnections})
   */
  public static Optional<String> check(int clients, Shard shard, int shardClients, int peakConnections,
      boolean embeddedBroker, int sourceAddresses) {
    return check(clients, shard, shardClients, peakConnections, embeddedBroker, sourceAddresses,
        maxFileDescriptors(), ephemeralPorts(), fixedDescriptors());
  }

  /**
   * As {@link #check(int, Shard, int, int, boolean, int)}, and whether this JVM's heap (-Xmx) holds the connections
   * open at the peak over {@code transport}, each with its {@link ClientFootprint}.
   *
   * @param transport the transport's name as the message says it ("TCP", "TLS", ...)
   * @param footprint what one connection over it costs
   */
  public static Optional<String> check(int clients, Shard shard, int shardClients, int peakConnections,
      boolean embeddedBroker, int sourceAddresses, String transport, ClientFootprint footprint) {
    Optional<String> refusal = check(clients, shard, shardClients, peakConnections, embeddedBroker, sourceAddresses);
    return refusal.isPresent() ? refusal
        : checkHeap(clients, shard, shardClients, peakConnections, transport, footprint, Runtime.getRuntime().maxMemory());
  }

  /**
   * As {@link #check(int, Shard, int, int, boolean, int, String, ClientFootprint)} for {@code profile}: its
   * load.clients, the peak connections of a shard of {@code shardClients}, its broker (embedded or not, source
   * addresses) and the transport and footprint of one connection to it.
   */
  public static Optional<String> check(Profile profile, Shard shard, int shardClients) {
    BrokerSettings broker = profile.broker();
    return check(profile.load().clients(), shard, shardClients, peakConnections(profile, shardClients),
        broker.embedded(), broker.sourceAddresses().size(), ClientFootprint.transport(broker).name(),
        ClientFootprint.of(broker));
  }

  /**
   * Whether a heap of {@code maxHeap} bytes holds {@code peakConnections} open at once, each reserving its live heap
   * and as much again for garbage ({@link ClientFootprint#reservedHeap}), plus {@link #HARNESS_HEAP}; if not, why,
   * with the heap to ask for.
   */
  static Optional<String> checkHeap(int clients, Shard shard, int shardClients, int peakConnections, String transport,
      ClientFootprint footprint, long maxHeap) {
    long needed = HARNESS_HEAP + footprint.reservedHeap(peakConnections);
    if (needed <= maxHeap) {
      return Optional.empty();
    }
    long mib = 1L << 20;
    long fits = Math.max(0, (maxHeap - HARNESS_HEAP) / footprint.reservedHeap(1));
    return Optional.of(String.format(
        "%s keeps up to %,d connections open at once over %s, each holding about %,d bytes of heap (twice that "
            + "reserved for garbage), and needs a heap of about %,d MB (%,d MB for the harness itself), but this "
            + "JVM's heap may grow to %,d MB (-Xmx). Give it MQTT_CHAOS_HEAP=%dm (./mqtt-chaos), keep at most %,d "
            + "connections open at once (%s), or split the run across %sprocesses with --shard.",
        subject(clients, shard, shardClients), peakConnections, transport, footprint.heapBytes(),
        (needed + mib - 1) / mib, HARNESS_HEAP / mib, maxHeap / mib, roundUp(needed, 64 * mib) / mib, fits,
        shard.whole() ? "fewer clients, a lower rate or a shorter hold" : "smaller shards",
        shard.whole() ? "" : "more "));
  }

  private static long roundUp(long value, long step) {
    return (value + step - 1) / step * step;
  }

  /** The clients this process holds: a shard's, named so the user sees which number is too large. */
  private static String subject(int clients, Shard shard, int shardClients) {
    return shard.whole() ? "load.clients=" + clients
        : String.format("shard %s (%,d of load.clients=%d)", shard, shardClients, clients);
  }

  /** As the public check, with the machine's limits given. */
  static Optional<String> check(int clients, Shard shard, int shardClients, int peakConnections,
      boolean embeddedBroker, int sourceAddresses, long fdLimit, int ports, long fixed) {
    String subject = subject(clients, shard, shardClients);
    int perConnection = embeddedBroker ? 2 : 1;
    long needed = (long) peakConnections * perConnection + fixed;
    if (fdLimit > 0 && needed > fdLimit) {
      long fits = Math.max(0, (fdLimit - fixed) / perConnection);
      return Optional.of(String.format(
          "%s keeps up to %,d connections open at once and needs about %,d file descriptors%s "
              + "(%,d for the harness itself), but this process may open %,d (ulimit -n). "
              + "Keep at most %,d connections open at once (%s), raise ulimit -n, "
              + "%ssplit the run across %sprocesses with --shard.",
          subject, peakConnections, needed,
          embeddedBroker ? " (the embedded broker holds the other end of each connection)" : "", fixed, fdLimit,
          fits, shard.whole() ? "fewer clients, a lower rate or a shorter hold" : "smaller shards",
          embeddedBroker ? "run the broker elsewhere (broker.url), " : "", shard.whole() ? "" : "more "));
    }
    long portCapacity = (long) ports * Math.max(1, sourceAddresses);
    if (shardClients > portCapacity) {
      return Optional.of(String.format(
          "%s needs %,d local ports but %d source address%s give%s %,d (%,d ephemeral ports each). "
              + "Add source addresses (--source-addresses 127.0.0.1-127.0.0.4, or broker.sourceAddresses "
              + "in the profile), or %s.",
          subject, shardClients, Math.max(1, sourceAddresses), sourceAddresses > 1 ? "es" : "",
          sourceAddresses > 1 ? "" : "s", portCapacity, ports,
          shard.whole() ? "lower load.clients or split the run with --shard" : "use more shards"));
    }
    return Optional.empty();
  }

  /**
   * Connections open at once at the peak: a user holds one socket at a time, and users alive at once are at most
   * its start rate times a user's life (hold, connect allowance, persistent reconnect, waiting for a keep-alive cut).
   * A churn profile (hold 0) at 5,000/s thus needs ~5,000 descriptors, not one per client of the whole run.
   */
  public static int peakConnections(Profile profile) {
    return peakConnections(profile, profile.load().clients());
  }

  /** As {@link #peakConnections(Profile)} for a shard of {@code shardClients}: its share of the arrivals. */
  public static int peakConnections(Profile profile, int shardClients) {
    LoadSettings load = profile.load();
    int clients = load.clients();
    double startsPerSecond = switch (load.injection()) {
      case AT_ONCE -> Double.POSITIVE_INFINITY;
      case RAMP -> clients / Math.max(1e-3, load.rampDuration().toNanos() / 1e9);
      case RATE -> load.rate();
    };
    Duration life = load.hold().plus(CONNECT_ALLOWANCE);
    if (profile.sessions().reconnectPersistent() && profile.sessions().cleanRatio() < 1) {
      life = life.plus(CONNECT_ALLOWANCE);
    }
    if (profile.chaos().keepAliveExpiry().ratio() > 0) {
      life = life.plus(load.keepAlive().multipliedBy(2)).plus(profile.chaos().keepAliveExpiry().tolerance());
    }
    double alive = startsPerSecond * (life.toNanos() / 1e9) * shardClients / clients;
    return (int) Math.min(shardClients, Math.ceil(alive));
  }

  /**
   * Descriptors the process holds besides its sockets, counted now with /proc/self/fd: what is open already,
   * the classpath jars the JVM will still open (it keeps every jar it reads open), and {@link #RUN_DESCRIPTORS}.
   */
  static long fixedDescriptors() {
    Path fds = Path.of("/proc/self/fd");
    Set<String> open = new HashSet<>();
    try (Stream<Path> entries = Files.list(fds)) {
      entries.forEach(fd -> {
        try {
          open.add(Files.readSymbolicLink(fd).toString());
        } catch (IOException | UnsupportedOperationException e) {
          open.add(fd.toString()); // closed meanwhile (the listing's own descriptor): still counted once
        }
      });
    } catch (IOException | UnsupportedOperationException e) {
      return FALLBACK_FIXED_DESCRIPTORS;
    }
    long jarsToOpen = 0;
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (entry.endsWith(".jar") && !open.contains(Path.of(entry).toAbsolutePath().normalize().toString())) {
        jarsToOpen++;
      }
    }
    return open.size() + jarsToOpen + RUN_DESCRIPTORS;
  }

  static long maxFileDescriptors() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getMaxFileDescriptorCount();
    }
    return -1;
  }

  /** Size of the kernel's ephemeral port range; 28,232 on a default Linux. */
  static int ephemeralPorts() {
    try {
      String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
      return Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
    } catch (IOException | RuntimeException e) {
      return 28_232;
    }
  }
}
