package org.mqttchaos.profile;

import java.nio.file.Path;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.tls.ClientTls;
import org.mqttchaos.client.tls.TlsConfigException;
import org.mqttchaos.client.tls.TlsOptions;

/**
 * The broker.tls keys: read into {@link TlsOptions}, and loaded once at validation so that a missing file, a
 * PEM without a certificate or key, a key that does not match, an encrypted key without its password or an
 * unknown protocol or cipher is one message naming the file, line and key, before anything runs.
 */
final class TlsRules {

  private TlsRules() {}

  /** The options the keys state; relative paths are taken from the working directory. */
  static TlsOptions options(Values v) {
    return new TlsOptions(path(v.get(Keys.TLS_CA_FILE)), path(v.get(Keys.TLS_CERT_FILE)),
        path(v.get(Keys.TLS_KEY_FILE)), v.get(Keys.TLS_KEY_PASSWORD), v.get(Keys.TLS_SERVER_NAME),
        v.get(Keys.TLS_PROTOCOLS), v.get(Keys.TLS_CIPHERS), v.get(Keys.TLS_INSECURE), v.get(Keys.TLS_RESUMPTION),
        path(v.get(Keys.DEVICE_DIR)), path(v.get(Keys.DEVICE_CA_FILE)), path(v.get(Keys.DEVICE_CA_KEY_FILE)),
        v.get(Keys.TLS_PROVIDER));
  }

  /** True when the URL's scheme is a TLS one, or (embedded broker) any broker.tls key is given. */
  static boolean usesTls(Values v) {
    String url = v.get(Keys.URL);
    if (url != null) {
      return BrokerUrl.parse(url).tls();
    }
    return Keys.TLS.stream().anyMatch(k -> changed(v, k));
  }

  /** Given, and not the default: a resolved profile states every key, defaults included. */
  private static boolean changed(Values v, Key<?> k) {
    return v.origin(k).isPresent() && !java.util.Objects.equals(v.get(k), k.defaultValue());
  }

  static void check(Values v, String source) {
    Key<?> given = Keys.TLS.stream().filter(k -> changed(v, k)).findFirst().orElse(null);
    String url = v.get(Keys.URL);
    if (given != null && url != null && !BrokerUrl.parse(url).tls()) {
      throw Rules.at(v, source, given, Keys.URL, given.path() + ": TLS settings need a TLS broker URL (mqtts://,"
          + " ssl://, tls:// or wss://), broker.url is " + url);
    }
    if (given != null && url == null) {
      throw Rules.at(v, source, given, given, given.path() + ": the embedded broker listens on plain TCP only in"
          + " this version: give broker.url of a TLS broker");
    }
    if (!usesTls(v)) {
      return;
    }
    try {
      ClientTls.check(options(v));
    } catch (TlsConfigException e) {
      Key<?> key = Keys.TLS.stream().filter(k -> k.path().equals("broker.tls." + e.key())).findFirst()
          .orElse(Keys.TLS_CA_FILE);
      throw Rules.at(v, source, key, Keys.URL, key.path() + ": " + e.getMessage());
    }
  }

  private static Path path(String text) {
    return text == null ? null : Path.of(text);
  }
}
