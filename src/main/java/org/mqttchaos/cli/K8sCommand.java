package org.mqttchaos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mqttchaos.client.tls.TlsProvider;
import org.mqttchaos.engine.ClientFootprint;
import org.mqttchaos.engine.ProfileRun;
import org.mqttchaos.profile.Profile;
import org.mqttchaos.profile.ProfileException;
import org.mqttchaos.profile.ProfileLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mqtt-chaos k8s PROFILE --shards N --image IMAGE}: writes the Kubernetes manifest that runs the profile as
 * N shards, one pod each, results on a PersistentVolumeClaim for {@code mqtt-chaos merge}.
 * Exit codes: 0 written, 2 bad input.
 */
@Command(name = "k8s", mixinStandardHelpOptions = true,
    description = "Write a Kubernetes Indexed Job (and a ConfigMap with the profile) that runs the profile as N "
        + "shards, one pod each; collect the results folders from the claim and `mqtt-chaos merge` them.")
final class K8sCommand implements Callable<Integer> {
  private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  /** Kubernetes adds the pod index and a suffix to the Job name: stay well under 63 characters. */
  private static final int MAX_NAME = 52;

  @Mixin
  ProfileOptions profileOptions;

  @Option(names = "--shards", paramLabel = "N", required = true, description = "Shards, one pod each.")
  int shards;

  @Option(names = "--image", paramLabel = "IMAGE", required = true,
      description = "Container image with the `mqtt-chaos` launcher on its PATH.")
  String image;

  @Option(names = "--results-volume-claim", paramLabel = "NAME", defaultValue = "mqtt-chaos-results",
      description = "PersistentVolumeClaim the pods write their results folders to; it must exist, and be "
          + "ReadWriteMany when pods land on several nodes (default: ${DEFAULT-VALUE}).")
  String claim;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Job name, also the results subfolder on the claim (default: mqtt-chaos-<profile>-<time>).")
  String name;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write the manifest (default: standard output).")
  Path out;

  @Override
  public Integer call() {
    Profile profile;
    String text;
    try {
      // resolved as the pods will: their environment is not this shell's
      profile = ProfileLoader.load(profileOptions.file, Map.of(), profileOptions.sets).profile();
      text = Files.readString(profileOptions.file);
    } catch (ProfileException e) {
      return usage(e.getMessage());
    } catch (IOException e) {
      return usage(profileOptions.file + ": cannot read file (" + e.getMessage() + ")");
    }
    if (profile.broker().embedded()) {
      return usage("broker.url is 'embedded' in the pods: each pod would load its own broker. Set broker.url to a "
          + "broker the pods reach, in the profile or with --set broker.url=tcp://HOST:1883");
    }
    if (shards < 1) {
      return usage("--shards " + shards + ": expected 1 or more");
    }
    int[] sizes = ProfileRun.shardClients(profile, shards);
    if (Arrays.stream(sizes).anyMatch(s -> s == 0)) {
      return usage("--shards " + shards + ": some shards would have no client (load.clients="
          + profile.load().clients() + ", collision groups are kept whole): use fewer shards");
    }
    String job = name != null ? name : defaultName(profile.name());
    if (!job.matches(DNS_LABEL) || job.length() > MAX_NAME) {
      return usage("--name " + job + ": expected lower-case letters, digits and '-', at most " + MAX_NAME
          + " characters, starting and ending with a letter or digit");
    }
    if (image.isBlank() || !claim.matches(DNS_LABEL)) {
      return usage(image.isBlank() ? "--image: expected an image name" : "--results-volume-claim " + claim
          + ": expected a Kubernetes name (lower-case letters, digits and '-')");
    }
    int largest = Arrays.stream(sizes).max().orElse(0);
    ClientFootprint footprint = ClientFootprint.of(ClientFootprint.transport(profile.broker()),
        profile.broker().tls().provider() != TlsProvider.JDK);
    String manifest = JobManifest.yaml(new JobManifest.Spec(job, configMapKey(profileOptions.file), text,
        profileOptions.sets, shards, largest, image, claim, footprint));
    if (out == null) {
      System.out.print(manifest);
    } else {
      try {
        Files.writeString(out, manifest);
      } catch (IOException e) {
        return usage("cannot write " + out + ": " + e.getMessage());
      }
    }
    System.err.printf("mqtt-chaos k8s: Job %s, %d shards of up to %,d clients, %dMi and %dm CPU a pod, results in "
            + "claim %s under %s/%s%s%n", job, shards, largest, JobManifest.memoryMiB(largest, footprint),
        JobManifest.cpuMillis(largest), claim, JobManifest.RESULTS_DIR, job, out == null ? "" : "; wrote " + out);
    return 0;
  }

  private static int usage(String message) {
    System.err.println("mqtt-chaos k8s: " + message);
    return MqttChaos.EXIT_USAGE;
  }

  static String defaultName(String profile) {
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    String base = profile.toLowerCase().replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    int room = MAX_NAME - "mqtt-chaos--".length() - time.length();
    base = base.length() > room ? base.substring(0, room).replaceAll("-+$", "") : base;
    return "mqtt-chaos-" + (base.isEmpty() ? "" : base + "-") + time;
  }

  /** The profile's file name as a ConfigMap key (letters, digits, '-', '_', '.'). */
  static String configMapKey(Path file) {
    String key = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "-"); // as the profile's default name
    return key.matches("\\.*") ? "profile.yaml" : key;
  }
}
