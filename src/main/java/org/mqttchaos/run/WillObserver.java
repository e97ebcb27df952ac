package org.mqttchaos.run;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mqttchaos.check.WillChecker;
import org.mqttchaos.client.AbruptMode;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.ClientTransport;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectResult;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.PublishReceived;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.metrics.RunMetrics;
import org.mqttchaos.summary.Counters;

/**
 * The observer client: subscribed to the will topics before any user starts, it hands every message it
 * receives to the {@link WillChecker}. It runs on an event loop of its own, not Gatling's, so it keeps
 * listening after the last virtual user is gone, while the run waits for the last wills.
 *
 * <p>It is a client like the others, and the broker may cut it too (keep-alive, takeover, a restart). It holds a
 * persistent session with a QoS 1 subscription where the wills are QoS 1 or 2, so a broker that keeps sessions
 * queues the wills it publishes meanwhile; and it reconnects after every loss (back-off from 250 ms to 1 s) until
 * the run ends. Each window in which it is not subscribed is reported to the checker, which turns the wills owed
 * in it and never received into {@code unknown}, never {@code missing}. If it cannot connect at the start, the run
 * goes on without it and it keeps trying.
 *
 * <p>Thread rules: everything after construction runs on its own event loop, except {@link #start} and
 * {@link #close}, which wait for it.
 */
final class WillObserver implements AutoCloseable {
  private static final long FIRST_RETRY_MILLIS = 250;
  private static final long MAX_RETRY_MILLIS = 1_000; // one client: retrying often costs nothing
  /** Long enough to outlive any run's outage; the observer discards its session itself when the run ends. */
  private static final long SESSION_EXPIRY_SECONDS = 24 * 3600;

  private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoop loop = group.next();
  private final MqttConnection connection;
  private final WillChecker wills;
  private final RunMetrics metrics;
  private final ConnectOptions options;
  private final String filter;
  private final int qos;
  private final Duration timeout;
  private volatile boolean closing;
  private volatile boolean watching;
  private long retryMillis = FIRST_RETRY_MILLIS; // on the loop only
  private boolean retryPending; // on the loop only
  private CompletableFuture<String> firstWatch; // on the loop only; completes with null or why not
  private long startNanos; // on the loop only: when the first attempt began

  /**
   * @param filter  the will topics' filter
   * @param qos     the wills' QoS, which the subscription asks for
   * @param username the users' user name (null for none), password likewise
   * @param timeout  how long a SUBACK may take before the observer gives up on the connection and starts again
   */
  WillObserver(ClientTransport transport, RunScope run, String filter, int qos, String username, String password,
      Duration timeout) {
    this.timeout = timeout;
    this.wills = run.wills();
    this.metrics = run.metrics();
    this.filter = filter;
    this.qos = qos;
    // A persistent session only where it helps: the broker queues QoS 1 and 2 messages for an offline session.
    this.options = new ConnectOptions("mqttchaos-observer-" + run.runTag(), qos == 0, 60, username, password, null,
        qos == 0 ? 0 : SESSION_EXPIRY_SECONDS);
    this.connection = transport.newConnection(loop, this::onEvent, "observer");
  }

  /**
   * First connect and subscribe, waiting up to {@code timeout} (SUBACK included): empty when the observer is
   * watching, else why not (it keeps trying in the background; wills owed meanwhile are unknown).
   */
  Optional<String> start() {
    CompletableFuture<String> first = new CompletableFuture<>();
    loop.execute(() -> {
      firstWatch = first;
      startNanos = System.nanoTime();
      attempt();
    });
    try {
      return Optional.ofNullable(first.get(timeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    } catch (ExecutionException | TimeoutException e) {
      String why = "no CONNACK and SUBACK within " + (timeout.toMillis() * 2 + 1000) + " ms";
      loop.execute(() -> {
        if (firstWatch != null) { // still trying: blind from the start, on the loop so before any watching()
          wills.observerBlind(startNanos);
          firstWatch.complete(why);
          firstWatch = null;
        }
      });
      return Optional.of(why);
    }
  }

  private void onEvent(ConnectionEvent event) {
    if (event instanceof PublishReceived e) {
      wills.received(e.topic(), e.payload(), e.nanoTime(), e.duplicate() || e.retain());
    } else if (event instanceof Closed e && e.established() && !closing) {
      watching = false;
      wills.observerBlind(e.nanoTime());
      metrics.increment(Counters.WILLS_OBSERVER_LOST);
      retryMillis = FIRST_RETRY_MILLIS;
      retryLater();
    }
  }

  /**
   * One connect and, unless the broker kept the session with its subscription, one SUBSCRIBE. On the loop. Never
   * throws: a task that threw would be logged by Netty with its stack trace, and the observer would stop retrying.
   */
  private void attempt() {
    retryPending = false;
    if (closing) {
      return;
    }
    try {
      connectAndSubscribe();
    } catch (RuntimeException e) {
      failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void connectAndSubscribe() {
    connection.connect(options).whenComplete((result, error) -> {
      if (error != null || !result.connected()) {
        failed(error != null ? String.valueOf(error.getMessage()) : reason(result));
      } else if (result.sessionPresent() && qos > 0) {
        watching(); // the session kept the subscription, and queued what was published meanwhile
      } else {
        Attempt mine = connection.attempt();
        loop.schedule(() -> {
          if (!watching && connection.attempt() == mine && connection.state().established()) {
            connection.closeAbruptly(AbruptMode.RST); // no SUBACK in time: its close starts again
          }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        connection.subscribe(filter, qos).whenComplete((granted, subError) -> {
          if (subError != null) {
            failed("no SUBACK: " + subError.getMessage()); // its close triggers the retry
          } else if (granted >= 0x80) {
            failed("the broker refused the subscription to " + filter + " (SUBACK 0x"
                + Integer.toHexString(granted).toUpperCase() + ")");
            connection.closeAbruptly(AbruptMode.RST);
          } else {
            watching();
          }
        });
      }
    });
  }

  private static String reason(ConnectResult result) {
    return result.failure() != null ? result.failure() : "CONNACK code " + result.returnCode();
  }

  private void watching() {
    watching = true;
    wills.observerWatching(System.nanoTime());
    retryMillis = FIRST_RETRY_MILLIS;
    if (firstWatch != null) {
      firstWatch.complete(null);
      firstWatch = null;
    }
  }

  /** A connect or subscribe that failed: said once at the start, then retried with back-off. */
  private void failed(String why) {
    if (firstWatch != null) {
      // No user has started while the first attempt went on; from now, the run goes on without the observer.
      wills.observerBlind(startNanos);
      firstWatch.complete(why);
      firstWatch = null;
    }
    if (!connection.state().established()) {
      retryLater(); // an established connection whose SUBSCRIBE failed retries from its close
    }
  }

  private void retryLater() {
    if (closing || retryPending) {
      return;
    }
    retryPending = true;
    loop.schedule(this::attempt, retryMillis, TimeUnit.MILLISECONDS);
    retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
  }

  /**
   * Stops retrying, disconnects, and discards the observer's persistent session with one clean connect (each
   * waiting briefly, so the close is ours and not the loop's shutdown), then stops the loop.
   */
  @Override
  public void close() {
    closing = true;
    boolean wasWatching = watching;
    try {
      CompletableFuture<?> closed = CompletableFuture.supplyAsync(() -> connection.state().established(), loop)
          .thenCompose(open -> open ? connection.disconnect() : CompletableFuture.completedFuture(null));
      closed.get(2, TimeUnit.SECONDS);
      if (!options.cleanSession() && wasWatching) {
        ConnectOptions clean = new ConnectOptions(options.clientId(), true, 60, options.username(),
            options.password(), null, 0);
        ConnectResult discard = connection.connect(clean).get(2, TimeUnit.SECONDS);
        if (discard.connected()) {
          connection.disconnect().get(2, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // the broker is gone already, or answers nonsense: nothing left to close
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
