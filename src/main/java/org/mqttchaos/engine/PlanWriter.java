package org.mqttchaos.engine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.mqttchaos.chaos.Fault;
import org.mqttchaos.chaos.UserChaos;

/**
 * Writes the seeded plan of a run as {@code plan.csv}: one row per virtual user with its session kind,
 * client ID (without the run's own prefix, so two runs of one profile and seed give identical files),
 * will, role and fault times. It is what makes a chaos run replayable and explainable.
 */
final class PlanWriter {
  static final String FILE_NAME = "plan.csv";

  private PlanWriter() {}

  static void write(Path file, List<UserPlan> users) {
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
      out.println("user,start_s,session,client_id,will,role,faults");
      for (UserPlan user : users) {
        UserChaos chaos = user.chaos();
        out.printf("%d,%.3f,%s,%s,%s,%s,%s%n", user.index(), user.startOffsetNanos() / 1e9,
            user.cleanSession() ? "clean" : "persistent", chaos.idBase(), chaos.will() ? "yes" : "no", chaos.role(),
            faults(chaos));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String faults(UserChaos chaos) {
    int[] massDrop = {0};
    return chaos.faults().stream()
        .map(f -> f.label(f.kind() == Fault.Kind.MASS_DROP ? chaos.massDrops().get(massDrop[0]++) : -1))
        .collect(Collectors.joining(" "));
  }
}
