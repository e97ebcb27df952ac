package org.mqttchaos.run;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;
import org.mqttchaos.check.BrokerOutages;
import org.mqttchaos.check.CloseJudge;
import org.mqttchaos.check.DeliveryChecker;
import org.mqttchaos.check.Findings;
import org.mqttchaos.check.FlapTracker;
import org.mqttchaos.check.KeepAliveChecker;
import org.mqttchaos.check.SessionModel;
import org.mqttchaos.check.SessionPresentChecker;
import org.mqttchaos.check.WillChecker;
import org.mqttchaos.client.ClientTransport;
import org.mqttchaos.client.ConnectionListener;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.metrics.BrokerOverrides;
import org.mqttchaos.metrics.ConnectRecorder;
import org.mqttchaos.metrics.LoopLagProbe;
import org.mqttchaos.metrics.MessageRecorder;
import org.mqttchaos.metrics.PacketCounts;
import org.mqttchaos.metrics.RecoveryTracker;
import org.mqttchaos.metrics.RunMetrics;

/**
 * One run's wiring, without Gatling: its metrics, its findings, the checkers and recorders subscribed to its one
 * event stream ({@link #events()}), which every connection of the run emits to, and the harness's own clients
 * (the will observer) and probes. A new check or figure is a class in {@code check} or {@code metrics} and one line
 * in the subscriber list below.
 *
 * <p>Gatling makes simulations and protocol components by reflection, so the engine hands the scope to the
 * actions through {@link RunHandOff}, the one static of a run.
 */
public final class RunScope {
  /**
   * Tolerances of the checkers; never widened to make a broker pass.
   *
   * @param quietPeriodNanos            how long a connection of a flapping client ID must stay up after its last flap
   *                                    for the ID to have calmed (the profile's reconnect.quietPeriod; by default
   *                                    60 s, twice the default reconnect.maxDelay)
   * @param sessionExpiryToleranceNanos how far from a session's expiry a CONNACK may come and get either
   *                                    session-present flag (check.SessionModel)
   */
  public record Settings(long keepAliveToleranceNanos, long takeoverToleranceNanos, long quietPeriodNanos,
      long sessionExpiryToleranceNanos) {
    public static final long DEFAULT_SESSION_EXPIRY_TOLERANCE_NANOS = TimeUnit.SECONDS.toNanos(1);
    public static final Settings DEFAULT = new Settings(TimeUnit.MILLISECONDS.toNanos(500),
        FlapTracker.DEFAULT_TOLERANCE_NANOS, TimeUnit.SECONDS.toNanos(60));

    /** Settings with the default session expiry tolerance. */
    public Settings(long keepAliveToleranceNanos, long takeoverToleranceNanos, long quietPeriodNanos) {
      this(keepAliveToleranceNanos, takeoverToleranceNanos, quietPeriodNanos, DEFAULT_SESSION_EXPIRY_TOLERANCE_NANOS);
    }
  }

  private final long startNanos = System.nanoTime();
  private static final long UNSET = Long.MIN_VALUE;
  private final AtomicLong loadStart = new AtomicLong(UNSET);
  private final String runTag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private final AtomicInteger attempts = new AtomicInteger();
  private final RunMetrics metrics = new RunMetrics();
  private final SessionModel sessions;
  private final Findings findings = new Findings();
  private final RecoveryTracker recovery = new RecoveryTracker(metrics);
  private final FlapTracker flaps;
  private final WillChecker wills;
  private final BrokerOutages outages;
  private final SessionPresentChecker sessionPresent;
  private final KeepAliveChecker keepAlive;
  private final DeliveryChecker delivery;
  private final MessageDrain drain = new MessageDrain(metrics);
  private final EventDispatcher events;
  private WillObserver observer;
  private LoopLagProbe loopLag;
  private volatile String brokerUrl;
  private volatile String mqttVersion = "3.1.1";

  public RunScope(Settings settings) {
    this(settings, List.of());
  }

  /** A run whose event stream also feeds {@code extra}, after the built-in subscribers (a check of your own). */
  public RunScope(Settings settings, List<EventSubscriber> extra) {
    sessions = new SessionModel(settings.sessionExpiryToleranceNanos());
    flaps = new FlapTracker(metrics, findings, startNanos, settings.takeoverToleranceNanos(),
        settings.quietPeriodNanos());
    wills = new WillChecker(metrics, findings, startNanos, runTag);
    outages = new BrokerOutages(metrics, findings, startNanos, wills);
    sessionPresent = new SessionPresentChecker(sessions, metrics, findings, startNanos, outages, flaps);
    keepAlive = new KeepAliveChecker(metrics, findings, startNanos, settings.keepAliveToleranceNanos());
    delivery = new DeliveryChecker(metrics, findings, startNanos);
    // The subscribers, in the order they see an event they share: the close judge comes after the checkers
    // whose state it reads (a takeover is decided by the flap tracker, then judged for the will); the outage
    // detector comes first, so the close or CONNACK that begins or ends an outage is judged knowing it.
    List<EventSubscriber> subscribers = new ArrayList<>(List.of(
        outages,
        new ConnectRecorder(metrics),
        sessionPresent,
        flaps,
        keepAlive,
        new CloseJudge(metrics, flaps, keepAlive, wills, outages),
        wills, // accepted CONNACKs: a client back within its Will Delay Interval owes no will
        new PacketCounts(metrics),
        new BrokerOverrides(metrics),
        new MessageRecorder(metrics),
        delivery,
        new ProtocolErrorNotice()));
    subscribers.addAll(extra);
    events = new EventDispatcher(subscribers, metrics);
  }

  public RunScope() {
    this(Settings.DEFAULT);
  }

  /** The run's event stream: the listener every user connection of the run emits to. */
  public ConnectionListener events() {
    return events;
  }

  public long startNanos() {
    return startNanos;
  }

  /**
   * The run's start for its planned times (chaos.massDrop's {@code at}), System.nanoTime: the first user's planned
   * start, which plan.csv's start times count from, once {@link #loadStarts} was told it; until then, and in a
   * simulation without a plan, {@link #startNanos}. Not this scope's creation: the JVM, Gatling and the warm-up take
   * seconds between the two.
   */
  public long loadStartNanos() {
    long set = loadStart.get();
    return set == UNSET ? startNanos : set;
  }

  /**
   * The first user's planned start on the run's clock ({@link #sinceStartMillis}), seconds, milliseconds precise; null
   * when no user was planned to start (a simulation without a plan, a run stopped before its first user).
   */
  public Double loadStartSeconds() {
    long set = loadStart.get();
    return set == UNSET ? null : TimeUnit.NANOSECONDS.toMillis(set - startNanos) / 1000.0;
  }

  /** The first user's planned start, System.nanoTime; the first call wins. */
  public void loadStarts(long nanos) {
    loadStart.compareAndSet(UNSET, nanos);
  }

  /** Unique to this run: in will payloads, so wills of other runs or tools are told apart. */
  public String runTag() {
    return runTag;
  }

  /** A run-wide number for the next connect attempt: two users sharing a client ID never share one. */
  public int nextAttemptId() {
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

  public BrokerOutages outages() {
    return outages;
  }

  /** The delivery checker: its figures once the checks are finished. */
  public DeliveryChecker delivery() {
    return delivery;
  }

  /** The end of the run's message load, which subscribers wait for before they leave. */
  public MessageDrain messageDrain() {
    return drain;
  }

  /** Records where the run's first protocol points, for run.json. */
  public void protocolUsed(String url, String version) {
    if (brokerUrl == null) {
      brokerUrl = url;
      mqttVersion = version;
    }
  }

  /** The broker URL of the run's protocol, or null before one was built. */
  public String brokerUrl() {
    return brokerUrl;
  }

  public String mqttVersion() {
    return mqttVersion;
  }

  /**
   * Starts the will observer once per run (the first protocol that asks for it): subscribed to {@code filter}
   * before any user starts, with the users' credentials. When it cannot connect or subscribe, says so in one line
   * and the run goes on: it keeps trying, and wills owed while it is not watching are unknown.
   */
  public synchronized void observeWills(ClientTransport transport, String filter, int qos, String username,
      String password, java.time.Duration timeout) {
    if (observer == null) {
      observer = new WillObserver(transport, this, filter, qos, username, password, timeout);
      observer.start().ifPresent(why -> System.out.println("mqtt-chaos: WARNING: the will observer could not"
          + " subscribe to " + filter + " (" + why + "); it keeps trying, and wills owed until it does are"
          + " counted unknown, not missing"));
    }
  }

  /** Measures the lag of Gatling's event loops ({@link LoopLagProbe}); once per run and group of loops. */
  public synchronized void probeLoops(io.netty.util.concurrent.EventExecutorGroup loops) {
    if (loopLag == null || loopLag.group() != loops) {
      if (loopLag != null) {
        loopLag.stop();
      }
      loopLag = new LoopLagProbe(loops, metrics, startNanos);
    }
  }

  /**
   * Run end: waits until every expected will arrived or {@code grace} passed since the last close that
   * expects one, then closes the observer, ends the event stream and settles every checker. Safe to call twice.
   */
  public synchronized void finishChecks(java.time.Duration grace, boolean interrupted) {
    if (loopLag != null) {
      loopLag.stop();
    }
    if (interrupted) {
      // cut short: the users still publish and receive, so the history ends here, for every check alike
      events.close();
      // wills still on their way and silent clients not yet cut would be false findings
      wills.finish(System.nanoTime(), grace.toNanos(), true); // owed wills not yet seen are unknown
      flaps.finish(System.nanoTime());
      outages.finish();
      delivery.finish(System.nanoTime(), grace.toNanos()); // what was due within the grace of the cut is unknown
      if (observer != null) {
        observer.close();
        observer = null;
      }
      return;
    }
    long graceNanos = grace.toNanos();
    try {
      wills.awaitExpected(graceNanos); // the observer's event loop delivers them
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (observer != null) {
      observer.close();
      observer = null;
    }
    events.close(); // the history the checks judge ends here (a straggler's event after it reaches nobody)
    long now = System.nanoTime();
    wills.finish(now, graceNanos);
    keepAlive.finish(now);
    flaps.finish(now);
    outages.finish();
    delivery.finish(now, graceNanos);
  }

  /** Milliseconds since the run started, for findings and timelines. */
  public long sinceStartMillis(long nanoTime) {
    return (nanoTime - startNanos) / 1_000_000;
  }
}
