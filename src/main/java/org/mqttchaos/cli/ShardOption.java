package org.mqttchaos.cli;

import org.mqttchaos.engine.ProfileRun;
import org.mqttchaos.engine.Shard;
import org.mqttchaos.profile.Profile;

/** The {@code --shard i/n} option of {@code run} and {@code validate}: what it names, and whether it has clients. */
final class ShardOption {
  private ShardOption() {}

  /**
   * {@code text} as a shard, {@link Shard#WHOLE} when null (no --shard given); null, with one line on stderr naming
   * the option, when it is not i/n with 1 <= i <= n.
   */
  static Shard parse(String text) {
    try {
      return text == null ? Shard.WHOLE : Shard.parse(text);
    } catch (IllegalArgumentException e) {
      System.err.println("mqtt-chaos: --shard " + text + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * The clients of {@code profile} that shard {@code slice} runs (collision groups kept whole); 0, with one line on
   * stderr, when it has none (more shards than the run has groups).
   */
  static int clients(Profile profile, Shard slice) {
    int shardClients = ProfileRun.clients(profile, slice);
    if (shardClients == 0) {
      System.err.println("mqtt-chaos: --shard " + slice + ": this shard has no client (load.clients="
          + profile.load().clients() + ", collision groups are kept whole): use fewer shards");
    }
    return shardClients;
  }
}
