package org.mqttchaos.gatling;

import io.gatling.core.session.Session;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mqttchaos.chaos.Fault;
import org.mqttchaos.chaos.FaultInjector;
import org.mqttchaos.chaos.UserChaos;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectResult;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.LoopTimer;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.client.ReconnectPolicy;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.summary.Counters;

/**
 * One user's hold: the time it stays, during which its planned faults are injected and, when a reconnect
 * policy is set, every close it did not ask for (takeover, keep-alive cut, its own chaos drop, a failed
 * reconnect) is followed by a reconnect after the policy's back-off, as client libraries do. A user that
 * was silenced stays down once the broker cuts it: its role is to be cut. Runs on the user's event loop.
 *
 * <p>It holds no future while the user is idle: it hears of closes through the connection's close hook
 * ({@link #accept}), and its end is queued with the other holds of its loop ({@link HoldEnds}).
 *
 * <p>Each reconnect it makes is a Gatling request of its own ({@link HoldAction#AUTO_RECONNECT}), OK on an accepted
 * CONNACK, KO with the CONNACK code or the failure's reason otherwise, so that Gatling's connect requests add up to
 * the run's {@code connects.attempted} and their KOs to {@code connects.failed}.
 */
final class HoldLoop implements Runnable, Consumer<Closed> {
  private final UserConnection user;
  private final Session session;
  private final RequestLog reconnects;
  private final ReconnectPolicy policy;
  private final SplittableRandom random;
  private final RunScope run;
  private final long endNanos;
  private Runnable onEnd;
  private boolean ended;
  private FaultInjector faults;
  private LoopTimer.Timeout reconnectTimer;
  private int streak;
  private boolean silenced;
  private MassDropped pendingMassDrop; // the user's connection went in a mass drop and has not come back yet
  private CompletableFuture<ConnectResult> inFlight;

  /**
   * @param session    the user's session as the hold began: its scenario and groups name the reconnect requests
   * @param reconnects where the policy's reconnects are logged as Gatling requests
   * @param seed       the user's own seed for reconnect jitter; unused without a policy
   */
  HoldLoop(UserConnection user, Session session, RequestLog reconnects, ReconnectPolicy policy, long seed,
      RunScope run, long endNanos) {
    this.user = user;
    this.session = session;
    this.reconnects = reconnects;
    this.policy = policy;
    this.random = policy == null ? null : new SplittableRandom(seed);
    this.run = run;
    this.endNanos = endNanos;
  }

  /** Starts the hold; {@code onEnd} runs once, on the user's loop, when it is over and no connect is in flight. */
  void start(UserChaos chaos, Runnable onEnd) {
    this.onEnd = onEnd;
    long now = System.nanoTime();
    MqttConnection connection = user.connection();
    if (chaos != null && !chaos.faults().isEmpty()) {
      // mass drops count from the run's start, the first user's planned start (run.RunScope#loadStartNanos)
      faults = new FaultInjector(connection, chaos, now, run.loadStartNanos(), endNanos, new FaultInjector.Listener() {
        @Override
        public void onFault(Fault fault, boolean applied, int index) {
          HoldLoop.this.onFault(fault, applied, index);
        }

        @Override
        public void massDropOutsideHold(Fault fault, int index) {
          run.recovery().notHolding(index);
        }
      });
    }
    HoldEnds.of(connection.eventLoop()).add(this);
    connection.onEveryClose(this);
    if (connection.state() == ConnectionState.DISCONNECTED && connection.attempt().number() >= 0) {
      accept(connection.closed().getNow(null)); // it closed before the hold began (a failed connect)
    }
  }

  /** A close of the user's connection: reconnect after the back-off unless it was asked for or the hold ends. */
  @Override
  public void accept(Closed event) {
    if (event == null || ended || policy == null || silenced || event.cause().graceful()) {
      return;
    }
    if (event.cause() != CloseCause.CONNECT_FAILED && policy.stable(event.connectedNanos())) {
      streak = 0;
    }
    long delay = policy.delayNanos(streak++, random);
    if (System.nanoTime() + delay >= endNanos) {
      return; // the hold ends first: the user stays down until it leaves
    }
    reconnectTimer = LoopTimer.of(user.connection().eventLoop()).schedule(this::reconnect, delay,
        TimeUnit.NANOSECONDS);
  }

  private void reconnect() {
    if (ended) {
      return;
    }
    run.metrics().increment(Counters.RECONNECTS_ATTEMPTED);
    long startMillis = reconnects.nowMillis();
    inFlight = user.reconnect();
    // logged before the hold's end can run on this attempt's completion (registered first, so called first)
    inFlight.whenComplete((r, error) -> {
      long endMillis = reconnects.nowMillis();
      if (error != null) {
        reconnects.ko(session, startMillis, endMillis, "error", String.valueOf(error.getMessage()));
      } else if (r.connected()) {
        reconnects.ok(session, startMillis, endMillis);
      } else {
        reconnects.ko(session, startMillis, endMillis,
            r.returnCode() >= 0 ? Integer.toString(r.returnCode()) : "no-connack", r.failure());
      }
      if (r != null && r.connected() && pendingMassDrop != null) {
        run.recovery().recovered(pendingMassDrop.index(), System.nanoTime() - pendingMassDrop.atNanos(),
            r.connectNanos());
        pendingMassDrop = null;
      }
    });
  }

  private void onFault(Fault fault, boolean applied, int massDropIndex) {
    if (!applied) {
      run.metrics().increment(Counters.FAULTS_SKIPPED);
      if (fault.kind() == Fault.Kind.MASS_DROP) {
        run.recovery().notConnected(massDropIndex);
      }
      return;
    }
    switch (fault.kind()) {
      case SILENCE -> silenced = true;
      case MASS_DROP -> {
        run.recovery().dropped(massDropIndex);
        pendingMassDrop = new MassDropped(massDropIndex, System.nanoTime());
      }
      case DROP -> { }
    }
  }

  /** A mass drop this user's connection went in: the drop's index in the profile and when it happened. */
  private record MassDropped(int index, long atNanos) {}

  /** True when the user went silent in the hold (chaos: keep-alive expiry): it waits for the broker's cut. */
  boolean silenced() {
    return silenced;
  }

  /** When the hold ends, System.nanoTime. */
  long endNanos() {
    return endNanos;
  }

  /** The hold's end ({@link HoldEnds} calls it when due). */
  @Override
  public void run() {
    ended = true;
    user.connection().onEveryClose(null);
    if (faults != null) {
      faults.cancel();
    }
    if (reconnectTimer != null) {
      reconnectTimer.cancel();
    }
    if (inFlight != null && !inFlight.isDone()) {
      // let the reconnect in flight settle (bounded by the connect timeout) so the user leaves cleanly
      inFlight.whenComplete((r, t) -> onEnd.run());
    } else {
      onEnd.run();
    }
  }
}
