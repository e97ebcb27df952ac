package org.mqttchaos.broker;

/**
 * The embedded broker could not start (port in use, unknown bind address, ...). The message is
 * one line meant for the user, so callers print it instead of a stack trace.
 */
public final class BrokerStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean portInUse;

  BrokerStartException(String message, boolean portInUse, Throwable cause) {
    super(message, cause);
    this.portInUse = portInUse;
  }

  static BrokerStartException portInUse(String address, int port, Throwable cause) {
    return new BrokerStartException(
        "cannot start the embedded broker: port " + port + " on " + address + " is already in use",
        true, cause);
  }

  /** True when the listener's port was taken; a caller that picked the port may try another. */
  public boolean portInUse() {
    return portInUse;
  }
}
