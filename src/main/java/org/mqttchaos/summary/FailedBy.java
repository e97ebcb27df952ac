package org.mqttchaos.summary;

import java.util.Optional;

/**
 * The keys of summary.json's {@code connects.failedBy}: why connect attempts failed, by the stage they failed in
 * (TCP, TLS, WebSocket, CONNACK), each failed attempt counted under exactly one, so they add up to
 * {@code connects.failed}. A key is written here and nowhere else, never renamed; a new reason is a new constant.
 * Each says in words what happened and what to change, for the console summary and report.html.
 */
public enum FailedBy {
  TCP_REFUSED("tcp-refused", "the broker's address refused the TCP connect: is the broker running, and is the port"
      + " in broker.url right?"),
  TCP_TIMEOUT("tcp-timeout", "no TCP connection within broker.connectTimeout: is the broker's host reachable?"),
  TCP_ERROR("tcp-error", "the TCP connect failed on this machine (no free local port, too many open files,"
      + " no route)"),
  TLS_UNTRUSTED("tls-untrusted", "the broker's certificate is not trusted: set broker.tls.caFile to the CA that"
      + " signed it"),
  TLS_EXPIRED("tls-expired", "the broker's certificate has expired or is not yet valid: renew it on the broker"),
  TLS_HOSTNAME("tls-hostname", "the broker's certificate does not name the host of broker.url: connect by a name"
      + " it holds, or set broker.tls.serverName to one"),
  TLS_CLIENT_CERT_REQUIRED("tls-client-cert-required", "the broker requires a client certificate: set"
      + " broker.tls.certFile and keyFile, or broker.tls.deviceCerts"),
  TLS_CLIENT_CERT_REFUSED("tls-client-cert-refused", "the broker refused the client certificate: use one signed by"
      + " a CA the broker trusts"),
  TLS_DEVICE_CERT_MISSING("tls-device-cert-missing", "a client had no device certificate: put {clientId}.crt and"
      + " {clientId}.key in broker.tls.deviceCerts.dir"),
  TLS_PROTOCOL("tls-protocol", "no TLS version in common with the broker: change broker.tls.protocols"),
  TLS_CIPHER("tls-cipher", "no cipher suite in common with the broker: change broker.tls.ciphers"),
  TLS_CLOSED("tls-closed", "the broker closed the connection during the TLS handshake: is broker.url's port a TLS"
      + " port?"),
  TLS_TIMEOUT("tls-timeout", "the TLS handshake did not finish within broker.connectTimeout"),
  TLS_NOT_TLS_PORT("tls-not-tls-port", "the broker's port answered with bytes that are not TLS: use its TLS port,"
      + " or a tcp:// or ws:// URL for a plain one"),
  TLS_OTHER("tls-other", "the TLS handshake failed for another reason (the connect's KO message names it)"),
  WS_REFUSED("ws-refused", "the WebSocket upgrade got no 101: check the path in broker.url; is it a WebSocket port?"),
  WS_TIMEOUT("ws-timeout", "no 101 to the WebSocket upgrade within broker.connectTimeout"),
  CONNACK_TIMEOUT("connack-timeout", "no CONNACK within broker.connectTimeout: the broker is slow or overloaded"),
  CONNACK_REFUSED("connack-refused", "refused by the CONNACK's return or reason code (connects.byCode): not"
      + " authorized: check broker.username and broker.password; server busy or unavailable, quota or connection"
      + " rate exceeded: the broker limits connects (counted in flaps.throttled)"),
  CLOSED_BEFORE_CONNACK("closed-before-connack", "the broker closed the connection before CONNACK (its log says"
      + " why: a connection limit, an ACL, a bad CONNECT)"),
  CLIENT_ABORTED("client-aborted", "the client itself ended the attempt before CONNACK (a planned drop, the run's"
      + " end)"),
  ERROR("error", "an unexpected error in mqtt-chaos itself before CONNACK (a bug: please report it with the"
      + " connect's KO message)"),
  PROTOCOL_ERROR("protocol-error", "the broker answered with bytes that are not MQTT (a packet that did not decode,"
      + " or larger than 1 MB): is broker.url's port an MQTT port, and broker.mqttVersion the broker's?");

  /** The shape of every key: lower-case words joined by '-'. */
  public static final String KEY_PATTERN = "[a-z]+(-[a-z]+)*";

  private final String key;
  private final String advice;

  FailedBy(String key, String advice) {
    this.key = key;
    this.advice = advice;
  }

  /** The key under connects.failedBy, e.g. "tls-untrusted". */
  public String key() {
    return key;
  }

  /** What happened and what to change, in words. */
  public String advice() {
    return advice;
  }

  /** The key, as summary.json writes it. */
  @Override
  public String toString() {
    return key;
  }

  /** The reason with this key; empty for a key this version does not know (a newer results folder's). */
  public static Optional<FailedBy> ofKey(String key) {
    for (FailedBy f : values()) {
      if (f.key.equals(key)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
