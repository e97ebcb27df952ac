package org.mqttchaos.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The mqtt-chaos version, from a resource Maven fills in at build time. */
public final class HarnessVersion {
  private static final String VERSION = load();

  private HarnessVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = HarnessVersion.class.getResourceAsStream("/org/mqttchaos/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties props = new Properties();
      props.load(in);
      return props.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
