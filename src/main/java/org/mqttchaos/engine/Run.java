package org.mqttchaos.engine;

import org.mqttchaos.summary.AtomicFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.mqttchaos.run.RunHandOff;
import org.mqttchaos.run.RunPhase;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.metrics.IntervalLogWriter;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.metrics.ScrapeEndpoint;

/**
 * One run of Gatling with the MQTT protocol, whatever it runs (a profile or a simulation class): its
 * results folder, the live interval logs and progress line, and the files written at its end.
 * {@link #finish} is idempotent, so Ctrl-C during the run still leaves a complete folder with everything
 * measured until then.
 */
public abstract class Run {
  private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** How long a run waits after its end for wills still on their way. */
  static final Duration WILL_GRACE = Duration.ofSeconds(5);
  /** How many of the most flapping client IDs the results folder lists. */
  static final int TOP_FLAPPING = 20;

  protected final Path dir;
  protected final PrintStream out;
  protected final RunScope context;
  protected final Instant startedAt = Instant.now();
  private IntervalLogWriter intervals;
  private ProgressPrinter progress;
  private ScrapeEndpoint scrape;
  private String scrapeBind;
  private int scrapePort = -1;
  /** Whether Gatling also writes its own simulation.log and HTML report under gatling/. */
  protected boolean gatlingReport;
  private boolean finished;
  /** Files of the results folder that could not be written whole ("run.json: No space left on device"). */
  private final List<String> unwritten = new ArrayList<>();

  protected Run(String name, Path resultsRoot, PrintStream out, RunScope context) {
    this.dir = newFolder(resultsRoot, name);
    this.out = out;
    this.context = context;
  }

  public Path dir() {
    return dir;
  }

  /** Runs to the end; returns Gatling's status code. */
  public abstract int execute();

  /** The run's facts for run.json, with the counters measured. */
  protected abstract RunData facts(boolean interrupted, double durationS);

  /** Serves the live figures for Prometheus on this address and port (0: any free port) while the run goes. */
  public void serveMetrics(String bindAddress, int port) {
    this.scrapeBind = bindAddress;
    this.scrapePort = port;
  }

  /** Also lets Gatling write its simulation.log and HTML report under the folder's gatling/. */
  public void writeGatlingReport(boolean enabled) {
    this.gatlingReport = enabled;
  }

  /**
   * Starts measuring: hands the run (and {@code plan}, the simulation's input, or null) to the actions Gatling will
   * make, opens the interval logs, starts progress.
   */
  protected void begin(Object plan) {
    RunPhase.enter(RunPhase.Phase.RUN); // outside the lock: after a signal it never returns
    synchronized (this) {
      started(plan);
    }
  }

  private void started(Object plan) {
    RunHandOff.install(context, plan);
    intervals = new IntervalLogWriter(context.metrics(), dir, context.startNanos()); // on the run's clock
    progress = new ProgressPrinter(context.metrics(), intervals, out);
    if (scrapePort >= 0) {
      scrape = new ScrapeEndpoint(context.metrics(), intervals, scrapeBind, scrapePort);
      out.printf("live metrics: http://%s:%d/metrics%n", scrapeBind, scrape.port());
    }
  }

  /** Settles the checks, flushes every recorder, writes run.json, findings.json and top-flapping.json. */
  public synchronized RunData finish(boolean interrupted) {
    if (finished) {
      return null;
    }
    finished = true;
    if (progress != null) {
      progress.close();
    }
    context.finishChecks(WILL_GRACE, interrupted);
    if (scrape != null) {
      scrape.close(); // after the checks: a last scrape gets the delivery checker's verdicts
    }
    if (intervals != null) {
      intervals.close();
      unwritten.addAll(intervals.unwritten());
    }
    RunData data = facts(interrupted, (System.nanoTime() - context.startNanos()) / 1e9);
    tryWriteJson(dir.resolve(RunData.FILE_NAME), data);
    tryWriteJson(dir.resolve("findings.json"), context.findings().list());
    tryWriteJson(dir.resolve("top-flapping.json"), context.flaps().topFlapping(TOP_FLAPPING));
    return data;
  }

  /**
   * After {@link #finish}: the files of the results folder that could not be written whole (a full disk, an I/O
   * error), each "name: the OS's reason"; they are absent, never truncated. Empty normally.
   */
  public synchronized List<String> unwritten() {
    return List.copyOf(unwritten);
  }

  private void tryWriteJson(Path file, Object value) {
    try {
      writeJson(file, value);
    } catch (UncheckedIOException e) {
      unwritten.add(e.getMessage());
    }
  }

  private static Path newFolder(Path root, String name) {
    String base = LocalDateTime.now().format(FOLDER_TIME) + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
    try {
      Files.createDirectories(root);
      for (int i = 1; ; i++) {
        Path candidate = root.resolve(i == 1 ? base : base + "-" + i);
        try {
          return Files.createDirectory(candidate);
        } catch (FileAlreadyExistsException e) {
          // two runs in the same second: take the next suffix
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create results folder under " + root + ": " + e.getMessage(), e);
    }
  }

  /** Writes a file of the results folder whole or not at all; throws UncheckedIOException naming it. */
  protected static void write(Path file, String text) {
    AtomicFile.writeString(file, text);
  }

  private static void writeJson(Path file, Object value) {
    AtomicFile.write(file, out -> JSON.writeValue(out, value));
  }
}
