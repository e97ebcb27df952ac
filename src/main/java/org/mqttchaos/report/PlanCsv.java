package org.mqttchaos.report;

import java.nio.file.Path;
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

  /** Reads the folder's plan.csv; {@link #EMPTY} when the run wrote none. */
  static PlanCsv read(Path dir) {
    return parse(ResultsFolder.lines(dir, ResultsFolder.PLAN_CSV));
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
