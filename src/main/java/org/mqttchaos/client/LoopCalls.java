package org.mqttchaos.client;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/** Runs a call on an event loop from another thread, handing its future's outcome back. */
final class LoopCalls {
  private LoopCalls() {}

  /** {@code call} run on {@code loop}; fails at once when the loop is shut down. */
  static <T> CompletableFuture<T> onLoop(EventLoop loop, Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      loop.execute(() -> call.get().whenComplete((v, e) -> {
        if (e != null) {
          result.completeExceptionally(e);
        } else {
          result.complete(v);
        }
      }));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new IllegalStateException("event loop is shut down", e));
    }
    return result;
  }
}
