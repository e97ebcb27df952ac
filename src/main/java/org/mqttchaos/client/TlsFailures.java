package org.mqttchaos.client;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/** Words a failed TLS handshake as what happened and what to change in the profile, and names its reason. */
final class TlsFailures {

  /** A failed handshake: its reason and the words of the attempt's failure ("TLS handshake failed: ..."). */
  record Explained(ConnectFailure reason, String words) {
    TransportException exception(Throwable cause) {
      return new TransportException(TransportStage.TLS, reason, words, cause);
    }
  }

  private TlsFailures() {}

  /**
   * @param peer          the name the broker's certificate was checked against
   * @param sentIdentity  the client presented a certificate
   */
  static Explained explain(Throwable failure, String peer, boolean sentIdentity) {
    String all = messages(failure);
    String lower = all.toLowerCase(Locale.ROOT);
    String why;
    ConnectFailure reason;
    if (has(failure, CertificateExpiredException.class) || has(failure, CertificateNotYetValidException.class)
        || lower.contains("certificate_expired") || lower.contains("notafter")) {
      reason = ConnectFailure.TLS_EXPIRED;
      why = "the broker's certificate has expired or is not yet valid: renew it on the broker";
    } else if (lower.contains("no subject alternative") || lower.contains("no name matching")
        || lower.contains("hostname") && lower.contains("match")) {
      reason = ConnectFailure.TLS_HOSTNAME;
      why = "the broker's certificate does not name " + peer + ": connect by a name it holds, or set"
          + " broker.tls.serverName to one";
    } else if (has(failure, CertPathBuilderException.class) || lower.contains("pkix path")
        || lower.contains("unable to find valid certification path") || lower.contains("self signed")
        || lower.contains("self-signed")) {
      reason = ConnectFailure.TLS_UNTRUSTED;
      why = "the broker's certificate is not trusted (no chain to a trusted CA): set broker.tls.caFile to the CA"
          + " that signed it (or insecureSkipVerify: true, for tests only)";
    } else if (lower.contains("certificate_required") || !sentIdentity && (lower.contains("handshake_failure")
        || lower.contains("bad_certificate"))) {
      reason = ConnectFailure.TLS_CLIENT_CERT_REQUIRED;
      why = "the broker requires a client certificate: set broker.tls.certFile and keyFile, or deviceCerts";
    } else if (lower.contains("unknown_ca") || lower.contains("bad_certificate")
        || lower.contains("certificate_unknown") || lower.contains("decrypt_error")) {
      reason = ConnectFailure.TLS_CLIENT_CERT_REFUSED;
      why = "the broker refused the client certificate (" + alert(lower) + "): use one signed by a CA the broker"
          + " trusts";
    } else if (lower.contains("protocol_version") || lower.contains("no appropriate protocol")
        || lower.contains("unsupported_protocol")) {
      reason = ConnectFailure.TLS_PROTOCOL;
      why = "no TLS version in common with the broker: change broker.tls.protocols";
    } else if (lower.contains("no_shared_cipher") || lower.contains("no cipher suites in common")
        || lower.contains("insufficient_security")) {
      reason = ConnectFailure.TLS_CIPHER;
      why = "no cipher suite in common with the broker: change broker.tls.ciphers";
    } else if (has(failure, io.netty.handler.ssl.NotSslRecordException.class)
        || lower.contains("not an ssl/tls record")) {
      reason = ConnectFailure.TLS_NOT_TLS_PORT;
      why = "the broker's port answered with bytes that are not TLS: use its TLS port, or a tcp:// or ws:// URL";
    } else if (!isTls(failure)) {
      reason = ConnectFailure.TLS_CLOSED;
      why = "the broker closed the connection during the handshake (" + Failures.reason(root(failure))
          + "): is it a TLS port?";
    } else {
      reason = ConnectFailure.TLS_OTHER;
      why = Failures.reason(root(failure));
    }
    return new Explained(reason, "TLS handshake failed: " + why);
  }

  /** An SSL error in the cause chain: a TLS alert or record failure, as opposed to a plain socket error. */
  static boolean isTls(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof javax.net.ssl.SSLException) {
        return true;
      }
    }
    return false;
  }

  private static String alert(String lower) {
    for (String a : new String[] {"unknown_ca", "bad_certificate", "certificate_unknown", "decrypt_error"}) {
      if (lower.contains(a)) {
        return "alert " + a;
      }
    }
    return "alert";
  }

  private static boolean has(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" | ");
    }
    return b.toString();
  }

  private static Throwable root(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }
}
