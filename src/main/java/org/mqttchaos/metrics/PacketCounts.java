package org.mqttchaos.metrics;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.ConnAckTimeout;
import org.mqttchaos.client.ConnectionEvent.ConnectSent;
import org.mqttchaos.client.ConnectionEvent.DisconnectReceived;
import org.mqttchaos.client.ConnectionEvent.DisconnectSent;
import org.mqttchaos.client.ConnectionEvent.MessageAbandoned;
import org.mqttchaos.client.ConnectionEvent.PubAckReceived;
import org.mqttchaos.client.ConnectionEvent.PubCompReceived;
import org.mqttchaos.client.ConnectionEvent.PubRecReceived;
import org.mqttchaos.client.ConnectionEvent.PubRelReceived;
import org.mqttchaos.client.ConnectionEvent.PubRelResent;
import org.mqttchaos.client.ConnectionEvent.PublishNotSent;
import org.mqttchaos.client.ConnectionEvent.PublishReceived;
import org.mqttchaos.client.ConnectionEvent.PublishResent;
import org.mqttchaos.client.ConnectionEvent.PublishSent;
import org.mqttchaos.client.ConnectionEvent.SubAckReceived;
import org.mqttchaos.client.ConnectionEvent.SubscribeSent;
import org.mqttchaos.client.ConnectionEvent.TcpConnectFailed;
import org.mqttchaos.client.ConnectionEvent.Unexpected;
import org.mqttchaos.client.ConnectionEvent.UnsubAckReceived;
import org.mqttchaos.client.ConnectionEvent.UnsubscribeSent;
import org.mqttchaos.client.EventSubscriber;
import org.mqttchaos.summary.Counters;

/**
 * Counts the packets (and the connect stages' failures, TcpConnectFailed and ConnAckTimeout) no checker judges yet,
 * by event kind ({@code packets.PublishSent}, {@code
 * packets.DisconnectReceived}...), the broker's DISCONNECT reason codes, and what a connection did not expect, by
 * kind ({@code events.unexpected.PUBACK}): every event of the stream lands in a figure. The session's own events are
 * counted here too: {@code packets.PublishResent} and {@code packets.PubRelResent} (resent on resuming a persistent
 * session), {@code packets.MessageAbandoned} (given up with a lost session: owed by nobody, check.DeliveryChecker),
 * {@code packets.PublishNotSent} (the publish queue was full, or a clean session closed while they waited).
 * Stateless.
 */
public final class PacketCounts implements EventSubscriber {
  private static final Set<Class<? extends ConnectionEvent>> KINDS = Set.of(ConnectSent.class, TcpConnectFailed.class, ConnAckTimeout.class, DisconnectSent.class,
      DisconnectReceived.class, PublishSent.class, PublishReceived.class, PubAckReceived.class, PubRecReceived.class,
      PubCompReceived.class, PubRelReceived.class, SubscribeSent.class, SubAckReceived.class, Unexpected.class,
      PublishResent.class, PubRelResent.class, MessageAbandoned.class, PublishNotSent.class, UnsubscribeSent.class,
      UnsubAckReceived.class);
  /** Each kind's counter name, built once (read-only after class initialisation, so safe from every loop). */
  private static final Map<Class<?>, String> NAMES = names();

  private static Map<Class<?>, String> names() {
    Map<Class<?>, String> names = new IdentityHashMap<>();
    for (Class<? extends ConnectionEvent> kind : KINDS) {
      names.put(kind, Counters.packets(kind.getSimpleName()));
    }
    return names;
  }

  private final RunMetrics metrics;

  public PacketCounts(RunMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Set<Class<? extends ConnectionEvent>> kinds() {
    return KINDS;
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    if (event instanceof Unexpected e) {
      metrics.increment(Counters.unexpectedEvent(e.kind()));
      return;
    }
    metrics.increment(NAMES.get(event.getClass()));
    if (event instanceof DisconnectReceived e) {
      metrics.increment(Counters.disconnectsByReason(e.reasonCode()));
    }
  }
}
