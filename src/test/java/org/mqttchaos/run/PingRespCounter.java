package org.mqttchaos.run;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.PingRespReceived;
import org.mqttchaos.client.EventSubscriber;

/** A toy checker, in one file: counts the PINGRESPs the run's connections received. */
final class PingRespCounter implements EventSubscriber {
  final LongAdder pingResps = new LongAdder();
  final CompletableFuture<Void> first = new CompletableFuture<>();

  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return Set.of(PingRespReceived.class);
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    pingResps.increment();
    first.complete(null);
  }
}
