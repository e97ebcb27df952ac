package org.mqttchaos.check;

import static org.mqttchaos.check.Nanos.at;

import io.netty.handler.codec.mqtt.MqttProperties;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectionEvent;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.DisconnectSent;
import org.mqttchaos.client.ConnectionEvent.MessageAbandoned;
import org.mqttchaos.client.ConnectionEvent.PubAckReceived;
import org.mqttchaos.client.ConnectionEvent.PubCompReceived;
import org.mqttchaos.client.ConnectionEvent.PublishReceived;
import org.mqttchaos.client.ConnectionEvent.PublishResent;
import org.mqttchaos.client.ConnectionEvent.PublishSent;
import org.mqttchaos.client.ConnectionEvent.Silenced;
import org.mqttchaos.client.ConnectionEvent.SubAckReceived;
import org.mqttchaos.client.ConnectionEvent.SubscribeSent;
import org.mqttchaos.client.ConnectionEvent.UnsubAckReceived;
import org.mqttchaos.client.ConnectionEvent.UnsubscribeSent;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.MessageStamp;
import org.mqttchaos.client.MqttVersion;

/**
 * A synthetic event history for the delivery checker, written as a script: connects, subscriptions, publishes,
 * arrivals and closes at given milliseconds since {@link Nanos#START}. Every call feeds the events to the checker at
 * once, as a run's dispatcher would.
 */
final class History {
  private final DeliveryChecker checker;
  private final Map<String, Integer> attempts = new HashMap<>();
  private final Map<Long, Long> planned = new HashMap<>(); // (publisher, sequence) -> planned nanos
  private final Map<Long, Integer> sentAs = new HashMap<>(); // (publisher, sequence) -> packet id of its first send
  private int connections;
  private int packetIds = 1;

  History(DeliveryChecker checker) {
    this.checker = checker;
  }

  private void emit(ConnectionEvent e) {
    checker.onEvent(e);
  }

  /** An accepted CONNECT of {@code clientId} (MQTT 3.1.1) answered at {@code ms}. */
  Attempt connect(String clientId, boolean clean, boolean sessionPresent, long ms) {
    int n = attempts.merge(clientId, 1, Integer::sum) - 1;
    Attempt a = new Attempt(connections++, n, MqttVersion.V3_1_1,
        new ConnectOptions(clientId, clean, 30, null, null, null, 0), "test");
    emit(new ConnAckReceived(at(ms), a, 0, sessionPresent, 1_000_000, n > 0, MqttProperties.NO_PROPERTIES));
    return a;
  }

  /** SUBSCRIBE written at {@code ms}, SUBACK with {@code granted} (0x80: refused) 1 ms later. */
  void subscribe(Attempt a, String filter, int qos, int granted, long ms) {
    int id = packetIds++;
    emit(new SubscribeSent(at(ms), a, id, filter, qos));
    emit(new SubAckReceived(at(ms + 1), a, id, List.of(granted)));
  }

  /** SUBSCRIBE written at {@code ms}, its SUBACK granting {@code qos} at {@code ackMs}. */
  void subscribeUntil(Attempt a, String filter, int qos, long ms, long ackMs) {
    int id = packetIds++;
    emit(new SubscribeSent(at(ms), a, id, filter, qos));
    emit(new SubAckReceived(at(ackMs), a, id, List.of(qos)));
  }

  /** UNSUBSCRIBE written at {@code ms}, its UNSUBACK (3.1.1: no reason codes) at {@code ackMs}. */
  void unsubscribe(Attempt a, String filter, long ms, long ackMs) {
    int id = packetIds++;
    emit(new UnsubscribeSent(at(ms), a, id, filter));
    emit(new UnsubAckReceived(at(ackMs), a, id, List.of()));
  }

  /** UNSUBSCRIBE written at {@code ms}, an MQTT 5 UNSUBACK refusing it (0x80, unspecified error) at {@code ackMs}. */
  void unsubscribeRefused(Attempt a, String filter, long ms, long ackMs) {
    int id = packetIds++;
    emit(new UnsubscribeSent(at(ms), a, id, filter));
    emit(new UnsubAckReceived(at(ackMs), a, id, List.of(0x80)));
  }

  /**
   * The stamped PUBLISH sent before, written again with DUP on {@code a} (a resumed session) at {@code ms} under its
   * first packet identifier, acknowledged at {@code ackMs} (-1: never).
   */
  void resend(Attempt a, int publisher, long seq, String topic, int qos, long ms, long ackMs) {
    int id = sentAs.get(key(publisher, seq));
    long due = planned.get(key(publisher, seq));
    emit(new PublishResent(at(ms), a, id, topic, qos, false, new MessageStamp(publisher, seq, due).encode(32)));
    if (ackMs >= 0) {
      emit(qos == 1 ? new PubAckReceived(at(ackMs), a, id) : new PubCompReceived(at(ackMs), a, id));
    }
  }

  /** The client gives the stamped message up at {@code ms}, its session lost ({@code released}: PUBREC had come). */
  void abandon(Attempt a, int publisher, long seq, String topic, int qos, boolean released, long ms) {
    int id = sentAs.get(key(publisher, seq));
    long due = planned.get(key(publisher, seq));
    emit(new MessageAbandoned(at(ms), a, id, topic, qos, false, new MessageStamp(publisher, seq, due).encode(32),
        released, "test: session lost"));
  }

  /** A stamped PUBLISH written at {@code ms}, acknowledged 1 ms later (QoS 1 PUBACK, QoS 2 PUBCOMP). */
  void publish(Attempt a, int publisher, long seq, String topic, int qos, long ms) {
    publish(a, publisher, seq, topic, qos, ms, qos > 0 ? ms + 1 : -1);
  }

  /** As {@link #publish(Attempt, int, long, String, int, long)}, acknowledged at {@code ackMs} (-1: never). */
  void publish(Attempt a, int publisher, long seq, String topic, int qos, long ms, long ackMs) {
    int id = qos > 0 ? packetIds++ : 0;
    long due = planned.computeIfAbsent(key(publisher, seq), k -> at(ms));
    sentAs.putIfAbsent(key(publisher, seq), id);
    emit(new PublishSent(at(ms), a, id, topic, qos, false, new MessageStamp(publisher, seq, due).encode(32)));
    if (ackMs >= 0) {
      emit(qos == 1 ? new PubAckReceived(at(ackMs), a, id) : new PubCompReceived(at(ackMs), a, id));
    }
  }

  /** A stamped PUBLISH read at {@code ms}, DUP 0, RETAIN 0. */
  void deliver(Attempt a, int publisher, long seq, String topic, int qos, long ms) {
    deliver(a, publisher, seq, topic, qos, ms, false, false);
  }

  void deliver(Attempt a, int publisher, long seq, String topic, int qos, long ms, boolean dup, boolean retain) {
    long due = planned.getOrDefault(key(publisher, seq), at(ms));
    emit(new PublishReceived(at(ms), a, qos > 0 ? packetIds++ : 0, topic, qos, retain, dup,
        new MessageStamp(publisher, seq, due).encode(21)));
  }

  /** A PUBLISH read at {@code ms} whose stamp says it was due at {@code plannedMs} (another run's, if before 0). */
  void deliverStamped(Attempt a, int publisher, long seq, long plannedMs, String topic, int qos, long ms) {
    emit(new PublishReceived(at(ms), a, qos > 0 ? packetIds++ : 0, topic, qos, false, false,
        new MessageStamp(publisher, seq, at(plannedMs)).encode(21)));
  }

  /** A PUBLISH read with a payload the harness did not stamp. */
  void deliverUnstamped(Attempt a, String topic, long ms) {
    emit(new PublishReceived(at(ms), a, 0, topic, 0, false, false, "hello".getBytes(StandardCharsets.UTF_8)));
  }

  void publishUnstamped(Attempt a, String topic, long ms) {
    emit(new PublishSent(at(ms), a, 0, topic, 0, false, "hello".getBytes(StandardCharsets.UTF_8)));
  }

  void close(Attempt a, CloseCause cause, long ms) {
    emit(new Closed(at(ms), a, cause, "test", ConnectionState.CONNECTED, 1, OptionalInt.empty(), null));
  }

  void disconnect(Attempt a, long ms) {
    emit(new DisconnectSent(at(ms), a));
    close(a, CloseCause.GRACEFUL_BY_CLIENT, ms);
  }

  void silence(Attempt a, long ms) {
    emit(new Silenced(at(ms), a, at(ms)));
  }

  /** Forgets the planned instants of the messages published so far (a measurement counts the checker's heap only). */
  void forget() {
    planned.clear();
  }

  private static long key(int publisher, long seq) {
    return ((long) publisher << 40) | seq;
  }
}
