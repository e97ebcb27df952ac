package org.mqttchaos.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.summary.Summary;

/**
 * {@code mqtt-chaos merge}: adds the results folders of the shards of one run into one results folder, then
 * builds its summary.json and report.html as for any run. Every figure of a shard is a count or a histogram
 * over its own users, and the shards' users are disjoint, so counts are summed and histograms added.
 */
public final class ShardMerge {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter FOLDER_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.systemDefault());

  /** The merged folder, its summary, and what the user should know about the merge. */
  public record Result(Path dir, Summary summary, List<String> notes) {}

  private ShardMerge() {}

  /** {@code results/<yyyyMMdd-HHmmss>-<profile>-merged} under {@code resultsRoot}, named after the first folder. */
  public static Path defaultOut(Path resultsRoot, Path firstDir) {
    return resultsRoot.resolve(FOLDER_TIME.format(Instant.now()) + "-"
        + ResultsFolder.runData(firstDir).profile().replaceAll("[^A-Za-z0-9._-]", "_") + "-merged");
  }

  /**
   * @throws ReportException when a folder is not a results folder, the folders are not shards of one run
   *     (profile, seed, broker or shard count differ, a shard appears twice), or {@code out} is not empty
   */
  public static Result merge(List<Path> dirs, Path out) {
    List<RunData> runs = dirs.stream().map(ResultsFolder::runData).toList();
    List<String> notes = checkOneRun(dirs, runs);
    prepare(out);
    RunData merged = runData(runs);
    writeJson(out.resolve(RunData.FILE_NAME), merged);
    long startMillis = Instant.parse(merged.startedAt()).toEpochMilli();
    for (String metric : HlogMerge.metrics(dirs)) {
      HlogMerge.merge(metric, dirs, out, startMillis);
    }
    CsvMerge.timeline(dirs, out);
    CsvMerge.plan(dirs, out);
    writeJson(out.resolve(ResultsFolder.FINDINGS_JSON), JsonMerge.concatenated(dirs, ResultsFolder.FINDINGS_JSON));
    writeJson(out.resolve(ResultsFolder.TOP_FLAPPING_JSON), JsonMerge.topFlapping(dirs));
    profileYaml(dirs, out);
    return new Result(out, ReportBuilder.rebuild(out), notes);
  }

  private static List<String> checkOneRun(List<Path> dirs, List<RunData> runs) {
    RunData first = runs.get(0);
    TreeSet<Integer> seen = new TreeSet<>();
    for (int i = 0; i < runs.size(); i++) {
      RunData run = runs.get(i);
      differs(dirs, i, "profile", first.profile(), run.profile());
      differs(dirs, i, "seed", first.seed(), run.seed());
      differs(dirs, i, "broker URL", first.brokerUrl(), run.brokerUrl());
      differs(dirs, i, "shard count", first.shards(), run.shards());
      if (!seen.add(run.shard())) {
        throw new ReportException("shard " + run.shard() + "/" + run.shards() + " appears twice (" + dirs.get(i)
            + "): these folders are not the shards of one run");
      }
    }
    List<String> notes = new ArrayList<>();
    if (seen.size() < first.shards()) {
      List<Integer> missing = new ArrayList<>();
      for (int s = 1; s <= first.shards(); s++) {
        if (!seen.contains(s)) {
          missing.add(s);
        }
      }
      notes.add("only " + seen.size() + " of " + first.shards() + " shards (missing " + missing
          + "): the merged figures cover those shards' clients only");
    }
    return notes;
  }

  private static void differs(List<Path> dirs, int i, String what, Object first, Object other) {
    if (!first.equals(other)) {
      throw new ReportException(what + " differs: " + dirs.get(0) + " has " + first + ", " + dirs.get(i) + " has "
          + other + ": these folders are not the shards of one run");
    }
  }

  private static void prepare(Path out) {
    try {
      if (Files.isDirectory(out)) {
        try (Stream<Path> files = Files.list(out)) {
          if (files.findAny().isPresent()) {
            throw new ReportException(out + " is not empty: choose another --out");
          }
        }
      }
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new ReportException("cannot create " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * clients and counters summed, duration the longest, start the earliest, the first client's planned start the
   * earliest a shard knew (each shard on its own clock, as its timeline), interrupted if any was.
   */
  static RunData runData(List<RunData> runs) {
    RunData first = runs.get(0);
    Map<String, Long> counters = new TreeMap<>();
    for (RunData run : runs) {
      if (run.counters() != null) {
        run.counters().forEach((name, count) -> counters.merge(name, count == null ? 0L : count, Long::sum));
      }
    }
    return new RunData(first.profile(), first.seed(),
        runs.stream().map(r -> Instant.parse(r.startedAt())).min(Comparator.naturalOrder()).orElseThrow().toString(),
        runs.stream().mapToDouble(RunData::durationS).max().orElse(0), first.brokerUrl(), first.embedded(),
        first.mqttVersion(), runs.stream().mapToInt(RunData::clients).sum(),
        runs.stream().anyMatch(RunData::interrupted), first.harnessVersion(), counters, first.assertions(), 1, 1,
        outages(runs), runs.stream().map(RunData::loadStartS).filter(java.util.Objects::nonNull)
            .min(Comparator.naturalOrder()).orElse(null));
  }

  /**
   * The shards' broker outages as the run's: each shard saw the one broker go away, seconds apart on its own clock,
   * so outages that overlap are one, with the earliest start, the latest end (open if any shard's was) and the
   * shards' losses added up.
   */
  static List<Summary.Outage> outages(List<RunData> runs) {
    List<Summary.Outage> all = new ArrayList<>();
    runs.forEach(r -> all.addAll(r.outages()));
    all.sort(Comparator.comparingDouble(Summary.Outage::from));
    List<Summary.Outage> merged = new ArrayList<>();
    for (Summary.Outage o : all) {
      Summary.Outage last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && (last.to() == null || o.from() <= last.to())) {
        Double to = last.to() == null || o.to() == null ? null : Math.max(last.to(), o.to());
        merged.set(merged.size() - 1, new Summary.Outage(last.from(), to,
            last.connectionsLost() + o.connectionsLost(), last.sessionsLost() + o.sessionsLost()));
      } else {
        merged.add(o);
      }
    }
    return merged;
  }

  private static void profileYaml(List<Path> dirs, Path out) {
    Path first = dirs.get(0).resolve(ResultsFolder.PROFILE_YAML);
    if (!Files.isRegularFile(first)) {
      return;
    }
    try {
      Files.writeString(out.resolve(ResultsFolder.PROFILE_YAML), "# merged from " + dirs.size()
          + " results folders; this is the profile.yaml of " + dirs.get(0) + "\n" + Files.readString(first));
    } catch (IOException e) {
      throw new ReportException("cannot copy " + first + ": " + e.getMessage(), e);
    }
  }

  private static void writeJson(Path file, Object value) {
    try {
      JSON.writeValue(file.toFile(), value);
    } catch (IOException e) {
      throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
