package org.mqttchaos.metrics;

import java.util.Map;
import org.mqttchaos.summary.Summary;

/**
 * The raw facts of one run that are not histograms, written as {@code run.json} in the results folder.
 * The report package builds summary.json and report.html from this file and the {@code *.hlog} files alone,
 * so a results folder copied from another machine can be reported again.
 *
 * <p>Counters are named with dots, as summary.json nests them: {@code connects.attempted},
 * {@code connects.byCode.0}, {@code sessionPresent.checked}... A counter that was never touched is absent
 * and reads as zero.
 *
 * @param profile        profile name
 * @param seed           seed of the role plan
 * @param startedAt      ISO-8601 instant the run started
 * @param durationS      wall time of the run in seconds
 * @param brokerUrl      broker URL the clients connected to
 * @param embedded       whether the embedded broker was used
 * @param mqttVersion    "3.1.1" or "5"
 * @param clients        virtual users planned
 * @param interrupted    true when the run was cut short (Ctrl-C, broker gone)
 * @param harnessVersion mqtt-chaos version that wrote the folder
 * @param counters       named event counts
 * @param assertions     assertion texts of the profile, evaluated by the report
 * @param shard          which shard of the run this folder holds, 1-based ({@code --shard i/n})
 * @param shards         how many shards the run was split into; a run.json written before shards existed
 *                       has neither field and reads as shard 1 of 1
 * @param outages        the broker outages the run saw (check.BrokerOutages), in the order they began; empty
 *                       when none (and in a run.json written before the field existed)
 * @param loadStartS     the first client's planned start on the run's clock, seconds (plan.csv's times and
 *                       chaos.massDrop's {@code at} count from it; timeline.csv's seconds, findings' atMillis and
 *                       the outages count from the clock's origin); null when no client was planned to start, and in a
 *                       run.json written before the field existed
 */
public record RunData(
    String profile,
    long seed,
    String startedAt,
    double durationS,
    String brokerUrl,
    boolean embedded,
    String mqttVersion,
    int clients,
    boolean interrupted,
    String harnessVersion,
    Map<String, Long> counters,
    java.util.List<String> assertions,
    int shard,
    int shards,
    java.util.List<Summary.Outage> outages,
    Double loadStartS) {

  public static final String FILE_NAME = "run.json";

  public RunData {
    // absent in an older run.json: Jackson passes 0
    if (shards <= 0) {
      shard = 1;
      shards = 1;
    }
    outages = outages == null ? java.util.List.of() : java.util.List.copyOf(outages);
  }

  /** A run whose first client's planned start is not known. */
  public RunData(String profile, long seed, String startedAt, double durationS, String brokerUrl, boolean embedded,
      String mqttVersion, int clients, boolean interrupted, String harnessVersion, Map<String, Long> counters,
      java.util.List<String> assertions, int shard, int shards, java.util.List<Summary.Outage> outages) {
    this(profile, seed, startedAt, durationS, brokerUrl, embedded, mqttVersion, clients, interrupted, harnessVersion,
        counters, assertions, shard, shards, outages, null);
  }

  /** A shard of a run in which the broker never went away. */
  public RunData(String profile, long seed, String startedAt, double durationS, String brokerUrl, boolean embedded,
      String mqttVersion, int clients, boolean interrupted, String harnessVersion, Map<String, Long> counters,
      java.util.List<String> assertions, int shard, int shards) {
    this(profile, seed, startedAt, durationS, brokerUrl, embedded, mqttVersion, clients, interrupted, harnessVersion,
        counters, assertions, shard, shards, java.util.List.of());
  }

  /** A whole run (shard 1 of 1). */
  public RunData(String profile, long seed, String startedAt, double durationS, String brokerUrl, boolean embedded,
      String mqttVersion, int clients, boolean interrupted, String harnessVersion, Map<String, Long> counters,
      java.util.List<String> assertions) {
    this(profile, seed, startedAt, durationS, brokerUrl, embedded, mqttVersion, clients, interrupted, harnessVersion,
        counters, assertions, 1, 1);
  }

  /** A counter's value, zero when absent. */
  public long counter(String name) {
    Long v = counters == null ? null : counters.get(name);
    return v == null ? 0L : v;
  }
}
