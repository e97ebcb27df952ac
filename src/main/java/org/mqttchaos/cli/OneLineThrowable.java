package org.mqttchaos.cli;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * The exception of a log line, on that line: " (DecoderException: bad packet; caused by ...)", never a stack
 * trace, so whatever a library logs about a broker or the network reads as one line on the console. With the
 * environment variable {@value #DEBUG_ENV} set, the full stack trace instead, as for the CLI's own errors.
 * Named in logback.xml as {@code %oneLineEx}; a throwable-handling converter, so logback adds no trace of its own.
 */
public final class OneLineThrowable extends ThrowableHandlingConverter {
  /** Set (to anything) to see stack traces. */
  static final String DEBUG_ENV = "MQTT_CHAOS_DEBUG";
  /** Causes named at most; a longer chain (or a cycle) ends in "...". */
  private static final int MAX_CAUSES = 4;

  private final ThrowableProxyConverter full = new ThrowableProxyConverter();
  private boolean debug;

  @Override
  public void start() {
    debug = System.getenv(DEBUG_ENV) != null;
    full.setContext(getContext());
    full.start();
    super.start();
  }

  @Override
  public String convert(ILoggingEvent event) {
    IThrowableProxy t = event.getThrowableProxy();
    if (t == null) {
      return "";
    }
    if (debug) {
      return System.lineSeparator() + full.convert(event).stripTrailing();
    }
    return oneLine(t);
  }

  /** " (Type: message; caused by Type: message; run with MQTT_CHAOS_DEBUG=1 for the stack trace)". */
  static String oneLine(IThrowableProxy t) {
    StringBuilder line = new StringBuilder(" (");
    int n = 0;
    for (IThrowableProxy c = t; c != null; c = c.getCause()) {
      if (n == MAX_CAUSES) {
        line.append("; ...");
        break;
      }
      if (n++ > 0) {
        line.append("; caused by ");
      }
      String type = c.getClassName();
      line.append(type.substring(type.lastIndexOf('.') + 1));
      if (c.getMessage() != null && !c.getMessage().isBlank() && !wraps(c)) {
        line.append(": ").append(c.getMessage().strip().replaceAll("\\s*\\R\\s*", " "));
      }
    }
    return line.append("; ").append(DEBUG_ENV).append("=1 shows the stack trace)").toString();
  }

  /** True when the message is only its cause's toString (new DecoderException(cause)): the cause says it. */
  private static boolean wraps(IThrowableProxy t) {
    IThrowableProxy cause = t.getCause();
    return cause != null && t.getMessage().equals(cause.getClassName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
  }
}
