package org.mqttchaos.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shard of a run split over several processes ({@code --shard i/n}): a disjoint slice of the whole
 * run's plan. Every shard plans the whole run from the same seed and keeps its own users, so roles and
 * fault times are those of the whole run and the shards' union is exactly the whole plan.
 *
 * <p>A collision group is never split (its members must meet on the broker within one process's view of
 * the takeovers). Groups and single users are dealt, in injection order, each to the shard holding the
 * fewest users so far: that is round-robin for single users, so every shard's arrivals are the whole
 * run's arrival curve scaled by 1/n, and users keep their planned start offsets.
 *
 * @param index 1-based, 1 <= index <= count
 * @param count how many shards the run has
 */
public record Shard(int index, int count) {
  public static final Shard WHOLE = new Shard(1, 1);
  private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("expected i/n with 1 <= i <= n, like 1/4, got " + index + "/" + count);
    }
  }

  /** Parses "i/n"; the message of the exception is meant for the user. */
  public static Shard parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected i/n with 1 <= i <= n, like 1/4, got '" + text + "'");
    }
    return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  public boolean whole() {
    return count == 1;
  }

  /** Suffix of the results folder name: "-shard-2-of-4", empty for a whole run. */
  public String folderSuffix() {
    return whole() ? "" : "-shard-" + index + "-of-" + count;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }

  /** This shard's users of the whole plan, in injection order. */
  public List<UserPlan> slice(List<UserPlan> all) {
    if (whole()) {
      return all;
    }
    int[] owner = owners(all, count);
    List<UserPlan> mine = new ArrayList<>();
    for (int u = 0; u < all.size(); u++) {
      if (owner[u] == index - 1) {
        mine.add(all.get(u));
      }
    }
    return List.copyOf(mine);
  }

  /** For each user of the plan, the 0-based shard that runs it. */
  static int[] owners(List<UserPlan> all, int count) {
    // units in order of their first member: a single user, or every member of one collision group
    Map<String, List<Integer>> units = new LinkedHashMap<>();
    for (int u = 0; u < all.size(); u++) {
      int group = all.get(u).chaos().collisionGroup();
      units.computeIfAbsent(group >= 0 ? "g" + group : "u" + u, k -> new ArrayList<>()).add(u);
    }
    int[] owner = new int[all.size()];
    long[] load = new long[count];
    for (List<Integer> unit : units.values()) {
      int target = 0;
      for (int s = 1; s < count; s++) {
        if (load[s] < load[target]) {
          target = s;
        }
      }
      load[target] += unit.size();
      for (int u : unit) {
        owner[u] = target;
      }
    }
    return owner;
  }
}
