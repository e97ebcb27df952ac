package org.mqttchaos.run;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.EventSubscriber;

/**
 * Says once per run, in one line, what the first packet that did not decode was (a broker's bytes that are not MQTT:
 * the decoder's own words, e.g. "message length exceeds 1048576: 268435455"): the summary counts such closes
 * ({@code connects.failedBy.protocol-error}, {@code flaps.protocolErrors}) but keeps no text. Later ones are only
 * counted. Safe from every event loop at once.
 */
final class ProtocolErrorNotice implements EventSubscriber {
  private final AtomicBoolean told = new AtomicBoolean();

  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return Set.of(Closed.class);
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    if (event instanceof Closed e && e.cause() == CloseCause.PROTOCOL_ERROR && told.compareAndSet(false, true)) {
      System.out.println("mqtt-chaos: WARNING: " + e.attempt().clientId() + (e.established() ? " (connected)" : " (before"
          + " CONNACK)") + ": " + e.detail() + "; the client closed the connection, and every such close is"
          + " counted as a protocol error");
    }
  }
}
