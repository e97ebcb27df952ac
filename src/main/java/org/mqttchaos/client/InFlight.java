package org.mqttchaos.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The packet identifiers of one client session and what holds each: an {@link OutgoingPublish} (our QoS 1/2
 * PUBLISH until PUBACK / PUBCOMP) or a {@link Request} (SUBSCRIBE until SUBACK, UNSUBSCRIBE until UNSUBACK). An
 * identifier is handed out again only once it is free ([MQTT-2.3.1-2]); for a persistent session the table outlives
 * the connect attempts, so an identifier still held by an unacknowledged message of an earlier attempt is never
 * reused. Iteration order is the order retransmission needs (MQTT 3.1.1 section 4.6): registration order, except that
 * a QoS 2 message whose PUBREC came moves to the end ({@link #moveToEnd}), so PUBRELs keep PUBREC order.
 * Used on the connection's event loop only, so no locking; made on the first use (most connections never publish).
 */
final class InFlight {
  static final int MAX_ID = 65_535;

  /** A SUBSCRIBE or UNSUBSCRIBE waiting for its acknowledgement; never outlives its attempt. */
  record Request(boolean subscribe, java.util.concurrent.CompletableFuture<Integer> future) {}

  private final LinkedHashMap<Integer, Object> held = new LinkedHashMap<>(8);
  private int lastId;

  /** Allocates a free packet identifier (1..65,535, after the last one handed out) for {@code holder}; -1: none. */
  int register(Object holder) {
    if (held.size() >= MAX_ID) {
      return -1;
    }
    do {
      lastId = lastId == MAX_ID ? 1 : lastId + 1;
    } while (held.containsKey(lastId));
    held.put(lastId, holder);
    return lastId;
  }

  /** What holds {@code packetId}; null if it is free. */
  Object get(int packetId) {
    return held.get(packetId);
  }

  /** What held {@code packetId}, now free; null if it was free already. */
  Object remove(int packetId) {
    return held.remove(packetId);
  }

  /** {@code packetId}'s holder moves to the end of the iteration order (a PUBREC came for it). */
  void moveToEnd(int packetId) {
    Object holder = held.remove(packetId);
    if (holder != null) {
      held.put(packetId, holder);
    }
  }

  /** Every holder, in iteration order (a copy: the caller may change the table meanwhile). */
  List<Object> holders() {
    return new ArrayList<>(held.values());
  }

  /** Every {@link Request}, removed, in order. */
  List<Request> removeRequests() {
    List<Request> requests = new ArrayList<>(0);
    held.values().removeIf(h -> {
      if (h instanceof Request r) {
        requests.add(r);
        return true;
      }
      return false;
    });
    return requests;
  }

  boolean isEmpty() {
    return held.isEmpty();
  }
}
