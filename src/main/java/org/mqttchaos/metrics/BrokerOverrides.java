package org.mqttchaos.metrics;

import java.util.Set;
import org.mqttchaos.client.ConnAckValues;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.RefusedLocally;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.summary.Counters;

/**
 * What the broker changed in its accepting CONNACKs (MQTT 5 section 3.2.2.3) against what the clients asked for,
 * counted per property, asked value and set value ({@code broker.overrides.serverKeepAlive.16.10}: connections that
 * asked for keep-alive 16 s and got Server Keep Alive 10 s), and the packets the clients did not send because those
 * values rule them out ({@code broker.refusedLocally.maximumQos}). Summary.json shows them as broker.overrides and
 * broker.refusedLocally. Stateless.
 */
public final class BrokerOverrides implements EventSubscriber {
  private final RunMetrics metrics;

  public BrokerOverrides(RunMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return Set.of(ConnAckReceived.class, RefusedLocally.class);
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    if (event instanceof ConnAckReceived e && e.accepted() && e.attempt().connAck() != null
        && !e.properties().isEmpty()) {
      for (ConnAckValues.Override o : e.attempt().connAck().overrides(ConnAckValues.asked(e.attempt().options()))) {
        metrics.increment(Counters.brokerOverride(o.key()));
      }
    } else if (event instanceof RefusedLocally e) {
      metrics.increment(Counters.refusedLocally(e.limit()));
    }
  }
}
