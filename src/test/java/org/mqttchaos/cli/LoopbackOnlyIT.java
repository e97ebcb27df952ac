package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run must contact nothing but the broker: no usage analytics, no release check. A security manager
 * that allows everything records every connect and host lookup the JVM makes during a whole run
 * (Gatling's, the embedded broker's and ours); all must be loopback.
 */
class LoopbackOnlyIT {
  @TempDir
  Path results;

  /** Records checkConnect calls; permits everything. */
  private static final class ConnectRecorder extends SecurityManager {
    final List<String> hosts = new CopyOnWriteArrayList<>();

    @Override
    public void checkConnect(String host, int port) {
      hosts.add(host);
    }

    @Override
    public void checkConnect(String host, int port, Object context) {
      hosts.add(host);
    }

    @Override
    public void checkPermission(Permission perm) {}

    @Override
    public void checkPermission(Permission perm, Object context) {}
  }

  @Test
  @SuppressWarnings("removal")
  void aRunContactsOnlyLoopback() throws Exception {
    ConnectRecorder recorder = new ConnectRecorder();
    System.setSecurityManager(recorder);
    int exit;
    try (var server = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        var probe = new java.net.Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      // The recorder works: the probe's connect above was seen.
      assertTrue(recorder.hosts.contains("127.0.0.1"), "probe recorded: " + recorder.hosts);
      recorder.hosts.clear();
      exit = MqttChaos.execute("run", "profiles/quickstart.yaml", "--results-dir", results.toString(),
          "--set", "load.clients=20", "--set", "load.rampDuration=1s", "--set", "load.hold=1s");
    } finally {
      System.setSecurityManager(null);
    }
    assertEquals(0, exit);
    for (String host : recorder.hosts) {
      assertTrue(isLoopback(host), "contacted a non-loopback host: " + host);
    }
  }

  private static boolean isLoopback(String host) throws UnknownHostException {
    if (host.equals("localhost")) {
      return true;
    }
    // Literal addresses only: a name would have needed a DNS lookup, itself a contact.
    if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+\\]?")) {
      return false;
    }
    return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
  }
}
