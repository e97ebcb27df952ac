package org.mqttchaos.run;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mqttchaos.check.WillChecker;
import org.mqttchaos.client.ClientTransport;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectResult;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.PublishReceived;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.summary.Counters;

/**
 * The observer client: subscribed to the will topics before any user starts, it hands every message it
 * receives to the {@link WillChecker}. It runs on an event loop of its own, not Gatling's, so it keeps
 * listening after the last virtual user is gone, while the run waits for the last wills.
 */
final class WillObserver implements AutoCloseable {
  private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final MqttConnection connection;

  /** Connects and subscribes, waiting for SUBACK; throws with the reason when that fails. */
  WillObserver(ClientTransport transport, RunScope run, String filter, int qos, Duration timeout) {
    connection = transport.newConnection(group.next(), event -> {
      if (event instanceof PublishReceived e) {
        run.wills().received(e.topic(), e.payload(), e.nanoTime());
      } else if (event instanceof Closed e && !e.cause().byClient()) {
        run.metrics().increment(Counters.WILLS_OBSERVER_LOST);
      }
    }, "observer");
    try {
      ConnectResult result = connection.connect(new ConnectOptions("mqttchaos-observer-" + run.runTag(), true,
          60, null, null, null, 0)).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      if (!result.connected()) {
        throw new IllegalStateException("the will observer could not connect: " + result.failure());
      }
      int granted = connection.subscribe(filter, qos).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (granted >= 0x80) {
        throw new IllegalStateException("the broker refused the will observer's subscription to " + filter);
      }
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      close();
      throw new IllegalStateException("the will observer could not subscribe to " + filter + ": " + e, e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Disconnects (waiting briefly, so the close is ours and not the loop's shutdown) and stops the loop. */
  @Override
  public void close() {
    try {
      connection.disconnect().get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // the broker is gone already: nothing left to close
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
