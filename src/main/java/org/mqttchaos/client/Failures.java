package org.mqttchaos.client;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns exceptions, codes and durations into the short texts that connect results and events carry. */
final class Failures {
  // Native transports prefix the errno text with the syscall: "connect(..) failed: Connection refused".
  // Netty appends the remote address to connect errors: ": localhost/127.0.0.1:1883" or ": /127.0.0.1:1883".
  private static final Pattern REMOTE_SUFFIX = Pattern.compile(": \\S*/\\S+$");
  private static final Pattern SYSCALL = Pattern.compile("^\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: (.*)$");

  private Failures() {}

  /** "Connection refused", without Netty's appended remote address or the syscall name. */
  static String reason(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    m = REMOTE_SUFFIX.matcher(m).replaceFirst("");
    Matcher syscall = SYSCALL.matcher(m);
    return syscall.matches() ? syscall.group(1) : m;
  }

  /**
   * The reason of a failed dial: a transport's own (TLS, WebSocket), else the TCP connect's, told by what the
   * socket said: refused, timed out, anything else.
   */
  static ConnectFailure tcpFailure(Throwable t) {
    if (t instanceof TransportException te) {
      return te.failure();
    }
    String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
    if (t instanceof io.netty.channel.ConnectTimeoutException || m.contains("timed out")) {
      return ConnectFailure.TCP_TIMEOUT;
    }
    return m.contains("refused") ? ConnectFailure.TCP_REFUSED : ConnectFailure.TCP_ERROR;
  }

  /** "10s", "500ms", "2m" as profiles write durations. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  /** "0x05 (CONNECTION_REFUSED_NOT_AUTHORIZED)"; the name is Netty's, for 3.1.1 codes and 5 reason codes alike. */
  static String connackCode(int code) {
    String hex = String.format("0x%02X", code);
    try {
      return hex + " (" + MqttConnectReturnCode.valueOf((byte) code).name() + ")";
    } catch (IllegalArgumentException unknown) {
      return hex;
    }
  }
}
