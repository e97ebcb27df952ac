package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script's phases before the run (its own checks, build, class archive) honour Ctrl-C and SIGTERM:
 * the phase is stopped, what it half-made is removed, nothing runs, one line names the phase, and the exit code is
 * the signal's (130, 143). The script is run from a copy whose `find`, `mvn` and `java` are stand-ins that wait, so
 * each phase can be caught in the middle.
 */
class LauncherSignalsTest {
  @TempDir
  Path home;

  @ParameterizedTest(name = "{0} during the {1}")
  @CsvSource({"INT, build, 130", "TERM, build, 143", "INT, class archive, 130", "TERM, class archive, 143",
      "INT, start, 130", "TERM, start, 143", "INT, jvm, 130", "TERM, jvm, 143"})
  void aSignalStopsThePhaseAndNothingRuns(String signal, String phase, int expectedExit) throws Exception {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path target = Files.createDirectories(home.resolve("target"));
    Files.copy(Path.of("mqtt-chaos"), home.resolve("mqtt-chaos"));
    executable(home.resolve("mqtt-chaos"));
    // Stand-ins: each long phase records its pid and waits; the run itself would print "the run ran".
    executable(Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho $$ > \"" + home.resolve("phase.pid")
        + "\"\necho 'partial jar' > target/mqtt-chaos.jar\nexec sleep 60\n"));
    executable(Files.writeString(bin.resolve("java"), "#!/bin/sh\ncase \"$*\" in\n  *ArchiveClassesAtExit*)"
        + " echo $$ > \"" + home.resolve("phase.pid") + "\"; exec sleep 60;;\n  *) echo 'the run ran';;\nesac\n"));
    if (phase.equals("build")) {
      Files.createDirectories(home.resolve("src/main")); // sources and no jar: the launcher builds
      Files.writeString(home.resolve("pom.xml"), "<project/>");
    } else if (phase.equals("jvm")) {
      // built, archive off: caught as the JVM starts, before its main could speak for itself (it never does here)
      Files.writeString(target.resolve("mqtt-chaos.jar"), "a jar");
      executable(Files.writeString(bin.resolve("java"), "#!/bin/sh\necho $$ > \"" + home.resolve("phase.pid")
          + "\"\necho 'the JVM is starting'\nexec sleep 60\n"));
    } else if (phase.equals("start")) {
      // built, archive off: caught in the launcher's check whether to build (a shell waits for it, then traps)
      Files.writeString(target.resolve("mqtt-chaos.jar"), "a jar");
      executable(Files.writeString(bin.resolve("find"), "#!/bin/sh\necho $$ > \"" + home.resolve("phase.pid")
          + "\"\nexec sleep 1\n"));
    } else {
      Files.writeString(target.resolve("mqtt-chaos.jar"), "a jar"); // built, no archive yet
    }

    ProcessBuilder launch = new ProcessBuilder(home.resolve("mqtt-chaos").toString(), "run", "profile.yaml")
        .directory(home.toFile()).redirectErrorStream(true);
    launch.environment().put("PATH", bin + ":/usr/bin:/bin");
    if (phase.equals("start") || phase.equals("jvm")) {
      launch.environment().put("MQTT_CHAOS_CDS", "0");
    }
    Process launcher = launch.start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (!phase.equals("start") && (line = out.readLine()) != null) { // the start prints nothing before
        output.append(line).append('\n');
        if (line.contains(phase.equals("build") ? "building"
            : phase.equals("jvm") ? "the JVM is starting" : "preparing the class archive")) {
          break;
        }
      }
      long phasePid = awaitPid(home.resolve("phase.pid"));
      assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(launcher.pid())).start().waitFor());
      while ((line = out.readLine()) != null) {
        output.append(line).append('\n');
      }
      assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher ended: " + output);
      assertEquals(expectedExit, launcher.exitValue(), output.toString());
      String named = phase.equals("build") ? "during the build"
          : phase.equals("class archive") ? "while preparing the class archive" : "while starting";
      assertTrue(output.toString().contains("mqtt-chaos: interrupted " + named + ", before the run began: nothing ran"),
          output.toString());
      assertEquals(1, output.toString().lines().filter(l -> l.contains("interrupted")).count(), "one line");
      assertFalse(output.toString().contains("the run ran"), output.toString());
      assertFalse(ProcessHandle.of(phasePid).map(ProcessHandle::isAlive).orElse(false), "the phase was stopped");
    } finally {
      launcher.destroyForcibly();
    }
    if (phase.equals("build")) {
      assertFalse(Files.exists(target.resolve("mqtt-chaos.jar")), "a half-built jar is removed");
    } else if (phase.equals("class archive")) {
      try (Stream<Path> files = Files.list(target)) {
        assertFalse(files.anyMatch(f -> f.toString().endsWith(".jsa")), "no half-made class archive");
      }
    }
  }

  private static Path executable(Path file) throws IOException {
    return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The stand-in writes its pid as it starts; waits for it (bounded: 30 s). */
  private static long awaitPid(Path file) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && !Files.readString(file).isBlank()) {
        return Long.parseLong(Files.readString(file).strip());
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the phase never started");
  }
}
