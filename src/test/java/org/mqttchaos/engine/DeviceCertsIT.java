package org.mqttchaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.tls.ClientTls;
import org.mqttchaos.metrics.RunData;
import org.mqttchaos.profile.ProfileLoader;
import org.mqttchaos.profile.ResolvedProfile;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.testsupport.MosquittoBroker;
import org.mqttchaos.testsupport.TestCerts;

/**
 * Device certificates are made before the run's clock starts (mass drops are timed from it) and before the first
 * user connects: a run's order of events, not its timings, shows that nothing waited for minting.
 */
class DeviceCertsIT {
  @TempDir
  Path dir;

  @Test
  void everyDeviceCertificateIsMintedBeforeTheRunClockStartsAndNoConnectWaitsForOne() throws Exception {
    TestCerts certs = new TestCerts(dir, "devices");
    Path[] server = certs.server("server", "127.0.0.1");
    int mutual = MosquittoBroker.freePort();
    try (MosquittoBroker broker = MosquittoBroker.start("listener " + mutual + " 127.0.0.1",
        "cafile " + certs.caFile(), "certfile " + server[0], "keyfile " + server[1], "require_certificate true",
        "use_identity_as_username true")) {
      broker.awaitListener(mutual);
      ResolvedProfile resolved = ProfileLoader.load(Path.of("profiles/quickstart.yaml"), Map.of(), List.of(
          "broker.url=mqtts://127.0.0.1:" + mutual, "broker.tls.caFile=" + certs.caFile(),
          "broker.tls.deviceCerts={caFile: " + certs.caFile() + ", caKeyFile: " + certs.caKeyFile() + "}",
          "load.clients=8", "load.rampDuration=1s", "load.hold=0s", "sessions.cleanRatio=1", "will.ratio=0",
          "collisions={ratio: 0.5, groupSize: 2}"));
      ClientTls tls = ClientTls.of(resolved.profile().broker().tls());
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

      ProfileRun run = new ProfileRun(resolved, new BrokerTarget(BrokerUrl.parse("mqtts://127.0.0.1:" + mutual),
          false), dir.resolve("results"), out);
      ProfileRun.Planned planned = run.planned();
      long ids = planned.users().stream().map(UserPlan::clientId).distinct().count();
      assertEquals(6, ids, "8 users, two pairs share an ID: one certificate per client ID");
      assertEquals(6, planned.devices());
      assertEquals(6, tls.deviceCount(), "made before the run executes: no user has started");
      assertTrue(planned.devicesReady() < run.context.startNanos(), "the run's clock starts after minting");
      assertTrue(printed.toString(StandardCharsets.UTF_8).startsWith("mqtt-chaos: minted 6 device certificates in "),
          printed.toString(StandardCharsets.UTF_8));

      run.execute();
      RunData data = run.finish(false);
      assertEquals(0, tls.devicesMadeOnConnect(), "no connect made (and waited for) a certificate");
      assertEquals(6, data.counter(Counters.TLS_DEVICE_CERTS));
      assertTrue(data.counter(Counters.CONNECTS_SUCCEEDED) >= 8, data.counters().toString());
    }
  }
}
