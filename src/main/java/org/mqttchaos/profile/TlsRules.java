package org.mqttchaos.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.tls.ClientTls;
import org.mqttchaos.client.tls.TlsConfigException;
import org.mqttchaos.client.tls.TlsOptions;

/**
 * The broker.tls keys: read into {@link TlsOptions}, and loaded once at validation so that a missing file, a
 * PEM without a certificate or key, a key that does not match, an encrypted key without its password or an
 * unknown protocol or cipher is one message naming the file, line and key, before anything runs.
 *
 * <p>The embedded broker speaks TLS for {@code broker.url: embedded+tls} or {@code embedded+wss}, and for plain
 * {@code embedded} when any broker.tls key is given. It makes its own certificates at start and the harness trusts
 * them, so the keys naming the user's files are refused with it; {@code deviceCerts.caFile: embedded} makes it
 * require client certificates signed by a device CA it makes too, from which each client gets its own.
 */
final class TlsRules {
  /** deviceCerts.caFile (and caKeyFile) naming the embedded broker's device CA. */
  static final String EMBEDDED_CA = BrokerSettings.EMBEDDED;

  /** The keys naming the user's own certificates and keys: the embedded broker makes its own. */
  private static final List<Key<?>> USER_FILES = List.of(Keys.TLS_CA_FILE, Keys.TLS_CERT_FILE, Keys.TLS_KEY_FILE,
      Keys.TLS_KEY_PASSWORD, Keys.DEVICE_DIR, Keys.DEVICE_CA_FILE, Keys.DEVICE_CA_KEY_FILE);

  private TlsRules() {}

  /** The options the keys state; relative paths are taken from the working directory. */
  static TlsOptions options(Values v) {
    return new TlsOptions(path(v.get(Keys.TLS_CA_FILE)), path(v.get(Keys.TLS_CERT_FILE)),
        path(v.get(Keys.TLS_KEY_FILE)), v.get(Keys.TLS_KEY_PASSWORD), v.get(Keys.TLS_SERVER_NAME),
        v.get(Keys.TLS_PROTOCOLS), v.get(Keys.TLS_CIPHERS), v.get(Keys.TLS_INSECURE), v.get(Keys.TLS_RESUMPTION),
        path(v.get(Keys.DEVICE_DIR)), file(v.get(Keys.DEVICE_CA_FILE)), file(v.get(Keys.DEVICE_CA_KEY_FILE)),
        v.get(Keys.TLS_PROVIDER));
  }

  /** True when deviceCerts.caFile names the embedded broker's device CA. */
  static boolean embeddedDeviceCerts(Values v) {
    return isEmbeddedCa(v.get(Keys.DEVICE_CA_FILE));
  }

  /**
   * broker.url as the broker settings keep it: null or a URL as given, "embedded+tls" for the embedded broker
   * when a broker.tls key asks for TLS.
   */
  static String url(Values v) {
    String url = v.get(Keys.URL);
    return url == null && usesTls(v) ? BrokerSettings.EMBEDDED + "+tls" : url;
  }

  /** True when the URL's scheme is a TLS one, or (embedded broker) any broker.tls key is given. */
  static boolean usesTls(Values v) {
    String url = v.get(Keys.URL);
    if (url == null) {
      return Keys.TLS.stream().anyMatch(k -> changed(v, k));
    }
    return transport(url).tls();
  }

  private static BrokerUrl.Transport transport(String url) {
    return BrokerSettings.isEmbedded(url) ? BrokerSettings.embeddedTransport(url) : BrokerUrl.parse(url).transport();
  }

  /** Given, and not the default: a resolved profile states every key, defaults included. */
  private static boolean changed(Values v, Key<?> k) {
    return v.origin(k).isPresent() && !Objects.equals(v.get(k), k.defaultValue());
  }

  static void check(Values v, String source) {
    Key<?> given = Keys.TLS.stream().filter(k -> changed(v, k)).findFirst().orElse(null);
    String url = v.get(Keys.URL);
    boolean embedded = url == null || BrokerSettings.isEmbedded(url);
    if (given != null && !usesTls(v)) {
      throw Rules.at(v, source, given, Keys.URL, given.path() + ": TLS settings need a TLS broker URL (mqtts://,"
          + " ssl://, tls:// or wss://" + (embedded ? "; embedded+tls or embedded+wss for the embedded broker" : "")
          + "), broker.url is " + url);
    }
    if (embedded) {
      checkEmbedded(v, source);
    } else {
      for (Key<String> key : List.of(Keys.DEVICE_CA_FILE, Keys.DEVICE_CA_KEY_FILE)) {
        if (isEmbeddedCa(v.get(key))) {
          throw Rules.at(v, source, key, Keys.URL, key.path() + ": 'embedded' is the embedded broker's device CA,"
              + " but broker.url is " + url + ": give the CA file (and its key) that signs your devices'"
              + " certificates");
        }
      }
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

  /** The embedded broker makes every certificate itself: only deviceCerts.caFile: embedded may name one. */
  private static void checkEmbedded(Values v, String source) {
    boolean deviceCa = embeddedDeviceCerts(v);
    if (isEmbeddedCa(v.get(Keys.DEVICE_CA_KEY_FILE)) && !deviceCa) {
      throw Rules.at(v, source, Keys.DEVICE_CA_KEY_FILE, Keys.DEVICE_CA_KEY_FILE, Keys.DEVICE_CA_KEY_FILE.path()
          + ": 'embedded' goes with broker.tls.deviceCerts.caFile: embedded");
    }
    for (Key<?> key : USER_FILES) {
      Object value = v.get(key);
      if (value == null || isEmbeddedCa(value)) {
        continue;
      }
      String instead = key == Keys.DEVICE_CA_KEY_FILE && deviceCa
          ? "the embedded broker's device CA comes with its key: leave " + key.path() + " out"
          : "the embedded broker makes its own certificates at start and the harness trusts them: leave "
              + key.path() + " out" + (key == Keys.TLS_CA_FILE || key == Keys.TLS_KEY_PASSWORD ? ""
                  : " (client certificates: broker.tls.deviceCerts.caFile: embedded)")
              + ", or give broker.url of your own broker";
      throw Rules.at(v, source, key, key, key.path() + ": " + instead);
    }
  }

  private static boolean isEmbeddedCa(Object value) {
    return value instanceof String s && s.strip().equalsIgnoreCase(EMBEDDED_CA);
  }

  private static Path path(String text) {
    return text == null ? null : Path.of(text);
  }

  /** A device CA file, or null where it is the embedded broker's (known once the broker started). */
  private static Path file(String text) {
    return isEmbeddedCa(text) ? null : path(text);
  }
}
