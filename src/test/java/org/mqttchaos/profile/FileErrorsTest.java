package org.mqttchaos.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile file that cannot be read at all: the message names the file and why. */
class FileErrorsTest {
  @TempDir Path dir;

  private String error(Path file) {
    return assertThrows(ProfileException.class, () -> ProfileLoader.load(file, Map.of(), List.of())).getMessage();
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("nope.yaml");
    assertEquals(file + ": file not found", error(file));
  }

  @Test
  void directoryInsteadOfFile() {
    assertEquals(dir + ": is a directory, expected a profile file", error(dir));
  }

  @Test
  void notUtf8() throws Exception {
    Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9});
    assertEquals(file + ": cannot read file (not UTF-8 text)", error(file));
  }

  @Test
  void unreadableFile() throws Exception {
    Path file = new ProfileFiles(dir).write("secret.yaml", "name: x\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(file), "running as root: every file is readable");
    assertEquals(file + ": cannot read file (permission denied)", error(file));
  }
}
