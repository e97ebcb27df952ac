package org.mqttchaos.client.tls;

/**
 * TLS material the harness cannot use: a missing file, a PEM without what it should hold, a key that does not
 * match its certificate, an unknown protocol or cipher. The message is one line naming the file and the problem;
 * {@link #key} names the profile key it came from, so the profile can say "file:line: broker.tls.keyFile: ...".
 */
public final class TlsConfigException extends RuntimeException {
  private final String key;

  public TlsConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The profile key under broker.tls, e.g. "keyFile". */
  public String key() {
    return key;
  }
}
