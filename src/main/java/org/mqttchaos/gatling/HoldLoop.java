package org.mqttchaos.gatling;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mqttchaos.chaos.Fault;
import org.mqttchaos.chaos.FaultInjector;
import org.mqttchaos.chaos.UserChaos;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectResult;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.LoopTimer;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.client.ReconnectPolicy;
import org.mqttchaos.summary.Counters;

/**
 * One user's hold: the time it stays, during which its planned faults are injected and, when a reconnect
 * policy is set, every close it did not ask for (takeover, keep-alive cut, its own chaos drop, a failed
 * reconnect) is followed by a reconnect after the policy's back-off, as client libraries do. A user that
 * was silenced stays down once the broker cuts it: its role is to be cut. Runs on the user's event loop.
 */
final class HoldLoop {
  private final UserConnection user;
  private final MqttConnection connection;
  private final ReconnectPolicy policy;
  private final SplittableRandom random;
  private final RunContext run;
  private final long endNanos;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private FaultInjector faults;
  private LoopTimer.Timeout reconnectTimer;
  private int lastHandledAttempt = Integer.MIN_VALUE;
  private int streak;
  private boolean silenced;
  private int pendingMassDrop = -1;
  private long massDropNanos;
  private CompletableFuture<ConnectResult> inFlight;

  HoldLoop(UserConnection user, ReconnectPolicy policy, long seed, RunContext run, long endNanos) {
    this.user = user;
    this.connection = user.connection();
    this.policy = policy;
    this.random = new SplittableRandom(seed);
    this.run = run;
    this.endNanos = endNanos;
  }

  /** Starts the hold; the future completes when it is over and no connect is in flight. */
  CompletableFuture<Void> start(UserChaos chaos) {
    long now = System.nanoTime();
    if (chaos != null) {
      faults = new FaultInjector(connection, chaos, now, run.startNanos(), endNanos, this::onFault);
    }
    LoopTimer.of(connection.eventLoop()).schedule(this::end, Math.max(0, endNanos - now), TimeUnit.NANOSECONDS);
    watch();
    return done;
  }

  private void watch() {
    int attempt = connection.connectionId();
    connection.closed().whenComplete((event, error) -> {
      if (event != null && attempt != lastHandledAttempt) {
        lastHandledAttempt = attempt;
        onClosed(event);
      }
    });
  }

  private void onClosed(ConnectionEvent event) {
    if (done.isDone() || policy == null || silenced || event.closeCause() == CloseCause.GRACEFUL_BY_CLIENT) {
      return;
    }
    long upNanos = connection.connectedAtNanos() > 0 ? event.nanoTime() - connection.connectedAtNanos() : 0;
    if (event.closeCause() != CloseCause.CONNECT_FAILED && policy.stable(upNanos)) {
      streak = 0;
    }
    long delay = policy.delayNanos(streak++, random);
    if (System.nanoTime() + delay >= endNanos) {
      return; // the hold ends first: the user stays down until it leaves
    }
    reconnectTimer = LoopTimer.of(connection.eventLoop()).schedule(this::reconnect, delay, TimeUnit.NANOSECONDS);
  }

  private void reconnect() {
    if (done.isDone()) {
      return;
    }
    run.metrics().increment(Counters.RECONNECTS_ATTEMPTED);
    inFlight = user.reconnect();
    watch();
    inFlight.whenComplete((r, error) -> {
      if (r != null && r.connected() && pendingMassDrop >= 0) {
        run.recovery().recovered(pendingMassDrop, System.nanoTime() - massDropNanos, r.connectNanos());
        pendingMassDrop = -1;
      }
    });
  }

  private void onFault(Fault fault, boolean applied, int massDropIndex) {
    if (!applied) {
      run.metrics().increment(Counters.FAULTS_SKIPPED);
      return;
    }
    switch (fault.kind()) {
      case SILENCE -> silenced = true;
      case MASS_DROP -> {
        run.recovery().dropped(massDropIndex);
        pendingMassDrop = massDropIndex;
        massDropNanos = System.nanoTime();
      }
      case DROP -> { }
    }
  }

  private void end() {
    if (faults != null) {
      faults.cancel();
    }
    if (reconnectTimer != null) {
      reconnectTimer.cancel();
    }
    if (inFlight != null && !inFlight.isDone()) {
      // let the reconnect in flight settle (bounded by the connect timeout) so the user leaves cleanly
      inFlight.whenComplete((r, t) -> done.complete(null));
    } else {
      done.complete(null);
    }
  }
}
