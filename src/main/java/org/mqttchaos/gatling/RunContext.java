package org.mqttchaos.gatling;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mqttchaos.check.Findings;
import org.mqttchaos.check.FlapTracker;
import org.mqttchaos.check.KeepAliveChecker;
import org.mqttchaos.check.SessionModel;
import org.mqttchaos.check.SessionPresentChecker;
import org.mqttchaos.check.WillChecker;
import org.mqttchaos.metrics.RecoveryTracker;
import org.mqttchaos.metrics.RunMetrics;

/**
 * The run-wide objects every MQTT action and connection tracker reports to: metrics, the session model,
 * the invariant checkers and their findings.
 *
 * <p>Gatling instantiates simulations by reflection, so the engine publishes the current run here
 * before it launches Gatling ({@link #install}); a simulation run by plain Gatling gets one with default
 * tolerances whose figures are only in Gatling's own report.
 */
public final class RunContext {
  /** Tolerances of the checkers; never widened to make a broker pass. */
  public record Settings(long keepAliveToleranceNanos, long takeoverToleranceNanos, long calmIntervalNanos) {
    public static final Settings DEFAULT = new Settings(TimeUnit.MILLISECONDS.toNanos(500),
        FlapTracker.DEFAULT_TOLERANCE_NANOS, TimeUnit.SECONDS.toNanos(30));
  }

  private static volatile RunContext current;

  private final long startNanos = System.nanoTime();
  private final String runTag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private final AtomicInteger attempts = new AtomicInteger();
  private final RunMetrics metrics = new RunMetrics();
  private final SessionModel sessions = new SessionModel();
  private final Findings findings = new Findings();
  private final RecoveryTracker recovery = new RecoveryTracker(metrics);
  private final SessionPresentChecker sessionPresent = new SessionPresentChecker(sessions, metrics, findings,
      startNanos);
  private final FlapTracker flaps;
  private final WillChecker wills;
  private final KeepAliveChecker keepAlive;
  private WillObserver observer;
  private LoopLagProbe loopLag;
  private volatile String brokerUrl;
  private volatile String mqttVersion = "3.1.1";

  private RunContext(Settings settings) {
    flaps = new FlapTracker(metrics, findings, startNanos, settings.takeoverToleranceNanos(),
        settings.calmIntervalNanos());
    wills = new WillChecker(metrics, findings, startNanos, runTag);
    keepAlive = new KeepAliveChecker(metrics, findings, startNanos, settings.keepAliveToleranceNanos());
  }

  public static RunContext create(Settings settings) {
    return new RunContext(settings);
  }

  public static RunContext create() {
    return create(Settings.DEFAULT);
  }

  public static void install(RunContext context) {
    current = context;
  }

  /** The installed context, or a fresh one installed now. */
  public static synchronized RunContext current() {
    if (current == null) {
      current = create();
    }
    return current;
  }

  public static void clear() {
    current = null;
  }

  public long startNanos() {
    return startNanos;
  }

  /** Unique to this run: in will payloads, so wills of other runs or tools are told apart. */
  public String runTag() {
    return runTag;
  }

  /** A run-wide number for the next connect attempt: two users sharing a client ID never share one. */
  int nextAttemptId() {
    return attempts.getAndIncrement();
  }

  public RunMetrics metrics() {
    return metrics;
  }

  public SessionModel sessions() {
    return sessions;
  }

  public Findings findings() {
    return findings;
  }

  public SessionPresentChecker sessionPresent() {
    return sessionPresent;
  }

  public RecoveryTracker recovery() {
    return recovery;
  }

  public FlapTracker flaps() {
    return flaps;
  }

  public WillChecker wills() {
    return wills;
  }

  public KeepAliveChecker keepAlive() {
    return keepAlive;
  }

  /** Records where the run's protocol points (the first protocol built), for run.json. */
  void protocolUsed(MqttProtocol protocol) {
    if (brokerUrl == null) {
      brokerUrl = "tcp://" + protocol.host() + ":" + protocol.port();
      mqttVersion = protocol.version().label();
    }
  }

  /** The broker URL of the run's protocol, or null before one was built. */
  public String brokerUrl() {
    return brokerUrl;
  }

  public String mqttVersion() {
    return mqttVersion;
  }

  /** Starts the will observer once per run (the first protocol that asks for it). */
  synchronized void observeWills(java.util.function.Supplier<WillObserver> start) {
    if (observer == null) {
      observer = start.get();
    }
  }

  /** Measures the lag of Gatling's event loops ({@link LoopLagProbe}); once per run and group of loops. */
  synchronized void probeLoops(io.netty.util.concurrent.EventExecutorGroup loops) {
    if (loopLag == null || loopLag.group() != loops) {
      if (loopLag != null) {
        loopLag.stop();
      }
      loopLag = new LoopLagProbe(loops, metrics, startNanos);
    }
  }

  /**
   * Run end: waits until every expected will arrived or {@code grace} passed since the last close that
   * expects one, then closes the observer and settles every checker. Safe to call twice.
   */
  public synchronized void finishChecks(java.time.Duration grace, boolean interrupted) {
    if (loopLag != null) {
      loopLag.stop();
    }
    if (interrupted) {
      // cut short: wills still on their way and silent clients not yet cut would be false findings
      flaps.finish(System.nanoTime());
      if (observer != null) {
        observer.close();
        observer = null;
      }
      return;
    }
    long graceNanos = grace.toNanos();
    while (!wills.allExpectedReceived() && System.nanoTime() < wills.lastExpectationNanos() + graceNanos) {
      try {
        Thread.sleep(20); // polling a bounded wait: the observer's event loop delivers the wills
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (observer != null) {
      observer.close();
      observer = null;
    }
    long now = System.nanoTime();
    wills.finish(now, graceNanos);
    keepAlive.finish(now);
    flaps.finish(now);
  }

  /** Milliseconds since the run started, for findings and timelines. */
  public long sinceStartMillis(long nanoTime) {
    return (nanoTime - startNanos) / 1_000_000;
  }
}
