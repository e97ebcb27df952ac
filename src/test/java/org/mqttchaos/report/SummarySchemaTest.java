package org.mqttchaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.summary.FailedBy;
import org.mqttchaos.summary.MetricNames;
import org.mqttchaos.summary.Summary;
import org.mqttchaos.summary.SummaryFigures;
import org.mqttchaos.summary.SummaryJson;

/**
 * Walks the one summary schema against what the code does with it: the figures an assertion may name against the
 * numeric leaves of real summary.json files (the golden folders), the records' key order against their components,
 * the counters the report reads against the ones the run writes, and every counter and histogram name against the
 * source files that spell it.
 */
class SummarySchemaTest {
  private static final Path MAIN = Paths.get("src/main/java/org/mqttchaos");
  /** Where the counters are read back from run.json; every other package of main code writes them. */
  private static final Path REPORT = MAIN.resolve("report");
  private static final Path SUMMARY = MAIN.resolve("summary");
  private static final Pattern MEMBER = Pattern.compile("\\bCounters\\.(\\w+)");
  /** A statement reading a counter: RunData.counter, RunMetrics.counter, the scrape endpoint's counter(...). */
  private static final Pattern READ = Pattern.compile("\\bcounter\\(");

  @TempDir Path dir;

  /** Every numeric leaf of summary.json is a figure, and back, in summary.json's order. */
  @Test
  void theFiguresAnAssertionMayNameAreExactlyTheNumericLeavesOfSummaryJson() throws IOException {
    Set<String> leaves = numericLeaves(GoldenFolder.copyTo(dir));
    leaves.remove("connects.byCode.5"); // codes vary per run; byCode.0 is always there and stands for all
    sameFigures(leaves);
  }

  /** Same against the chaos golden run; its per-role and per-kind leaves are the keyed figures. */
  @Test
  void theChaosRunsNumericLeavesAreTheFiguresPlusItsKeyedOnes() throws IOException {
    Set<String> leaves = numericLeaves(GoldenChaosFolder.copyTo(dir));
    List<String> keyed = leaves.stream().filter(SummaryFigures::readsZeroWhenAbsent)
        .filter(p -> !p.equals("connects.byCode.0")).toList();
    assertEquals(12 + 4, keyed.size(), "4 roles x 3 figures, 4 finding kinds: " + keyed);
    keyed.forEach(p -> assertEquals(SummaryFigures.Kind.NUMBER, SummaryFigures.kind(p).orElseThrow(), p));
    leaves.removeAll(keyed);
    sameFigures(leaves);
  }

  /**
   * connects.failedBy: a run's failures under their reasons, in FailedBy's (stage) order, adding up to failed; every
   * reason is a figure an assertion may name, and one the run did not see reads zero.
   */
  @Test
  void everyFailureReasonIsAFigureAndTheReasonsAddUpToFailed() throws IOException {
    Path folder = GoldenFolder.copyWithFailureReasons(dir);
    Summary s = SummaryBuilder.build(folder);

    assertEquals(List.of("tls-untrusted", "connack-refused"), List.copyOf(s.connects().failedBy().keySet()));
    assertEquals(s.connects().failed(), s.connects().failedBy().values().stream().mapToLong(Long::longValue).sum());
    Set<String> leaves = numericLeaves(folder);
    assertTrue(leaves.containsAll(Set.of("connects.failedBy.tls-untrusted", "connects.failedBy.connack-refused")),
        leaves.toString());
    for (FailedBy reason : FailedBy.values()) {
      String path = "connects.failedBy." + reason.key();
      assertEquals(SummaryFigures.Kind.NUMBER, SummaryFigures.kind(path).orElseThrow(), path);
      assertTrue(SummaryFigures.readsZeroWhenAbsent(path), path);
    }
    assertTrue(SummaryFigures.kind("connects.failedBy.tls-untrused").isEmpty(), "a misspelt reason is no figure");
    List<Summary.AssertionResult> checked = AssertionCheck.evaluate(s, List.of(
        "connects.failedBy.tls-untrusted == 6", "connects.failedBy.tls-hostname == 0"));
    assertTrue(checked.stream().allMatch(Summary.AssertionResult::passed), checked.toString());
  }

  /** Says which names differ before it says the order differs: a list of 160 paths hides one missing. */
  private static void sameFigures(Set<String> leaves) {
    Set<String> unknown = new LinkedHashSet<>(leaves);
    unknown.removeAll(SummaryFigures.paths());
    assertEquals(Set.of(), unknown, "numeric leaves of summary.json that SummaryFigures does not know");
    Set<String> absent = new LinkedHashSet<>(SummaryFigures.paths());
    absent.removeAll(leaves);
    assertEquals(Set.of(), absent, "SummaryFigures paths absent from summary.json");
    assertEquals(new ArrayList<>(leaves), new ArrayList<>(SummaryFigures.paths()), "in summary.json's order");
  }

  /** The figures follow the records' component order, summary.json the annotated order: the two must agree. */
  @Test
  void everyRecordsKeyOrderIsItsComponentOrder() {
    for (Class<?> record : records(Summary.class, new LinkedHashSet<>())) {
      List<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
      JsonPropertyOrder order = record.getAnnotation(JsonPropertyOrder.class);
      assertTrue(order != null, record.getSimpleName() + " states its summary.json key order");
      assertEquals(components, List.of(order.value()), record.getSimpleName());
    }
  }

  /**
   * A counter the report reads must be counted somewhere, or its figure is zero in every run. Each
   * {@code Counters.X} of report/ must match a counter some other package of main code writes (a reference outside
   * a {@code counter(...)} read): the same name, a name under a prefix, or a name a parser such as
   * {@link Counters#massDropIndex} accepts.
   */
  @Test
  void everyCounterTheReportReadsIsWrittenByTheRun() throws Exception {
    Map<String, Set<String>> written = references(false);
    Map<String, Set<String>> read = references(true);
    assertTrue(written.containsKey("FLAPS_TOTAL") && read.containsKey("FLAPS_TOTAL"), "the scan finds references");
    List<String> samples = written.keySet().stream().flatMap(SummarySchemaTest::samples).toList();
    Map<String, Set<String>> unwritten = new TreeMap<>();
    for (Map.Entry<String, Set<String>> r : read.entrySet()) {
      if (samples.stream().noneMatch(s -> matches(r.getKey(), s))) {
        unwritten.put(r.getKey(), r.getValue());
      }
    }
    assertEquals(Map.of(), unwritten, "read from run.json, written by nothing (member -> reading files)");
  }

  /** No dead names: every counter Counters names is counted somewhere. */
  @Test
  void everyCounterNameIsWrittenByTheRun() throws Exception {
    Set<String> written = references(false).keySet();
    Set<String> unwritten = new TreeSet<>();
    for (Field f : Counters.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && !f.getName().endsWith("_PREFIX") && !written.contains(f.getName())) {
        unwritten.add(f.getName());
      }
    }
    for (Method m : Counters.class.getMethods()) {
      if (m.getDeclaringClass() == Counters.class && m.getReturnType() == String.class
          && !written.contains(m.getName())) {
        unwritten.add(m.getName() + "(...)");
      }
    }
    assertEquals(Set.of(), unwritten, "counter names no main code writes");
  }

  /**
   * A counter's or a histogram's name is spelled, as a string, in Counters or MetricNames and in no other file of
   * main code. Single-word names ("findings", "connect", "recovery") are left out: the same words are display
   * labels, Gatling request names and chart keys, which are not the counter or the histogram.
   */
  @Test
  void everyQualifiedNameIsSpelledInOneFile() throws Exception {
    Map<String, Set<Path>> spelledIn = new TreeMap<>();
    List<String> names = new ArrayList<>(MetricNames.ALL);
    for (Field f : Counters.class.getFields()) {
      names.add((String) f.get(null));
    }
    List<Path> files = javaFiles(MAIN);
    for (String name : names) {
      if (!name.matches(".*[.-].*")) {
        continue;
      }
      for (Path file : files) {
        if (Files.readString(file).contains("\"" + name + "\"")) {
          spelledIn.computeIfAbsent(name, n -> new TreeSet<>()).add(MAIN.relativize(file));
        }
      }
    }
    spelledIn.values().removeIf(f -> f.size() == 1);
    assertEquals(Map.of(), spelledIn, "names spelled in more than one file");
  }

  private static Set<String> numericLeaves(Path folder) throws IOException {
    JsonNode json = new ObjectMapper().readTree(SummaryJson.toJson(SummaryBuilder.build(folder)));
    Set<String> leaves = new LinkedHashSet<>();
    numericLeaves(json, "", leaves);
    return leaves;
  }

  private static void numericLeaves(JsonNode node, String path, Set<String> out) {
    if (node.isNumber()) {
      out.add(path);
    }
    node.fields().forEachRemaining(e -> numericLeaves(e.getValue(), path.isEmpty() ? e.getKey()
        : path + "." + e.getKey(), out));
  }

  /** The record and every record it holds, directly or as the values of its lists and maps. */
  private static Set<Class<?>> records(Class<?> record, Set<Class<?>> seen) {
    if (seen.add(record)) {
      for (RecordComponent c : record.getRecordComponents()) {
        List<Type> types = new ArrayList<>(List.of(c.getType()));
        if (c.getGenericType() instanceof ParameterizedType p) {
          types.addAll(List.of(p.getActualTypeArguments()));
        }
        types.stream().filter(t -> t instanceof Class<?> k && k.isRecord()).forEach(t -> records((Class<?>) t, seen));
      }
    }
    return seen;
  }

  /**
   * Counters members referenced by main code, each with the files that reference it: read ones in report/ (the
   * writer of run.json is elsewhere), written ones everywhere else but summary/, outside a counter(...) read.
   */
  private static Map<String, Set<String>> references(boolean reads) throws IOException {
    Map<String, Set<String>> members = new TreeMap<>();
    for (Path file : javaFiles(MAIN)) {
      if (file.startsWith(SUMMARY) || file.startsWith(REPORT) != reads) {
        continue;
      }
      for (String statement : code(Files.readString(file)).split("[;{}]")) {
        if (!reads && READ.matcher(statement).find()) {
          continue;
        }
        Matcher m = MEMBER.matcher(statement);
        while (m.find()) {
          members.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(file.getFileName().toString());
        }
      }
    }
    return members;
  }

  /** The counter names a written member stands for: a constant's value, or what a name-building method returns. */
  private static Stream<String> samples(String member) {
    try {
      return Stream.of((String) Counters.class.getField(member).get(null));
    } catch (ReflectiveOperationException notAField) {
      List<String> names = new ArrayList<>();
      for (Method m : Counters.class.getMethods()) {
        if (m.getName().equals(member) && m.getReturnType() == String.class && m.getParameterCount() == 1) {
          try {
            names.add((String) m.invoke(null, m.getParameterTypes()[0] == int.class ? (Object) 0 : "sample"));
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        }
      }
      return names.stream();
    }
  }

  /** Whether a read of {@code member} finds the counter {@code name} in run.json. */
  private static boolean matches(String member, String name) {
    try {
      String value = (String) Counters.class.getField(member).get(null);
      return member.endsWith("_PREFIX") ? name.startsWith(value) && name.length() > value.length()
          : name.equals(value);
    } catch (ReflectiveOperationException notAField) {
      try {
        Method parser = Counters.class.getMethod(member, String.class);
        if (parser.getReturnType() == int.class) {
          return (int) parser.invoke(null, name) >= 0; // an index parsed out of the name: -1 for others
        }
      } catch (ReflectiveOperationException notAParser) {
        // a name-building method
      }
      return samples(member).anyMatch(name::equals);
    }
  }

  /** Source without comments and the contents of string, text block and char literals: only code is scanned. */
  private static String code(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? source.length() : end;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? source.length() : end + 2;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        out.append("\"\"");
        i = end < 0 ? source.length() : end + 3;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < source.length() && source.charAt(j) != c) {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        out.append(c).append(c);
        i = j + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }
}
