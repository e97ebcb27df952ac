package org.mqttchaos.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mqttchaos.profile.ProfileLoader;
import org.mqttchaos.profile.ResolvedProfile;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The profile file and its --set overrides, shared by run and validate. */
final class ProfileOptions {
  @Parameters(index = "0", paramLabel = "PROFILE", description = "Profile file (YAML), e.g. profiles/quickstart.yaml")
  Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a profile key; the value is YAML: --set load.clients=5000 "
          + "--set 'chaos.massDrop=[{at: 5s, fraction: 0.5}]'. Repeatable, applied in order.")
  List<String> sets = new ArrayList<>();

  /** Loads, substitutes ${VAR:-default} from the environment, applies --set, validates. */
  ResolvedProfile load() {
    return load(List.of());
  }

  /** As {@link #load()}, with {@code moreSets} applied after the --set arguments: a command's own options. */
  ResolvedProfile load(List<String> moreSets) {
    List<String> all = new ArrayList<>(sets);
    all.addAll(moreSets);
    return ProfileLoader.load(file, System.getenv(), all);
  }
}
