package org.mqttchaos.client.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/**
 * Which TLS implementation the clients use. AUTO is OpenSSL (BoringSSL through netty-tcnative) where its native
 * library loads, else the JDK's: measured, OpenSSL costs less CPU per handshake and less heap per idle TLS
 * connection (figures in docs/transports.md).
 */
public enum TlsProvider {
  AUTO, JDK, OPENSSL;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The provider Netty is given: OPENSSL falls back to the JDK where the native library does not load. */
  public SslProvider resolve() {
    return switch (this) {
      case JDK -> SslProvider.JDK;
      case AUTO, OPENSSL -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    };
  }

  /** Why OpenSSL could not be used, or null when it can. */
  public static String openSslUnavailable() {
    Throwable cause = OpenSsl.unavailabilityCause();
    return cause == null ? null : cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
