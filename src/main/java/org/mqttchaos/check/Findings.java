package org.mqttchaos.check;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects findings from every event loop. The count is exact; the evidence list keeps the first
 * {@link #MAX_KEPT} so a broker that fails every connect cannot fill the heap.
 */
public final class Findings {
  public static final int MAX_KEPT = 10_000;

  private final AtomicLong count = new AtomicLong();
  private final List<Finding> kept = new ArrayList<>();

  public void add(Finding finding) {
    if (count.incrementAndGet() <= MAX_KEPT) {
      synchronized (kept) {
        kept.add(finding);
      }
    }
  }

  public long count() {
    return count.get();
  }

  /** A copy of the kept findings, in the order they were found. */
  public List<Finding> list() {
    synchronized (kept) {
      return List.copyOf(kept);
    }
  }
}
