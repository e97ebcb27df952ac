package org.mqttchaos.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mqttchaos.engine.ClientFootprint;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/**
 * The Kubernetes manifest of a sharded run: an Indexed Job whose pod k runs shard k+1 of n, and a ConfigMap
 * holding the profile file. Built as maps and written by snakeyaml-engine, so quoting is always right.
 *
 * <p>Sizing, per pod, from the largest shard's clients c and the transport's {@link ClientFootprint}: heap = 256 MiB
 * + c x (6 KiB + twice the heap the transport adds to a plain TCP client) (an idle plain virtual user holds about
 * 2.5 KB of live heap, bench/heap; the rest is room for garbage; over TLS with OpenSSL about 2.7 KB more, so
 * about 11.5 KiB a client), memory request = limit = heap + 256 MiB (metaspace, threads, Netty's direct buffers)
 * + c x the transport's native memory per connection (OpenSSL's state: 0 over plain TCP), CPU request = 500m +
 * 1 CPU per 10,000 clients. The pods' TLS provider is taken as OpenSSL unless broker.tls.provider is jdk: the
 * image is linux-x86_64, where it loads.
 */
final class JobManifest {
  static final String PROFILES_DIR = "/profiles";
  static final String RESULTS_DIR = "/results";

  /**
   * @param name        the Job's name; the ConfigMap is {@code <name>-profile}, results go to /results/<name>
   * @param profileFile the profile's file name, its key in the ConfigMap
   * @param sets        --set arguments passed on to every shard
   */
  record Spec(String name, String profileFile, String profileText, List<String> sets, int shards, int shardClients,
      String image, String claim, ClientFootprint footprint) {

    /** A plain TCP run's spec. */
    Spec(String name, String profileFile, String profileText, List<String> sets, int shards, int shardClients,
        String image, String claim) {
      this(name, profileFile, profileText, sets, shards, shardClients, image, claim, ClientFootprint.TCP);
    }
  }

  private JobManifest() {}

  static long heapMiB(int clients) {
    return heapMiB(clients, ClientFootprint.TCP);
  }

  /** The pod's heap (MQTT_CHAOS_HEAP) for {@code clients} over a transport of this footprint, MiB. */
  static long heapMiB(int clients, ClientFootprint footprint) {
    long extra = Math.max(0, footprint.heapBytes() - ClientFootprint.TCP.heapBytes());
    long perClient = 6L * 1024 + extra * 2; // room for garbage on the transport's share too
    return 256 + (perClient * clients + (1 << 20) - 1) / (1 << 20);
  }

  static long memoryMiB(int clients) {
    return memoryMiB(clients, ClientFootprint.TCP);
  }

  /** The pod's memory request and limit, MiB: its heap, 256 MiB beside it, the connections' native memory. */
  static long memoryMiB(int clients, ClientFootprint footprint) {
    return heapMiB(clients, footprint) + 256 + (footprint.reservedNative(clients) + (1 << 20) - 1) / (1 << 20);
  }

  static long cpuMillis(int clients) {
    return 500 + (clients * 1000L + 9_999) / 10_000;
  }

  /**
   * The shell script of a pod: Kubernetes sets JOB_COMPLETION_INDEX (0-based) in each pod of an Indexed Job. Exit 1
   * (an assertion failed on this shard's figures alone) counts as done: a failed pod would end the whole Job, and
   * the assertions are judged on the merged run. SIGTERM is passed on, so a deleted pod still writes its folder.
   */
  static String script(Spec spec) {
    return """
        ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
        mqtt-chaos run "$0" --shard "$((JOB_COMPLETION_INDEX + 1))/%d" --results-dir %s/%s "$@" &
        pid=$!
        trap 'kill -TERM $pid' TERM INT
        wait $pid; code=$?
        if [ $code -gt 128 ]; then wait $pid; code=$?; fi
        if [ $code -eq 1 ]; then code=0; fi
        exit $code
        """.formatted(spec.shards(), RESULTS_DIR, spec.name());
  }

  static String yaml(Spec spec) {
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(1000).build();
    return new Dump(settings, new LiteralBlocks(settings)).dumpAllToString(List.<Object>of(configMap(spec), job(spec))
        .iterator());
  }

  private static Map<String, Object> configMap(Spec spec) {
    return map("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", map("name", spec.name() + "-profile", "labels", labels(spec)),
        "data", map(spec.profileFile(), spec.profileText()));
  }

  private static Map<String, Object> job(Spec spec) {
    List<Object> command = new ArrayList<>(List.of("sh", "-c", script(spec), PROFILES_DIR + "/" + spec.profileFile()));
    for (String set : spec.sets()) {
      command.addAll(List.of("--set", set));
    }
    int c = spec.shardClients();
    ClientFootprint f = spec.footprint();
    Map<String, Object> container = map("name", "mqtt-chaos", "image", spec.image(), "command", command,
        "env", List.of(map("name", "MQTT_CHAOS_HEAP", "value", heapMiB(c, f) + "m")),
        "resources", map(
            "requests", map("cpu", cpuMillis(c) + "m", "memory", memoryMiB(c, f) + "Mi"),
            "limits", map("memory", memoryMiB(c, f) + "Mi")),
        "volumeMounts", List.of(map("name", "profile", "mountPath", PROFILES_DIR, "readOnly", true),
            map("name", "results", "mountPath", RESULTS_DIR)));
    Map<String, Object> pod = map("restartPolicy", "Never", "containers", List.of(container),
        "volumes", List.of(map("name", "profile", "configMap", map("name", spec.name() + "-profile")),
            map("name", "results", "persistentVolumeClaim", map("claimName", spec.claim()))));
    return map("apiVersion", "batch/v1", "kind", "Job",
        "metadata", map("name", spec.name(), "labels", labels(spec)),
        "spec", map("completionMode", "Indexed", "completions", spec.shards(), "parallelism", spec.shards(),
            // a failed shard is not retried: a rerun would mix two attempts into one results folder
            "backoffLimit", 0,
            "template", map("metadata", map("labels", labels(spec)), "spec", pod)));
  }

  private static Map<String, Object> labels(Spec spec) {
    return map("app.kubernetes.io/name", "mqtt-chaos", "mqtt-chaos/run", spec.name());
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Multi-line strings (the profile, the script) as literal blocks, readable as the files they are. */
  private static final class LiteralBlocks extends StandardRepresenter {
    LiteralBlocks(DumpSettings settings) {
      super(settings);
      representers.put(String.class, data -> {
        String text = (String) data;
        return representScalar(Tag.STR, text, text.contains("\n") ? ScalarStyle.LITERAL : ScalarStyle.PLAIN);
      });
    }
  }
}
