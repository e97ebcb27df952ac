package org.mqttchaos.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mqttchaos.report.ConsoleSummary;
import org.mqttchaos.report.ReportException;
import org.mqttchaos.report.ShardMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mqtt-chaos merge DIR...}: adds the results folders of the shards of one run ({@code run --shard i/n})
 * into one results folder with its own summary.json and report.html.
 * Exit codes: 0 merged, 1 an assertion of the profile failed on the merged figures, 2 bad input.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Merge the results folders of the shards of one run (run --shard i/n) into one: counts summed, "
        + "histograms added, then summary.json and report.html.")
final class MergeCommand implements Callable<Integer> {
  @Parameters(index = "0..*", arity = "1..*", paramLabel = "DIR", description = "Results folders, one per shard")
  List<Path> dirs;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Folder to write, new or empty (default: results/<yyyyMMdd-HHmmss>-<profile>-merged).")
  Path out;

  @Override
  public Integer call() {
    try {
      Path target = out != null ? out : ShardMerge.defaultOut(Path.of("results"), dirs.get(0));
      ShardMerge.Result merged = ShardMerge.merge(dirs, target);
      merged.notes().forEach(note -> System.out.println("note: " + note));
      System.out.print(ConsoleSummary.render(merged.summary(), merged.dir()));
      System.out.println("merged " + dirs.size() + " results folders into " + merged.dir());
      return merged.summary().failedAssertions().isEmpty() ? 0 : MqttChaos.EXIT_FAILED;
    } catch (ReportException e) {
      System.err.println("mqtt-chaos merge: " + e.getMessage());
      return MqttChaos.EXIT_USAGE;
    }
  }
}
