package org.mqttchaos.chaos;

import java.util.SplittableRandom;

/** Seeded Fisher-Yates shuffles: the one way every role in a plan is drawn. */
public final class Shuffle {
  private Shuffle() {}

  /** A seeded permutation of 0..n-1. */
  public static int[] order(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Marks exactly round(n x ratio) of n slots, chosen by a seeded shuffle. */
  public static boolean[] pick(int n, double ratio, SplittableRandom random) {
    int[] order = order(n, random);
    boolean[] marked = new boolean[n];
    long count = Math.round(n * ratio);
    for (int k = 0; k < count; k++) {
      marked[order[k]] = true;
    }
    return marked;
  }
}
