package org.mqttchaos.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Refuses, before anything runs, a client count this process cannot hold: each client needs a file
 * descriptor (twice over with the embedded broker in the same process) and an ephemeral port per source
 * address. Better one clear message up front than thousands of failed connects.
 */
public final class CapacityCheck {
  /** Descriptors the JVM holds anyway: every classpath jar stays open, plus logs, epoll, pipes. */
  static final int FIXED_DESCRIPTORS = 300;

  private CapacityCheck() {}

  /** Returns why the run cannot go ahead, or empty when it can. */
  public static Optional<String> check(int clients, boolean embeddedBroker, int sourceAddresses) {
    return check(clients, Shard.WHOLE, clients, embeddedBroker, sourceAddresses);
  }

  /** As {@link #check(int, boolean, int)} for one shard of a run, which holds {@code shardClients} of them. */
  public static Optional<String> check(int clients, Shard shard, int shardClients, boolean embeddedBroker,
      int sourceAddresses) {
    return check(clients, shard, shardClients, embeddedBroker, sourceAddresses, maxFileDescriptors(),
        ephemeralPorts());
  }

  /** As {@link #check(int, boolean, int)}, with the machine's limits given. */
  static Optional<String> check(int clients, boolean embeddedBroker, int sourceAddresses, long fdLimit, int ports) {
    return check(clients, Shard.WHOLE, clients, embeddedBroker, sourceAddresses, fdLimit, ports);
  }

  static Optional<String> check(int clients, Shard shard, int shardClients, boolean embeddedBroker,
      int sourceAddresses, long fdLimit, int ports) {
    // the clients this process holds: a shard's, named so the user sees which number is too large
    String subject = shard.whole() ? "load.clients=" + clients
        : String.format("shard %s (%,d of load.clients=%d)", shard, shardClients, clients);
    long needed = (long) shardClients * (embeddedBroker ? 2 : 1) + FIXED_DESCRIPTORS;
    if (fdLimit > 0 && needed > fdLimit) {
      long fits = Math.max(0, (fdLimit - FIXED_DESCRIPTORS) / (embeddedBroker ? 2 : 1));
      return Optional.of(String.format(
          "%s needs about %,d file descriptors%s, but this process may open %,d (ulimit -n). "
              + "%s, raise ulimit -n, %ssplit the run across %sprocesses with --shard.",
          subject, needed, embeddedBroker ? " (the embedded broker holds the other end of each connection)" : "",
          fdLimit, lower(shard, fits), embeddedBroker ? "run the broker elsewhere (broker.url), " : "",
          shard.whole() ? "" : "more "));
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

  private static String lower(Shard shard, long fits) {
    return shard.whole() ? String.format("Lower load.clients to %,d or less", fits)
        : String.format("Make shards of %,d clients or less", fits);
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
