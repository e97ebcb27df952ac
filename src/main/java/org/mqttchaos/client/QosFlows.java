package org.mqttchaos.client;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
import org.mqttchaos.client.ConnectionEvent.RefusedLocally;
import org.mqttchaos.client.ConnectionEvent.SubAckReceived;
import org.mqttchaos.client.ConnectionEvent.SubscribeSent;
import org.mqttchaos.client.ConnectionEvent.UnsubAckReceived;
import org.mqttchaos.client.ConnectionEvent.UnsubscribeSent;
import org.mqttchaos.client.InFlight.Request;

/**
 * The packet-identifier flows of one connection and its client session, both directions: our SUBSCRIBE / UNSUBSCRIBE
 * and QoS 1/2 PUBLISH waiting for SUBACK / UNSUBACK / PUBACK / PUBREC-PUBCOMP under their packet identifiers, and the
 * broker's QoS 1/2 PUBLISH answered with PUBACK or PUBREC-PUBREL-PUBCOMP ([MQTT-4.3.2], [MQTT-4.3.3]). A QoS 2
 * message is reported once even when the broker sends it again before our PUBREL came. Acknowledgements are written
 * only while the connection writes at all (never when SILENT). On the connection's event loop only.
 *
 * <p><b>Session state.</b> For a persistent session (3.1.1 clean session = 0; MQTT 5 Session Expiry Interval &gt; 0)
 * our unacknowledged QoS 1/2 messages, those waiting for the window, and the broker's QoS 2 packet identifiers
 * awaiting PUBREL outlive the connect attempt (MQTT 3.1.1 section 4.1). When a reconnect's CONNACK says session
 * present = 1, the unacknowledged PUBLISH packets go out again with DUP set and the pending PUBRELs again, under their
 * original packet identifiers, in their original order (PUBLISH in send order, PUBREL in PUBREC order; MQTT 3.1.1
 * sections 4.4 and 4.6, [MQTT-4.4.0-1]; MQTT 5 section 4.4), before any new PUBLISH. When it says session present =
 * 0, or when the connection of a clean session closes, the sent and unacknowledged messages are abandoned: one
 * {@link MessageAbandoned} event each, and their futures fail with {@link MessageAbandonedException}. Messages still
 * waiting for the window were never sent: after session present = 0 they go out on the new session; at the close of
 * a clean session they fail ({@link PublishNotSent}). SUBSCRIBE and UNSUBSCRIBE are never resent: their futures fail
 * when the attempt closes.
 *
 * <p><b>In-flight window.</b> At most {@link #window} QoS 1/2 messages are unacknowledged at once: MQTT 5's Receive
 * Maximum from CONNACK (65,535 when absent; MQTT 5 sections 3.2.2.3.3 and 4.9), {@link #V3_WINDOW} for 3.1.1, which has no
 * flow control. A message counts from its PUBLISH to its PUBACK or PUBCOMP. Later publishes wait, in order, in a
 * queue of at most {@link #MAX_QUEUED}; a publish that finds the queue full fails at once ({@link PublishNotSent}).
 * Retransmissions on resumption are not held back by a smaller new window (they are owed), but new messages wait
 * until the window has room again.
 *
 * <p>Nothing is allocated for a connection that never publishes with QoS &gt; 0 nor subscribes.
 */
final class QosFlows {
  /** How many QoS 1/2 messages may wait for the in-flight window per connection; the next one fails. */
  static final int MAX_QUEUED = 1_000;
  /**
   * The in-flight window for MQTT 3.1.1, which has no Receive Maximum: the order of a broker's own limit (mosquitto's
   * max_inflight_messages is 20, HiveMQ's receive maximum 10) times a few, so a broker that stops acknowledging holds
   * at most this many payloads per client in flight, not 65,535.
   */
  static final int V3_WINDOW = 100;

  private final MqttConnection connection;
  private InFlight ids; // lazy: most connections never publish with QoS > 0 nor subscribe
  private ArrayDeque<OutgoingPublish> queued; // lazy: behind the window
  private Set<Integer> incomingQos2; // the broker's ids between PUBLISH and PUBREL; lazy, rarely used
  private List<Runnable> afterClose; // futures to fail once the attempt's Closed event is out
  private int inFlight; // QoS 1/2 messages between PUBLISH and PUBACK / PUBCOMP
  private int window = V3_WINDOW;
  private boolean outlives; // the current attempt's session outlives its connection, as its CONNACK settled

  QosFlows(MqttConnection connection) {
    this.connection = connection;
  }

  // ---------------------------------------------------------------- calls

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
    try {
      MqttPackets.qos(qos);
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
      return done;
    }
    int packetId = register(new Request(true, done), done);
    if (packetId > 0) {
      Attempt attempt = connection.attempt();
      write(MqttPackets.subscribe(packetId, topicFilter, qos),
          now -> connection.emit(new SubscribeSent(now, attempt, packetId, topicFilter, qos)), packetId, done);
    }
    return done;
  }

  /** See {@link MqttConnection#unsubscribe}. */
  CompletableFuture<Integer> unsubscribe(String topicFilter) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    if (refuseUnlessConnected("unsubscribe()", done)) {
      return done;
    }
    int packetId = register(new Request(false, done), done);
    if (packetId > 0) {
      Attempt attempt = connection.attempt();
      write(MqttPackets.unsubscribe(packetId, topicFilter),
          now -> connection.emit(new UnsubscribeSent(now, attempt, packetId, topicFilter)), packetId, done);
    }
    return done;
  }

  /** See {@link MqttConnection#publish}. */
  CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (refuseUnlessConnected("publish()", done)) {
      return done;
    }
    try {
      MqttPackets.qos(qos);
      ConnAckValues limits = connection.attempt().connAck();
      if (limits != null && refused("PUBLISH", limits.refusePublish(qos, retain,
          MqttPackets.publishSize(connection.attempt().version(), topic, payload == null ? 0 : payload.length, qos)),
          done)) {
        return done;
      }
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
      return done;
    }
    byte[] bytes = payload == null ? new byte[0] : payload;
    if (qos == 0) {
      Attempt attempt = connection.attempt();
      write(MqttPackets.publish(topic, bytes, 0, retain, 0, false),
          now -> connection.emit(new PublishSent(now, attempt, 0, topic, 0, retain, bytes)), 0, done);
      done.whenComplete((ok, failed) -> { // a write that failed: the connection closed under it, so never written
        if (failed != null) {
          connection.emit(new PublishNotSent(System.nanoTime(), attempt, topic, 0, retain, bytes,
              PublishNotSent.Cause.WRITE_FAILED, "write failed: " + Failures.reason(failed)));
        }
      });
      return done;
    }
    OutgoingPublish message = new OutgoingPublish(topic, bytes, qos, retain, done);
    if ((queued != null && !queued.isEmpty()) || inFlight >= window) {
      enqueue(message);
    } else {
      send(message);
    }
    return done;
  }

  /**
   * The owner ends the session while the connection is DISCONNECTED (it will not resume it): every unacknowledged
   * message is abandoned, every queued one not sent, the broker's QoS 2 identifiers forgotten.
   */
  void abandonSession(String reason) {
    long now = System.nanoTime();
    abandonSent(now, reason);
    dropQueued(now, PublishNotSent.Cause.SESSION_ENDED, reason);
    incomingQos2 = null;
    failGivenUp();
  }

  /**
   * The owner withdraws every message still waiting for the window (it will not wait for them to be written): each
   * one not sent ({@link PublishNotSent}, cause WITHDRAWN, {@code reason}), its future failed; in any state.
   *
   * @return how many were withdrawn
   */
  int withdrawQueued(String reason) {
    int count = queued();
    if (count > 0) {
      dropQueued(System.nanoTime(), PublishNotSent.Cause.WITHDRAWN, reason);
      failGivenUp();
    }
    return count;
  }

  // ---------------------------------------------------------------- attempt life

  /**
   * An accepting CONNACK was read (and reported): the window from its Receive Maximum, then the session resumed
   * (session present = 1: PUBLISH resent with DUP, PUBREL resent) or the old one's messages abandoned (0), then the
   * queue drained into the window. The values in force ({@link Attempt#connAck}) are set before this is called.
   */
  void connected(boolean sessionPresent) {
    Attempt attempt = connection.attempt();
    ConnAckValues inForce = attempt.connAck();
    window = attempt.version() == MqttVersion.V5 ? Math.max(1, inForce.receiveMaximum()) : V3_WINDOW;
    // MQTT 5: the session outlives the connection when the Session Expiry Interval in force (the CONNACK's, if it
    // sent one) is not 0; 3.1.1: when clean session = 0.
    outlives = attempt.version() == MqttVersion.V5 ? inForce.sessionExpirySeconds() != 0
        : !attempt.options().cleanSession();
    if (sessionPresent) {
      resend();
    } else {
      incomingQos2 = null;
      if (ids != null && !ids.isEmpty()) {
        abandonSent(System.nanoTime(), attempt.options().cleanSession()
            ? "the reconnect asked for a clean session (clean session = 1), which discards the earlier one"
            : "the reconnect's CONNACK said session present = 0: the broker kept no session");
        failGivenUp();
      }
    }
    drain();
  }

  /**
   * The attempt is ending, before its Closed event: SUBSCRIBE and UNSUBSCRIBE are given up; when the session ends
   * with the connection (an established attempt of a clean session) its messages are abandoned and the queued ones
   * not sent. Their futures fail in {@link #failAll}, after the Closed event.
   */
  void attemptEnded(long now, boolean established, CloseCause cause) {
    if (ids != null) {
      for (Request r : ids.removeRequests()) {
        defer(r.future(), new IllegalStateException("connection closed (" + cause + ") before the "
            + (r.subscribe() ? "SUBACK" : "UNSUBACK")));
      }
    }
    Attempt attempt = connection.attempt();
    boolean holdsAny = (ids != null && !ids.isEmpty()) || (queued != null && !queued.isEmpty());
    if (established && !outlives && holdsAny) {
      String why = "the connection closed (" + cause + ") and its session ended with it ("
          + (attempt.version() == MqttVersion.V5 ? "Session Expiry Interval 0" : "clean session = 1") + ")";
      abandonSent(now, why);
      dropQueued(now, PublishNotSent.Cause.SESSION_ENDED, "not sent before " + why);
    }
    if (established && !outlives) {
      incomingQos2 = null;
    }
  }

  /** After the attempt's Closed event: the futures {@link #attemptEnded} gave up fail. */
  void failGivenUp() {
    if (afterClose == null) {
      return;
    }
    List<Runnable> tasks = afterClose;
    afterClose = null;
    tasks.forEach(Runnable::run);
  }

  // ---------------------------------------------------------------- outbound

  private int register(Object holder, CompletableFuture<?> done) {
    if (ids == null) {
      ids = new InFlight();
    }
    int packetId = ids.register(holder);
    if (packetId < 0) {
      done.completeExceptionally(new IllegalStateException("all 65535 packet identifiers are in use"));
    }
    return packetId;
  }

  /** Writes {@code packet}; a write that throws frees {@code packetId} and fails {@code done}. */
  private void write(MqttMessage packet, MqttConnection.Written written, int packetId, CompletableFuture<?> done) {
    try {
      connection.write(packet, written, packetId, packetId == 0 ? asVoid(done) : null);
    } catch (RuntimeException e) {
      writeFailed(packetId, e);
      if (packetId == 0) {
        done.completeExceptionally(e);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static CompletableFuture<Void> asVoid(CompletableFuture<?> f) {
    return (CompletableFuture<Void>) f;
  }

  /** Sends {@code message} under a free packet identifier; it now counts against the window. */
  private void send(OutgoingPublish message) {
    int packetId = register(message, message.done);
    if (packetId < 0) {
      return;
    }
    message.packetId = packetId;
    inFlight++;
    Attempt attempt = connection.attempt();
    write(MqttPackets.publish(message.topic, message.payload, message.qos, message.retain, packetId, false),
        now -> connection.emit(new PublishSent(now, attempt, packetId, message.topic, message.qos, message.retain,
            message.payload)), packetId, message.done);
  }

  private void enqueue(OutgoingPublish message) {
    if (queued == null) {
      queued = new ArrayDeque<>(8);
    }
    if (queued.size() >= MAX_QUEUED) {
      String why = "publish queue full: " + MAX_QUEUED + " messages already wait for the in-flight window of "
          + window + " unacknowledged (" + (connection.attempt().version() == MqttVersion.V5
          ? "the broker's Receive Maximum" : "the 3.1.1 default") + ")";
      notSent(System.nanoTime(), message, PublishNotSent.Cause.QUEUE_FULL, why);
      message.done.completeExceptionally(new IllegalStateException(why));
      return;
    }
    queued.add(message);
  }

  /** Moves queued messages into the window while it has room and the connection writes. */
  private void drain() {
    while (queued != null && !queued.isEmpty() && inFlight < window
        && connection.state() == ConnectionState.CONNECTED) {
      send(queued.poll());
    }
  }

  /** Session present = 1: the unacknowledged PUBLISH (DUP set) and pending PUBREL again, in the table's order. */
  private void resend() {
    if (ids == null || ids.isEmpty()) {
      return;
    }
    Attempt attempt = connection.attempt();
    for (Object holder : ids.holders()) {
      if (!(holder instanceof OutgoingPublish m) || connection.state() != ConnectionState.CONNECTED) {
        continue;
      }
      int packetId = m.packetId;
      if (m.released) {
        connection.write(MqttPackets.pubRel(packetId),
            now -> connection.emit(new PubRelResent(now, attempt, packetId)), 0, null);
      } else {
        connection.write(MqttPackets.publish(m.topic, m.payload, m.qos, m.retain, packetId, true),
            now -> connection.emit(new PublishResent(now, attempt, packetId, m.topic, m.qos, m.retain, m.payload)),
            0, null);
      }
    }
  }

  /** A first write failed (the channel is closing): the identifier is free again, the future fails. */
  void writeFailed(int packetId, Throwable cause) {
    Object holder = ids == null || packetId <= 0 ? null : ids.remove(packetId);
    if (holder instanceof OutgoingPublish m) {
      inFlight--;
      notSent(System.nanoTime(), m, PublishNotSent.Cause.WRITE_FAILED, "write failed: " + Failures.reason(cause));
      m.done.completeExceptionally(cause);
    } else if (holder instanceof Request r) {
      r.future().completeExceptionally(cause);
    }
  }

  /** Every sent, unacknowledged message is given up: reported now, its future failed by {@link #runDeferred}. */
  private void abandonSent(long now, String why) {
    if (ids == null) {
      return;
    }
    Attempt attempt = connection.attempt();
    for (Object holder : ids.holders()) {
      if (holder instanceof OutgoingPublish m) {
        ids.remove(m.packetId);
        inFlight--;
        connection.emit(new MessageAbandoned(now, attempt, m.packetId, m.topic, m.qos, m.retain, m.payload,
            m.released, why));
        MessageAbandonedException failure = new MessageAbandonedException("QoS " + m.qos + " message (packet id "
            + m.packetId + ") abandoned unacknowledged: " + why);
        defer(m.done, failure);
      }
    }
  }

  private void dropQueued(long now, PublishNotSent.Cause cause, String why) {
    if (queued == null) {
      return;
    }
    for (OutgoingPublish m = queued.poll(); m != null; m = queued.poll()) {
      notSent(now, m, cause, why);
      defer(m.done, new IllegalStateException(why));
    }
  }

  private void notSent(long now, OutgoingPublish m, PublishNotSent.Cause cause, String why) {
    connection.emit(new PublishNotSent(now, connection.attempt(), m.topic, m.qos, m.retain, m.payload, cause, why));
  }

  /** {@code future} fails with {@code failure} at {@link #failGivenUp}: events first, continuations after. */
  private void defer(CompletableFuture<?> future, RuntimeException failure) {
    if (afterClose == null) {
      afterClose = new ArrayList<>(4);
    }
    afterClose.add(() -> future.completeExceptionally(failure));
  }

  // ---------------------------------------------------------------- inbound

  void onSubAck(long now, MqttSubAckMessage m) {
    int packetId = m.variableHeader().messageId();
    Request waiting = request(packetId, true);
    if (waiting == null) {
      connection.unexpected(now, "SUBACK", "SUBACK for unknown packet id " + packetId);
      return;
    }
    ids.remove(packetId);
    var codes = m.payload().reasonCodes();
    connection.emit(new SubAckReceived(now, connection.attempt(), packetId, codes));
    waiting.future().complete(codes.isEmpty() ? 0x80 : codes.get(0));
  }

  void onUnsubAck(long now, MqttUnsubAckMessage m) {
    int packetId = m.variableHeader().messageId();
    Request waiting = request(packetId, false);
    if (waiting == null) {
      connection.unexpected(now, "UNSUBACK", "UNSUBACK for unknown packet id " + packetId);
      return;
    }
    ids.remove(packetId);
    List<Integer> codes = new ArrayList<>(1);
    if (m.payload() != null) {
      for (Short code : m.payload().unsubscribeReasonCodes()) {
        codes.add(code & 0xFF);
      }
    }
    connection.emit(new UnsubAckReceived(now, connection.attempt(), packetId, List.copyOf(codes)));
    waiting.future().complete(codes.isEmpty() ? 0 : codes.get(0));
  }

  private Request request(int packetId, boolean subscribe) {
    Object holder = ids == null ? null : ids.get(packetId);
    return holder instanceof Request r && r.subscribe() == subscribe ? r : null;
  }

  private OutgoingPublish message(int packetId, int qos) {
    Object holder = ids == null ? null : ids.get(packetId);
    return holder instanceof OutgoingPublish m && m.qos == qos ? m : null;
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

  /** PUBACK; an MQTT 5 {@code reasonCode} &gt;= 0x80 means the broker refused the message: its future fails. */
  void onPubAck(long now, int packetId, int reasonCode) {
    completed(now, packetId, 1, "PUBACK", new PubAckReceived(now, connection.attempt(), packetId), reasonCode);
  }

  /**
   * PUBREC: PUBREL next. An MQTT 5 {@code reasonCode} &gt;= 0x80 ends the flow there instead (no PUBREL, MQTT 5
   * section 4.3.3): the broker refused the message, its future fails and its place in the window is free.
   */
  void onPubRec(long now, int packetId, int reasonCode) {
    OutgoingPublish m = message(packetId, 2);
    if (m == null) {
      connection.unexpected(now, "PUBREC", "PUBREC for unknown packet id " + packetId);
      return;
    }
    if (reasonCode >= 0x80) {
      completed(now, packetId, 2, "PUBREC", new PubRecReceived(now, connection.attempt(), packetId), reasonCode);
      return;
    }
    connection.emit(new PubRecReceived(now, connection.attempt(), packetId));
    if (!m.released) {
      m.released = true;
      ids.moveToEnd(packetId); // PUBRELs go out again in PUBREC order (MQTT 3.1.1 section 4.6)
    }
    acknowledge(MqttPackets.pubRel(packetId));
  }

  void onPubComp(long now, int packetId) {
    // PUBCOMP's 0x92 (packet identifier not found) after a resent PUBREL still ends the flow: the broker had it.
    completed(now, packetId, 2, "PUBCOMP", new PubCompReceived(now, connection.attempt(), packetId), 0);
  }

  /**
   * The last acknowledgement of our publish ({@code kind} PUBACK or PUBCOMP, or a refusing PUBREC) came: reported,
   * its future done, or failed when {@code reasonCode} &gt;= 0x80.
   */
  private void completed(long now, int packetId, int qos, String kind, ConnectionEvent received, int reasonCode) {
    OutgoingPublish m = message(packetId, qos);
    if (m == null) {
      connection.unexpected(now, kind, kind + " for unknown packet id " + packetId);
      return;
    }
    ids.remove(packetId);
    inFlight--;
    connection.emit(received);
    if (reasonCode >= 0x80) {
      m.done.completeExceptionally(new IllegalStateException(String.format(
          "%s reason 0x%02X: the broker refused the QoS %d message (packet id %d)", kind, reasonCode, qos, packetId)));
    } else {
      m.done.complete(null);
    }
    drain();
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

  // ---------------------------------------------------------------- helpers

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

  /** QoS 1/2 messages sent and not yet acknowledged (for tests). */
  int inFlight() {
    return inFlight;
  }

  /** QoS 1/2 messages waiting for the window (for tests). */
  int queued() {
    return queued == null ? 0 : queued.size();
  }
}
