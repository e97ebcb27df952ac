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
    return check(clients, embeddedBroker, sourceAddresses, maxFileDescriptors(), ephemeralPorts());
  }

  /** As {@link #check(int, boolean, int)}, with the machine's limits given. */
  static Optional<String> check(int clients, boolean embeddedBroker, int sourceAddresses, long fdLimit, int ports) {
    long needed = (long) clients * (embeddedBroker ? 2 : 1) + FIXED_DESCRIPTORS;
    if (fdLimit > 0 && needed > fdLimit) {
      long fits = (fdLimit - FIXED_DESCRIPTORS) / (embeddedBroker ? 2 : 1);
      return Optional.of(String.format(
          "load.clients=%d needs about %,d file descriptors%s, but this process may open %,d (ulimit -n). "
              + "Lower load.clients to %,d or less, raise ulimit -n, %ssplit the run across processes with --shard.",
          clients, needed, embeddedBroker ? " (the embedded broker holds the other end of each connection)" : "",
          fdLimit, Math.max(0, fits), embeddedBroker ? "run the broker elsewhere (broker.url), " : ""));
    }
    long portCapacity = (long) ports * Math.max(1, sourceAddresses);
    if (clients > portCapacity) {
      return Optional.of(String.format(
          "load.clients=%d needs %,d local ports but %d source address%s give%s %,d (%,d ephemeral ports each). "
              + "Add source addresses (broker.sourceAddresses: [127.0.0.1-127.0.0.4]) or lower load.clients.",
          clients, clients, Math.max(1, sourceAddresses), sourceAddresses > 1 ? "es" : "",
          sourceAddresses > 1 ? "" : "s", portCapacity, ports));
    }
    return Optional.empty();
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
