package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mqttchaos.cli.Refusals.refusal;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mqttchaos.profile.ProfileLoader;

/** run's --shard, --source-addresses and --warm-up options: what they accept, and the one-line refusals (exit 2). */
class RunShardOptionsTest {
  @Test
  void aShardOutsideOneToNIsRefused() {
    assertEquals("mqtt-chaos: --shard 3/2: expected i/n with 1 <= i <= n, like 1/4, got 3/2",
        refusal("run", "profiles/quickstart.yaml", "--shard", "3/2"));
    assertEquals("mqtt-chaos: --shard half: expected i/n with 1 <= i <= n, like 1/4, got 'half'",
        refusal("run", "profiles/quickstart.yaml", "--shard", "half"));
  }

  @Test
  void aNegativeWarmUpIsRefusedBeforeAnythingRuns() {
    assertEquals("mqtt-chaos: --warm-up -1: expected 0 or more cycles",
        refusal("run", "profiles/quickstart.yaml", "--warm-up", "-1"));
  }

  @Test
  void aShardWithoutClientsIsRefused() {
    assertEquals("mqtt-chaos: --shard 3/3: this shard has no client (load.clients=2, collision groups are kept "
        + "whole): use fewer shards", refusal("run", "profiles/quickstart.yaml", "--shard", "3/3",
        "--set", "load.clients=2"));
  }

  @Test
  void sourceAddressesAreCheckedAsTheProfileKeyIsAndTheMessageNamesTheOption() {
    assertEquals("--source-addresses 127.0.0.1,localhost: broker.sourceAddresses[1]: expected an IP address like "
            + "127.0.0.2 or a range like 127.0.0.1-127.0.0.4, got 'localhost'",
        refusal("run", "profiles/quickstart.yaml", "--source-addresses", "127.0.0.1,localhost"));
  }

  @Test
  void sourceAddressesTakeRangesAndCommaLists() {
    String set = "broker.sourceAddresses=" + RunCommand.yamlList("127.0.0.1-127.0.0.4, ::1");
    assertEquals(List.of("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4", "::1"),
        ProfileLoader.parse("name: p\n", "p.yaml", Map.of(), List.of(set)).profile().broker().sourceAddresses());
  }
}
