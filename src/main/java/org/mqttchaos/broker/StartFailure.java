package org.mqttchaos.broker;

import java.net.InetAddress;

/** Turns what HiveMQ's start future failed with into a one-line message for the user. */
final class StartFailure {

  private StartFailure() {}

  static BrokerStartException explain(InetAddress address, int port, Throwable failure) {
    // HiveMQ reports a failed bind as a bare UnrecoverableException; the OS knows better.
    if (PortProbe.inUse(address, port)) {
      return BrokerStartException.portInUse(address.getHostAddress(), port, failure);
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new BrokerStartException(
        "cannot start the embedded broker on " + address.getHostAddress() + ":" + port + ": "
            + reason.lines().findFirst().orElse(reason),
        false, failure);
  }
}
