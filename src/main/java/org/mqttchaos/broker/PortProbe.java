package org.mqttchaos.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Asks the OS about ports before and after HiveMQ tries them: HiveMQ needs a concrete port in
 * its configuration, and when its bind fails it only says that it stopped.
 */
final class PortProbe {

  private PortProbe() {}

  /** A port that is free on {@code address} right now; HiveMQ binds it a moment later. */
  static int freePort(InetAddress address) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(address, 0));
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new BrokerStartException(
          "cannot start the embedded broker: cannot listen on " + address.getHostAddress()
              + " (" + e.getMessage() + ")",
          false, e);
    }
  }

  /** True if something already listens on {@code address:port}. */
  static boolean inUse(InetAddress address, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(address, port));
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
