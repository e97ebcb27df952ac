package org.mqttchaos.profile;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test helper: writes profile text to a temp folder and loads it, or returns the error message. */
final class ProfileFiles {
  private final Path dir;

  ProfileFiles(Path dir) {
    this.dir = dir;
  }

  Path write(String fileName, String yaml) {
    try {
      return Files.writeString(dir.resolve(fileName), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where messages say the file is, as "p.yaml" was written. */
  String at(int line) {
    return dir.resolve("p.yaml") + ":" + line + ": ";
  }

  Profile load(String yaml, String... sets) {
    return ProfileLoader.load(write("p.yaml", yaml), Map.of(), List.of(sets)).profile();
  }

  /** Loads with every feature enabled, for rules on keys not supported yet. */
  Profile loadAllFeatures(String yaml, String... sets) {
    return new ProfileLoader(Set.of()).resolve(write("p.yaml", yaml), Map.of(), List.of(sets)).profile();
  }

  String error(String yaml, String... sets) {
    return errorWithEnv(yaml, Map.of(), sets);
  }

  String errorWithEnv(String yaml, Map<String, String> env, String... sets) {
    Path file = write("p.yaml", yaml);
    return assertThrows(ProfileException.class, () -> ProfileLoader.load(file, env, List.of(sets))).getMessage();
  }

  String errorAllFeatures(String yaml, String... sets) {
    Path file = write("p.yaml", yaml);
    return assertThrows(ProfileException.class,
        () -> new ProfileLoader(Set.of()).resolve(file, Map.of(), List.of(sets))).getMessage();
  }
}
