package org.mqttchaos.client;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.mqttchaos.client.ConnectionEvent.PubAckReceived;
import org.mqttchaos.client.ConnectionEvent.PubCompReceived;
import org.mqttchaos.client.ConnectionEvent.PubRecReceived;
import org.mqttchaos.client.ConnectionEvent.PubRelReceived;
import org.mqttchaos.client.ConnectionEvent.PublishReceived;
import org.mqttchaos.client.ConnectionEvent.PublishSent;
import org.mqttchaos.client.ConnectionEvent.RefusedLocally;
import org.mqttchaos.client.ConnectionEvent.SubAckReceived;
import org.mqttchaos.client.ConnectionEvent.SubscribeSent;

/**
 * The packet-identifier flows of one connection, both directions: our SUBSCRIBE and QoS 1/2 PUBLISH waiting for
 * SUBACK / PUBACK / PUBREC-PUBCOMP under their packet identifiers, and the broker's QoS 1/2 PUBLISH answered with
 * PUBACK or PUBREC-PUBREL-PUBCOMP ([MQTT-4.3.2], [MQTT-4.3.3]). A QoS 2 message is reported once even when the
 * broker sends it again before our PUBREC reached it. Acknowledgements are written only while the connection
 * writes at all (never when SILENT). On the connection's event loop only.
 */
final class QosFlows {
  private final MqttConnection connection;
  private InFlight outgoing; // lazy: most connections never publish with QoS > 0 nor subscribe
  private Set<Integer> incomingQos2; // ids between PUBLISH and PUBREL; lazy, rarely used

  QosFlows(MqttConnection connection) {
    this.connection = connection;
  }

  /** See {@link MqttConnection#subscribe}. */
  CompletableFuture<Integer> subscribe(String topicFilter, int qos) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    if (refuseUnlessConnected("subscribe()", done)) {
      return done;
    }
    ConnAckValues limits = connection.attempt().connAck();
    if (limits != null && refused("SUBSCRIBE", limits.refuseSubscribe(topicFilter), done)) {
      return done;
    }
    int packetId = outgoing().register(done);
    if (packetId < 0) {
      done.completeExceptionally(new IllegalStateException("all 65535 packet identifiers are in use"));
      return done;
    }
    try {
      Attempt attempt = connection.attempt();
      connection.write(MqttPackets.subscribe(packetId, topicFilter, qos),
          now -> connection.emit(new SubscribeSent(now, attempt, packetId, topicFilter, qos)), packetId, null);
    } catch (RuntimeException e) {
      forget(packetId);
      done.completeExceptionally(e);
    }
    return done;
  }

  /** See {@link MqttConnection#publish}. */
  CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (refuseUnlessConnected("publish()", done)) {
      return done;
    }
    int packetId = 0;
    try {
      MqttPackets.qos(qos); // validate before taking a packet id
      ConnAckValues limits = connection.attempt().connAck();
      if (limits != null && refused("PUBLISH", limits.refusePublish(qos, retain,
          MqttPackets.publishSize(connection.attempt().version(), topic, payload == null ? 0 : payload.length, qos)),
          done)) {
        return done;
      }
      if (qos > 0 && (packetId = outgoing().register(done)) < 0) {
        done.completeExceptionally(new IllegalStateException("all 65535 packet identifiers are in use"));
        return done;
      }
      byte[] bytes = payload == null ? new byte[0] : payload;
      MqttMessage packet = MqttPackets.publish(topic, bytes, qos, retain, packetId);
      int id = packetId;
      Attempt attempt = connection.attempt();
      connection.write(packet, now -> connection.emit(new PublishSent(now, attempt, id, topic, qos, retain, bytes)),
          packetId, qos == 0 ? done : null);
    } catch (RuntimeException e) {
      if (packetId > 0) {
        forget(packetId);
      }
      done.completeExceptionally(e);
    }
    return done;
  }

  /** The future waiting under {@code packetId}, removed (its write failed); null if none. */
  <T> CompletableFuture<T> forget(int packetId) {
    return outgoing == null ? null : outgoing.remove(packetId);
  }

  private InFlight outgoing() {
    if (outgoing == null) {
      outgoing = new InFlight();
    }
    return outgoing;
  }

  /** A new attempt: the broker's unfinished QoS 2 messages belong to the session, not to us. */
  void reset() {
    incomingQos2 = null;
  }

  /** The attempt closed: every future still waiting fails with {@code reason}. */
  void failAll(String reason) {
    if (outgoing != null) {
      outgoing.failAll(reason);
    }
  }

  void onSubAck(long now, MqttSubAckMessage m) {
    int packetId = m.variableHeader().messageId();
    CompletableFuture<Integer> waiting = forget(packetId);
    if (waiting == null) {
      connection.unexpected(now, "SUBACK", "SUBACK for unknown packet id " + packetId);
      return;
    }
    var codes = m.payload().reasonCodes();
    connection.emit(new SubAckReceived(now, connection.attempt(), packetId, codes));
    waiting.complete(codes.isEmpty() ? 0x80 : codes.get(0));
  }

  void onPublish(long now, MqttPublishMessage m) {
    if (!connection.state().reads()) {
      connection.unexpected(now, "PUBLISH", "PUBLISH");
      return;
    }
    int qos = m.fixedHeader().qosLevel().value();
    int packetId = m.variableHeader().packetId();
    boolean redelivery = qos == 2 && incomingQos2 != null && incomingQos2.contains(packetId);
    if (!redelivery) {
      connection.emit(new PublishReceived(now, connection.attempt(), Math.max(0, packetId),
          m.variableHeader().topicName(), qos, m.fixedHeader().isRetain(), m.fixedHeader().isDup(),
          ByteBufUtil.getBytes(m.payload())));
    }
    if (qos == 1) {
      acknowledge(MqttPackets.pubAck(packetId));
    } else if (qos == 2) {
      if (incomingQos2 == null) {
        incomingQos2 = new HashSet<>(4);
      }
      incomingQos2.add(packetId);
      acknowledge(MqttPackets.pubRec(packetId));
    }
  }

  void onPubAck(long now, int packetId) {
    completed(now, packetId, "PUBACK", new PubAckReceived(now, connection.attempt(), packetId));
  }

  void onPubRec(long now, int packetId) {
    if (outgoing == null || outgoing.peek(packetId) == null) {
      connection.unexpected(now, "PUBREC", "PUBREC for unknown packet id " + packetId);
      return;
    }
    connection.emit(new PubRecReceived(now, connection.attempt(), packetId));
    acknowledge(MqttPackets.pubRel(packetId));
  }

  void onPubComp(long now, int packetId) {
    completed(now, packetId, "PUBCOMP", new PubCompReceived(now, connection.attempt(), packetId));
  }

  /** The last acknowledgement of our publish ({@code kind} PUBACK or PUBCOMP) came: reported, its future done. */
  private void completed(long now, int packetId, String kind, ConnectionEvent received) {
    CompletableFuture<Void> waiting = forget(packetId);
    if (waiting == null) {
      connection.unexpected(now, kind, kind + " for unknown packet id " + packetId);
      return;
    }
    connection.emit(received);
    waiting.complete(null);
  }

  void onPubRel(long now, int packetId) {
    if (incomingQos2 == null || !incomingQos2.remove(packetId)) {
      connection.unexpected(now, "PUBREL", "PUBREL for unknown packet id " + packetId);
    } else {
      connection.emit(new PubRelReceived(now, connection.attempt(), packetId));
    }
    acknowledge(MqttPackets.pubComp(packetId)); // complete the handshake even for an id we forgot
  }

  /** True when {@code refusal} rules the packet out: reported, {@code done} failed with its reason, nothing sent. */
  private boolean refused(String packet, ConnAckValues.Refusal refusal, CompletableFuture<?> done) {
    if (refusal == null) {
      return false;
    }
    connection.emit(new RefusedLocally(System.nanoTime(), connection.attempt(), packet, refusal.limit(),
        refusal.reason()));
    done.completeExceptionally(new IllegalStateException("not sent: " + refusal.reason()));
    return true;
  }

  private boolean refuseUnlessConnected(String call, CompletableFuture<?> done) {
    if (connection.state() == ConnectionState.CONNECTED) {
      return false;
    }
    done.completeExceptionally(new IllegalStateException(call + " needs a CONNECTED connection, state is "
        + connection.state()));
    return true;
  }

  private void acknowledge(MqttMessage packet) {
    if (connection.state().writes()) {
      connection.write(packet, null, 0, null);
    }
  }
}
