package org.mqttchaos.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the report needs from plan.csv ({@code user,start_s,session,client_id,will,role,faults}): clients per chaos
 * role, and when each mass drop was planned (its seconds from the run's start, the same for every user it hits).
 *
 * @param clientsByRole clients per role, in {@link #ROLES} order, then any other role alphabetically
 * @param massDropAtS   mass drop index to its planned time in seconds from the run's start
 */
record PlanCsv(Map<String, Long> clientsByRole, Map<Integer, Double> massDropAtS) {
  /** The chaos roles in the order the report lists them. */
  static final List<String> ROLES = List.of("colliding", "silent", "dropper", "plain");
  static final PlanCsv EMPTY = new PlanCsv(Map.of(), Map.of());

  private static final Pattern MASS_DROP = Pattern.compile("massDrop#(\\d+)@([0-9.]+)s(?::\\w+)?");

  /** The last plan read, by file: one report reads it for the summary, the page and the charts. */
  private static Cached cached;

  private record Cached(Path file, FileTime modified, long size, PlanCsv plan) {}

  static PlanCsv read(Path dir) {
    Path file = dir.resolve(ResultsFolder.PLAN_CSV).toAbsolutePath();
    try {
      if (!Files.isRegularFile(file)) {
        return EMPTY;
      }
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      synchronized (PlanCsv.class) {
        Cached last = cached;
        if (last != null && last.file.equals(file) && last.modified.equals(modified) && last.size == size) {
          return last.plan;
        }
      }
      PlanCsv plan = parse(ResultsFolder.lines(dir, ResultsFolder.PLAN_CSV));
      synchronized (PlanCsv.class) {
        cached = new Cached(file, modified, size, plan);
      }
      return plan;
    } catch (IOException e) {
      throw new ReportException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static PlanCsv parse(List<String> lines) {
    if (lines.isEmpty()) {
      return EMPTY;
    }
    List<String> header = List.of(lines.get(0).strip().split(","));
    int role = header.indexOf("role");
    int faults = header.indexOf("faults");
    Map<String, Long> clients = new TreeMap<>();
    Map<Integer, Double> massDrops = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      // Cells by comma positions, not split(): a 100,000-user plan is read for every report.
      String roleCell = cell(line, role);
      if (roleCell != null) {
        clients.merge(roleCell.strip(), 1L, Long::sum);
      }
      String faultCell = cell(line, faults);
      if (faultCell != null && faultCell.contains("massDrop#")) {
        Matcher m = MASS_DROP.matcher(faultCell);
        while (m.find()) {
          massDrops.putIfAbsent(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
        }
      }
    }
    Map<String, Long> ordered = new LinkedHashMap<>();
    orderedRoles(clients.keySet()).forEach(r -> ordered.put(r, clients.get(r)));
    return new PlanCsv(ordered, massDrops);
  }

  /** Cell {@code index} (0-based) of a comma-separated line, or null when the line has fewer cells. */
  private static String cell(String line, int index) {
    if (index < 0) {
      return null;
    }
    int from = 0;
    for (int i = 0; i < index; i++) {
      int comma = line.indexOf(',', from);
      if (comma < 0) {
        return null;
      }
      from = comma + 1;
    }
    int end = line.indexOf(',', from);
    return line.substring(from, end < 0 ? line.length() : end);
  }

  /** {@link #ROLES} first, in their order, then any other role alphabetically; each once. */
  static List<String> orderedRoles(Collection<String> roles) {
    TreeSet<String> all = new TreeSet<>(Comparator.comparingInt(PlanCsv::roleOrder)
        .thenComparing(Comparator.naturalOrder()));
    all.addAll(roles);
    return new ArrayList<>(all);
  }

  private static int roleOrder(String role) {
    int i = ROLES.indexOf(role);
    return i < 0 ? ROLES.size() : i;
  }
}
