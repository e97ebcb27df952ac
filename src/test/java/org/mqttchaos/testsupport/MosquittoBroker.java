package org.mqttchaos.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real mosquitto for integration tests: own config in a temp dir, loopback only, a free port, no persistence.
 * Start with {@link #start()} or {@link #start(String...)} (extra config lines); close to stop it.
 */
public final class MosquittoBroker implements AutoCloseable {
  public static final Path EXECUTABLE = Path.of("/usr/sbin/mosquitto");
  private static final long START_TIMEOUT_MS = 10_000;
  private static final Pattern VERSION = Pattern.compile("mosquitto version (\\d+\\.\\d+\\.\\d+)");

  private volatile Process process;
  private final Path dir;
  private final Path log;
  private final int port;

  private MosquittoBroker(Process process, Path dir, Path log, int port) {
    this.process = process;
    this.dir = dir;
    this.log = log;
    this.port = port;
  }

  public static MosquittoBroker start() {
    return start(new String[0]);
  }

  /** Starts mosquitto with {@code extraConfigLines} appended to the config; returns once the port accepts. */
  public static MosquittoBroker start(String... extraConfigLines) {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException("mosquitto not installed: apt-get install mosquitto");
    }
    try {
      Path dir = Files.createTempDirectory("mosquitto-test");
      int port = freePort();
      List<String> config = new ArrayList<>(List.of(
          "listener " + port + " 127.0.0.1", "allow_anonymous true", "persistence false"));
      config.addAll(List.of(extraConfigLines));
      Path conf = Files.write(dir.resolve("mosquitto.conf"), config);
      Path log = dir.resolve("mosquitto.log");
      Process p = new ProcessBuilder(EXECUTABLE.toString(), "-c", conf.toString())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      MosquittoBroker broker = new MosquittoBroker(p, dir, log, port);
      broker.awaitPort();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start mosquitto", e);
    }
  }

  public int port() {
    return port;
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** The running version, e.g. "2.0.11", as mosquitto logs it at start; "unknown" if it did not. */
  public String version() {
    Matcher m = VERSION.matcher(log());
    return m.find() ? m.group(1) : "unknown";
  }

  /** True when the running mosquitto is at least {@code major.minor.patch}; behaviour differs between releases. */
  public boolean versionAtLeast(int major, int minor, int patch) {
    String[] parts = version().split("\\.");
    if (parts.length < 3) {
      return false;
    }
    int[] have = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    int[] want = {major, minor, patch};
    for (int i = 0; i < 3; i++) {
      if (have[i] != want[i]) {
        return have[i] > want[i];
      }
    }
    return true;
  }

  /** What mosquitto logged so far, for failure messages. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp dir is harmless
    }
  }

  /** kill -9: the broker dies at once, closing no session and sending nothing; its folder and port stay. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
  }

  /**
   * kill -STOP (true) or kill -CONT (false): a stopped broker answers nothing, and once its listen queue is full the
   * kernel drops new SYNs, so TCP connects time out too. A stopped broker is continued before {@link #close}.
   */
  public void stop(boolean stopped) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", stopped ? "-STOP" : "-CONT", Long.toString(process.pid()))
        .redirectErrorStream(true).start();
    if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill " + (stopped ? "-STOP " : "-CONT ") + process.pid() + " failed");
    }
  }

  /** Starts the same configuration again on the same port (after {@link #kill}); returns once it accepts. */
  public void restart() throws IOException {
    process = new ProcessBuilder(EXECUTABLE.toString(), "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    awaitPort();
  }

  /** Waits until a listener of {@code extraConfigLines} accepts on {@code otherPort}, as the main one does. */
  public void awaitListener(int otherPort) {
    awaitPort(otherPort);
  }

  /** The temp folder of this broker's config: tests put certificates and ACL files beside it. */
  public Path dir() {
    return dir;
  }

  private void awaitPort() {
    awaitPort(port);
  }

  private void awaitPort(int port) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
    IOException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": " + log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException e) {
        last = e;
        try {
          process.waitFor(50, TimeUnit.MILLISECONDS); // back off, but wake at once if it dies
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    close();
    throw new IllegalStateException("mosquitto did not accept on port " + port + " within " + START_TIMEOUT_MS
        + " ms (" + (last == null ? "interrupted" : last.getMessage()) + "): " + log());
  }

  /** A loopback port that was free a moment ago; mosquitto binds it right after. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
