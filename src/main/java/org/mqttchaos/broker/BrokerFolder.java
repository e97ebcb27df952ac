package org.mqttchaos.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One broker's temporary folder: HiveMQ's home, conf (holding config.xml), data, extensions and
 * tls (the throwaway certificates of a TLS listener), so that brokers side by side share nothing
 * on disk and {@link #delete()} leaves no trace. The folder is the user's only (mode 700).
 */
record BrokerFolder(Path root) {

  /** Creates the folder; {@link #writeConfig} must follow before HiveMQ starts. */
  static BrokerFolder create() {
    try {
      BrokerFolder folder = new BrokerFolder(Files.createTempDirectory("mqtt-chaos-broker-"));
      for (Path dir : new Path[] {folder.home(), folder.conf(), folder.data(), folder.extensions()}) {
        Files.createDirectories(dir);
      }
      return folder;
    } catch (IOException e) {
      throw new BrokerStartException(
          "cannot start the embedded broker: cannot create its temporary folder ("
              + e.getMessage() + ")",
          false, e);
    }
  }

  void writeConfig(String configXml) {
    try {
      Files.writeString(conf().resolve("config.xml"), configXml);
    } catch (IOException e) {
      throw new BrokerStartException(
          "cannot start the embedded broker: cannot write its configuration (" + e.getMessage() + ")",
          false, e);
    }
  }

  Path home() {
    return root.resolve("home");
  }

  Path conf() {
    return root.resolve("conf");
  }

  Path data() {
    return root.resolve("data");
  }

  Path extensions() {
    return root.resolve("extensions");
  }

  Path tls() {
    return root.resolve("tls");
  }

  /**
   * Best effort, in a few passes in case a stopping HiveMQ thread still writes a file; what
   * cannot be deleted is left for the OS's temp cleaner.
   */
  void delete() {
    for (int pass = 0; pass < 3 && Files.exists(root); pass++) {
      try (Stream<Path> paths = Files.walk(root)) {
        paths.sorted(Comparator.reverseOrder()).forEach(BrokerFolder::deleteOne);
      } catch (IOException | UncheckedIOException e) {
        // A file vanished or appeared during the walk: the next pass sees the new state.
      }
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Best effort, see delete().
    }
  }
}
