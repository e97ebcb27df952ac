package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.engine.ClientFootprint;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.json.JsonMapper;

/** The manifest of `mqtt-chaos k8s`, read back with the Kubernetes model classes. */
class K8sCommandTest {
  private static final String PROFILE = "name: storm\nseed: 42\nbroker: {url: \"tcp://broker.mqtt:1883\"}\n"
      + "load: {clients: 10000}\ncollisions: {ratio: 0.05}\n";

  @TempDir
  Path tmp;

  private List<Object> manifest(String... extra) throws IOException {
    Path profile = Files.writeString(tmp.resolve("storm.yaml"), PROFILE);
    Path out = tmp.resolve("job.yaml");
    List<String> args = new ArrayList<>(List.of("k8s", profile.toString(), "--shards", "4", "--image",
        "registry.local/mqtt-chaos:0.1", "--name", "storm-1", "--out", out.toString()));
    args.addAll(List.of(extra));
    assertEquals(0, MqttChaos.execute(args.toArray(String[]::new)));
    List<Object> docs = new ArrayList<>();
    new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(out)).forEach(docs::add);
    return docs;
  }

  @Test
  void anIndexedJobRunsOneShardPerPodWithTheProfileFromAConfigMap() throws IOException {
    List<Object> docs = manifest("--set", "load.hold=1m", "--results-volume-claim", "chaos-results");
    JsonMapper mapper = JsonMapper.builder().build();
    ConfigMap config = mapper.convertValue(docs.get(0), ConfigMap.class);
    Job job = mapper.convertValue(docs.get(1), Job.class);

    assertEquals("ConfigMap", config.getKind());
    assertEquals("storm-1-profile", config.getMetadata().getName());
    assertEquals(PROFILE, config.getData().get("storm.yaml"));

    assertEquals("Job", job.getKind());
    assertEquals("batch/v1", job.getApiVersion());
    assertEquals("Indexed", job.getSpec().getCompletionMode());
    assertEquals(4, job.getSpec().getCompletions());
    assertEquals(4, job.getSpec().getParallelism());
    assertEquals(0, job.getSpec().getBackoffLimit());
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertEquals("Never", pod.getRestartPolicy());
    Container c = pod.getContainers().get(0);
    assertEquals("registry.local/mqtt-chaos:0.1", c.getImage());
    List<String> command = c.getCommand();
    assertEquals(List.of("sh", "-c"), command.subList(0, 2));
    assertTrue(command.get(2).contains("\nmqtt-chaos run \"$0\" --shard \"$((JOB_COMPLETION_INDEX + 1))/4\" "
        + "--results-dir /results/storm-1 \"$@\" &\n"), command.get(2));
    assertEquals(List.of("/profiles/storm.yaml", "--set", "load.hold=1m"), command.subList(3, command.size()));

    assertEquals("/profiles", c.getVolumeMounts().get(0).getMountPath());
    assertEquals("/results", c.getVolumeMounts().get(1).getMountPath());
    assertEquals("storm-1-profile", pod.getVolumes().get(0).getConfigMap().getName());
    assertEquals("chaos-results", pod.getVolumes().get(1).getPersistentVolumeClaim().getClaimName());

    // 2,500 clients a shard: heap 256 + 15,000 KiB -> 271 MiB, plus 256 MiB and 2,500 x 446 B of native memory
    // (1.1 MB -> 2 MiB); 500m + 250m CPU
    assertEquals(new Quantity("529Mi"), c.getResources().getRequests().get("memory"));
    assertEquals(new Quantity("529Mi"), c.getResources().getLimits().get("memory"));
    assertEquals(new Quantity("750m"), c.getResources().getRequests().get("cpu"));
    assertEquals("MQTT_CHAOS_HEAP", c.getEnv().get(0).getName());
    assertEquals("271m", c.getEnv().get(0).getValue());
  }

  @Test
  void aTlsRunsPodsGetTheHeapAndNativeMemoryItsConnectionsHoldOverTls() throws IOException {
    ClientFootprint tls = ClientFootprint.of(BrokerUrl.Transport.TLS, true);
    Container c = JsonMapper.builder().build().convertValue(
        manifest("--set", "broker.url=mqtts://broker.mqtt:8883").get(1), Job.class)
        .getSpec().getTemplate().getSpec().getContainers().get(0);
    // 2,500 clients a shard: 6 KiB + twice what TLS adds to a TCP client's heap, each; OpenSSL's memory beside it
    long heap = 256 + (2_500 * (6_144 + 2 * (tls.heapBytes() - 2_477)) + (1 << 20) - 1) / (1 << 20);
    long memory = heap + 256 + (2_500 * tls.nativeBytes() + (1 << 20) - 1) / (1 << 20);
    assertEquals(heap + "m", c.getEnv().get(0).getValue());
    assertTrue(heap > 271, "more than a TCP run's 271 MiB: " + heap);
    assertEquals(new Quantity(memory + "Mi"), c.getResources().getLimits().get("memory"));
    assertTrue(memory > heap + 256, "OpenSSL's native memory is counted: " + memory);
  }

  @Test
  void theDefaultClaimIsNamedAndTheShellLineRaisesTheDescriptorLimit() throws IOException {
    Job job = JsonMapper.builder().build().convertValue(manifest().get(1), Job.class);
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertEquals("mqtt-chaos-results", pod.getVolumes().get(1).getPersistentVolumeClaim().getClaimName());
    assertTrue(pod.getContainers().get(0).getCommand().get(2).startsWith("ulimit -n \"$(ulimit -Hn)\""));
  }

  @Test
  void anEmbeddedBrokerOrBadOptionsAreRefused() throws IOException {
    Path profile = Files.writeString(tmp.resolve("p.yaml"), "load: {clients: 10}\n");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try {
      assertEquals(2, MqttChaos.execute("k8s", profile.toString(), "--shards", "2", "--image", "i"));
      assertEquals(2, MqttChaos.execute("k8s", profile.toString(), "--shards", "11", "--image", "i",
          "--set", "broker.url=tcp://b:1883"));
      assertEquals(2, MqttChaos.execute("k8s", profile.toString(), "--shards", "2", "--image", "i",
          "--set", "broker.url=tcp://b:1883", "--name", "Not_A_Name"));
    } finally {
      System.setErr(err);
    }
    String[] lines = captured.toString().split("\n");
    assertTrue(lines[0].startsWith("mqtt-chaos k8s: broker.url is 'embedded' in the pods"), lines[0]);
    assertEquals("mqtt-chaos k8s: --shards 11: some shards would have no client (load.clients=10, collision groups "
        + "are kept whole): use fewer shards", lines[1]);
    assertTrue(lines[2].startsWith("mqtt-chaos k8s: --name Not_A_Name: expected lower-case letters"), lines[2]);
  }
}
