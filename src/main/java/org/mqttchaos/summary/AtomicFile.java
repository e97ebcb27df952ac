package org.mqttchaos.summary;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Every file of a results folder is written whole or not at all: to a hidden temporary name beside it, then renamed
 * over the final name. A full disk, an I/O error or a kill in the middle leaves the previous file (or none), never
 * a truncated one that reads as complete.
 */
public final class AtomicFile {
  /** What writes a file's bytes. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  /**
   * Writes {@code file} from {@code body}.
   *
   * @throws UncheckedIOException naming the file and the OS's reason ("report.html: No space left on device");
   *     the temporary file is removed and {@code file} is as it was
   */
  public static void write(Path file, Body body) {
    Path temp = temporary(file);
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024)) {
        body.writeTo(out);
      }
      publish(temp, file);
    } catch (IOException e) {
      discard(temp);
      throw new UncheckedIOException(file.getFileName() + ": " + reason(e), e);
    }
  }

  /** Writes {@code text} as UTF-8; errors as {@link #write}. */
  public static void writeString(Path file, String text) {
    write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Opens a file written over a while (an interval log, timeline.csv) under its temporary name; {@link
   * Pending#publish} gives it its final name once complete.
   */
  public static Pending open(Path file) throws IOException {
    return new Pending(file);
  }

  /**
   * A file being written: bytes go to its temporary name, and the first write error is kept, so a {@link
   * java.io.PrintStream} on top (which hides errors) cannot make a truncated file pass for complete.
   */
  public static final class Pending extends FilterOutputStream {
    private final Path file;
    private final Path temp;
    private IOException failure;

    private Pending(Path file) throws IOException {
      super(Files.newOutputStream(temporary(file)));
      this.file = file;
      this.temp = temporary(file);
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw failed(e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw failed(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw failed(e);
      }
    }

    private IOException failed(IOException e) {
      if (failure == null) {
        failure = e;
      }
      return e;
    }

    /**
     * Closes the file and renames it to its final name; when any write failed, removes it instead.
     *
     * @throws UncheckedIOException naming the file and the first failure's reason
     */
    public void publish() {
      try {
        close();
      } catch (IOException e) {
        failed(e);
      }
      if (failure == null) {
        try {
          AtomicFile.publish(temp, file);
          return;
        } catch (IOException e) {
          failure = e;
        }
      }
      discard(temp);
      throw new UncheckedIOException(file.getFileName() + ": " + reason(failure), failure);
    }
  }

  /** The hidden name a file is written under until it is complete: {@code .report.html.partial}. */
  public static Path temporary(Path file) {
    return file.resolveSibling("." + file.getFileName() + ".partial");
  }

  /** Renames a completed temporary file over its final name (atomically where the file system can). */
  public static void publish(Path temp, Path file) throws IOException {
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes a temporary file that will not be completed; a failure to do so is not worth a second error. */
  public static void discard(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // the original error is the one to report
    }
  }

  /** The OS's words for an I/O failure: "No space left on device", "Permission denied"... */
  public static String reason(IOException e) {
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
