package org.mqttchaos.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.Preferences;
import java.util.prefs.PreferencesFactory;

/**
 * In-memory Java preferences for the harness's JVM. Gatling looks up its latest release over HTTPS
 * unless its cached check (a Java preference) is fresh; this store always answers that a check has just
 * been made, so a run opens no connection but to the broker, and nothing is written to the user's home.
 */
public final class OfflinePreferences extends AbstractPreferences {
  /** Where Gatling keeps its release check (LatestGatlingRelease). */
  static final String GATLING_RELEASE_NODE = "/io/gatling/latestVersion";

  private final Map<String, String> values = new HashMap<>();
  private final Map<String, OfflinePreferences> children = new HashMap<>();

  private OfflinePreferences(OfflinePreferences parent, String name) {
    super(parent, name);
  }

  /**
   * Makes the JVM use this store. The JVM reads the factory once, when Preferences is first loaded, so
   * this runs first thing in main; if something loaded Preferences earlier, the release check is instead
   * marked as just done in the real store (a fresh failed check makes Gatling skip the lookup).
   */
  public static void install() {
    System.setProperty("java.util.prefs.PreferencesFactory", Factory.class.getName());
    Preferences root = Preferences.userRoot();
    if (!(root instanceof OfflinePreferences)) {
      Preferences node = root.node(GATLING_RELEASE_NODE);
      node.putLong("lastCheckTimestamp", System.currentTimeMillis());
      node.putBoolean("lastCheckSuccess", false);
    }
  }

  @Override
  protected String getSpi(String key) {
    if (absolutePath().equals(GATLING_RELEASE_NODE)) {
      switch (key) {
        case "lastCheckTimestamp":
          return Long.toString(System.currentTimeMillis()); // always fresh: never fetch
        case "lastCheckSuccess":
          return "false"; // a failed check is remembered without a version to announce
        default:
          break;
      }
    }
    return values.get(key);
  }

  @Override
  protected void putSpi(String key, String value) {
    values.put(key, value);
  }

  @Override
  protected void removeSpi(String key) {
    values.remove(key);
  }

  @Override
  protected void removeNodeSpi() {
    children.clear();
  }

  @Override
  protected String[] keysSpi() {
    return values.keySet().toArray(String[]::new);
  }

  @Override
  protected String[] childrenNamesSpi() {
    return children.keySet().toArray(String[]::new);
  }

  @Override
  protected AbstractPreferences childSpi(String name) {
    return children.computeIfAbsent(name, n -> new OfflinePreferences(this, n));
  }

  @Override
  protected void syncSpi() {}

  @Override
  protected void flushSpi() {}

  /** The factory named by the java.util.prefs.PreferencesFactory system property. */
  public static final class Factory implements PreferencesFactory {
    private static final Preferences USER = new OfflinePreferences(null, "");
    private static final Preferences SYSTEM = new OfflinePreferences(null, "");

    @Override
    public Preferences userRoot() {
      return USER;
    }

    @Override
    public Preferences systemRoot() {
      return SYSTEM;
    }
  }
}
