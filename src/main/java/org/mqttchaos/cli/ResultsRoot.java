package org.mqttchaos.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether a results directory can hold a run's results folder, tried before the run so nothing half-starts. */
final class ResultsRoot {
  private ResultsRoot() {}

  /**
   * Creates {@code root} when missing and writes and deletes a probe file in it; empty when that works, otherwise
   * the reason in the OS's words ("not a directory", "permission denied", "Read-only file system"...).
   */
  static Optional<String> problem(Path root) {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      return Optional.of("not a directory");
    }
    try {
      Files.createDirectories(root);
      Path probe = Files.createTempFile(root, ".mqtt-chaos-probe", ".tmp");
      Files.delete(probe);
      return Optional.empty();
    } catch (AccessDeniedException e) {
      return Optional.of("permission denied (" + e.getFile() + ")");
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.of("cannot be created (" + e.getFile() + " does not exist and cannot be made)");
    } catch (FileAlreadyExistsException e) {
      return Optional.of("not a directory (" + e.getFile() + " is a file)");
    } catch (FileSystemException e) {
      return Optional.of(e.getReason() != null ? e.getReason() + " (" + e.getFile() + ")" : e.toString());
    } catch (IOException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }
}
