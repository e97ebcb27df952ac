package org.mqttchaos.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.mqttchaos.gatling.RunContext;
import org.mqttchaos.metrics.IntervalLogWriter;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.profile.Profile;
import org.mqttchaos.profile.ResolvedProfile;

/**
 * One run of a profile: creates the results folder, plans roles, launches Gatling with
 * {@link ProfileSimulation}, and writes what was measured. {@link #finish} is idempotent so a Ctrl-C
 * during the run still leaves a complete folder with everything measured until then.
 */
public final class ProfileRun {
  private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ResolvedProfile resolved;
  private final BrokerTarget broker;
  private final Path dir;
  private final PrintStream out;
  /** How long the run waits after its end for wills still on their way. */
  static final Duration WILL_GRACE = Duration.ofSeconds(5);
  /** How many of the most flapping client IDs the results folder lists. */
  static final int TOP_FLAPPING = 20;

  private final RunContext context;
  private final Instant startedAt = Instant.now();
  private IntervalLogWriter intervals;
  private ProgressPrinter progress;
  private boolean finished;

  /** Where the clients connect, and whether that is the embedded broker. */
  public record BrokerTarget(String host, int port, boolean embedded) {
    public String url() {
      return "tcp://" + host + ":" + port;
    }
  }

  public ProfileRun(ResolvedProfile resolved, BrokerTarget broker, Path resultsRoot, PrintStream out) {
    this.resolved = resolved;
    this.broker = broker;
    this.out = out;
    this.dir = newFolder(resultsRoot, resolved.profile().name());
    Profile profile = resolved.profile();
    this.context = RunContext.create(new RunContext.Settings(
        profile.chaos().keepAliveExpiry().tolerance().toNanos(),
        RunContext.Settings.DEFAULT.takeoverToleranceNanos(),
        profile.reconnect().maxDelay().toNanos()));
  }

  public Path dir() {
    return dir;
  }

  /** Runs the profile to its end; returns Gatling's status code. */
  public int execute() {
    Profile profile = resolved.profile();
    write(dir.resolve("profile.yaml"), resolved.resolvedYaml());
    String idPrefix = profile.name() + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt()) + "-";
    List<UserPlan> users = RolePlanner.plan(profile, idPrefix);
    PlanWriter.write(dir.resolve(PlanWriter.FILE_NAME), users);
    RunContext.install(context);
    SimulationPlan.install(new SimulationPlan(profile, broker.host(), broker.port(), users));
    synchronized (this) {
      intervals = new IntervalLogWriter(context.metrics(), dir);
      progress = new ProgressPrinter(context.metrics(), out);
    }
    out.printf("mqtt-chaos: %s, %,d clients against %s%s, results in %s%n", profile.name(),
        profile.load().clients(), broker.url(), broker.embedded() ? " (embedded broker)" : "", dir);
    return GatlingLauncher.run(ProfileSimulation.class.getName(), dir.resolve("gatling"), profile.name());
  }

  /** Flushes every recorder and writes run.json and findings.json. Safe to call again (Ctrl-C after the end). */
  public synchronized RunData finish(boolean interrupted) {
    if (finished) {
      return null;
    }
    finished = true;
    if (progress != null) {
      progress.close();
    }
    context.finishChecks(WILL_GRACE, interrupted);
    if (intervals != null) {
      intervals.close();
    }
    Profile profile = resolved.profile();
    RunData data = new RunData(profile.name(), profile.seed(), startedAt.toString(),
        (System.nanoTime() - context.startNanos()) / 1e9, broker.url(), broker.embedded(),
        profile.broker().mqttVersion().label(), profile.load().clients(), interrupted, HarnessVersion.get(),
        context.metrics().counters(), profile.assertions());
    writeJson(dir.resolve(RunData.FILE_NAME), data);
    writeJson(dir.resolve("findings.json"), context.findings().list());
    writeJson(dir.resolve("top-flapping.json"), context.flaps().topFlapping(TOP_FLAPPING));
    return data;
  }

  private static Path newFolder(Path root, String name) {
    String base = LocalDateTime.now().format(FOLDER_TIME) + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
    try {
      Files.createDirectories(root);
      for (int i = 1; ; i++) {
        Path candidate = root.resolve(i == 1 ? base : base + "-" + i);
        try {
          return Files.createDirectory(candidate);
        } catch (java.nio.file.FileAlreadyExistsException e) {
          // two runs in the same second: take the next suffix
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create results folder under " + root + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeJson(Path file, Object value) {
    try {
      JSON.writeValue(file.toFile(), value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
