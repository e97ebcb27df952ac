package org.mqttchaos.client;

import io.netty.util.collection.IntObjectHashMap;
import java.util.concurrent.CompletableFuture;

/**
 * Packet identifiers of one connection attempt and the futures waiting for their acknowledgement
 * (SUBACK, PUBACK, PUBCOMP). Used on the connection's event loop only, so no locking.
 */
final class InFlight {
  private static final int MAX_ID = 65_535;
  private IntObjectHashMap<CompletableFuture<?>> waiting; // lazy: most connections never publish with QoS > 0
  private int lastId;

  /** Allocates a free packet identifier for {@code future}; -1 when all 65,535 are in use. */
  int register(CompletableFuture<?> future) {
    if (waiting == null) {
      waiting = new IntObjectHashMap<>(4);
    }
    for (int tries = 0; tries < MAX_ID; tries++) {
      lastId = lastId == MAX_ID ? 1 : lastId + 1;
      if (!waiting.containsKey(lastId)) {
        waiting.put(lastId, future);
        return lastId;
      }
    }
    return -1;
  }

  /** The future registered under {@code packetId}, removed; null if none (an unexpected acknowledgement). */
  @SuppressWarnings("unchecked")
  <T> CompletableFuture<T> remove(int packetId) {
    return waiting == null ? null : (CompletableFuture<T>) waiting.remove(packetId);
  }

  /** The future registered under {@code packetId}, kept; null if none. */
  CompletableFuture<?> peek(int packetId) {
    return waiting == null ? null : waiting.get(packetId);
  }

  /** Fails every waiting future, e.g. when the connection closes before the acknowledgements came. */
  void failAll(String reason) {
    if (waiting == null || waiting.isEmpty()) {
      return;
    }
    IllegalStateException failure = new IllegalStateException(reason);
    for (CompletableFuture<?> f : waiting.values().toArray(new CompletableFuture<?>[0])) {
      f.completeExceptionally(failure);
    }
    waiting.clear();
  }
}
