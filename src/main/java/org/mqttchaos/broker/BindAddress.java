package org.mqttchaos.broker;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Checks the address the embedded broker binds to. The wildcard address is refused: a broker
 * started by a load harness must not be reachable from other machines by accident.
 */
final class BindAddress {

  private BindAddress() {}

  static InetAddress resolve(String bindAddress) {
    if (bindAddress == null || bindAddress.isBlank()) {
      throw fail("no bind address given (use 127.0.0.1)");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bindAddress.strip());
    } catch (UnknownHostException e) {
      throw fail("unknown bind address '" + bindAddress + "'");
    }
    if (address.isAnyLocalAddress()) {
      throw fail("refusing to listen on every interface (" + bindAddress
          + "); give one address such as 127.0.0.1");
    }
    return address;
  }

  private static BrokerStartException fail(String reason) {
    return new BrokerStartException("cannot start the embedded broker: " + reason, false, null);
  }
}
