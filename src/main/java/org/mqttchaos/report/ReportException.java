package org.mqttchaos.report;

/**
 * A results folder that cannot be reported (missing or unreadable file). The message is meant for the user
 * as it is: the CLI prints it without a stack trace.
 */
public final class ReportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReportException(String message) {
    super(message);
  }

  public ReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
