package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Test fixture: {@code mqtt-chaos ARGS} in a JVM of its own, started as the launcher starts it (the test's
 * classpath instead of the jar), its stdout and stderr read as one, line by line, so a test can wait for a line,
 * send the process a signal as a user's Ctrl-C or a supervisor's SIGTERM would, and read the rest.
 */
final class CliProcess implements AutoCloseable {
  private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w.$/<>]+\\(.*\\)$|Exception in thread");

  private final Process process;
  private final BufferedReader out;
  private final StringBuilder output = new StringBuilder();

  private CliProcess(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts {@code mqtt-chaos args}; {@code properties} are extra JVM options ("-Dkey=value"). */
  static CliProcess start(List<String> properties, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "-Djava.util.prefs.PreferencesFactory=org.mqttchaos.engine.OfflinePreferences$Factory"));
    command.addAll(properties);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), MqttChaos.class.getName()));
    command.addAll(List.of(args));
    return new CliProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** Reads up to the first line that matches and returns it; fails when the output ends first. */
  String awaitLine(Predicate<String> wanted) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      output.append(line).append('\n');
      if (wanted.test(line)) {
        return line;
      }
    }
    throw new AssertionError("the process ended without the line awaited:\n" + output);
  }

  /** Sends {@code signal} (INT, TERM) to the process, as kill(1) does. */
  void signal(String signal) throws IOException, InterruptedException {
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor());
  }

  /**
   * Reads the output to its end and waits for the process to exit, at most {@code seconds} from now; returns the
   * exit code.
   */
  int awaitExit(long seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String line;
    while ((line = out.readLine()) != null) {
      output.append(line).append('\n');
    }
    assertTrue(process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS),
        "the process exited within " + seconds + " s:\n" + output);
    assertTrue(System.nanoTime() < deadline, "the process exited within " + seconds + " s:\n" + output);
    return process.exitValue();
  }

  /** Everything read so far, stdout and stderr interleaved. */
  String output() {
    return output.toString();
  }

  /** Fails when the output holds a Java stack trace. */
  void assertNoStackTrace() {
    for (String line : output.toString().split("\n")) {
      assertFalse(STACK_FRAME.matcher(line).find(), "a stack trace reached the user:\n" + output);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
