package org.mqttchaos.dsl;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.mqttchaos.dsl.MqttDsl.awaitBrokerClose;
import static org.mqttchaos.dsl.MqttDsl.awaitKeepAliveCut;
import static org.mqttchaos.dsl.MqttDsl.connect;
import static org.mqttchaos.dsl.MqttDsl.disconnect;
import static org.mqttchaos.dsl.MqttDsl.disconnectWithWill;
import static org.mqttchaos.dsl.MqttDsl.dropConnection;
import static org.mqttchaos.dsl.MqttDsl.goSilent;
import static org.mqttchaos.dsl.MqttDsl.hold;
import static org.mqttchaos.dsl.MqttDsl.stampedMessages;
import static org.mqttchaos.dsl.MqttDsl.mqtt;
import static org.mqttchaos.dsl.MqttDsl.publish;
import static org.mqttchaos.dsl.MqttDsl.subscribe;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Drives every DSL action through a real Gatling run (the only way to catch a Gatling binary
 * incompatibility such as the ChainableAction AbstractMethodError). The broker's port comes from the
 * system property {@code dsl.tour.port}, set by {@link DslGatlingRunTest}.
 */
public class DslTourSimulation extends Simulation {
  public DslTourSimulation() {
    int port = Integer.getInteger("dsl.tour.port");
    String version = System.getProperty("dsl.tour.version", "3.1.1");
    var everyAction = scenario("tour")
        // before any connect: KO "not-connected", and the user goes on
        .exec(publish("tour/early").payload("early").name("publish before connect"))
        .exec(connect().clientId(s -> "tour-" + version + "-" + s.userId()).cleanSession(false)
            .keepAlive(Duration.ofSeconds(30)).will("tour/will/{clientId}", 1).sessionExpiry(Duration.ofMinutes(1)))
        .exec(subscribe("tour/#").qos(1).everySession())
        .exec(publish("tour/qos0").payload("zero"))
        .exec(publish("tour/qos1").payload("one").qos(1).retain(false))
        .exec(publish("tour/qos2").payload("two").qos(2))
        .exec(hold(Duration.ofSeconds(1)).name("publishing hold").publishing(
            stampedMessages("tour/stamped/{clientId}").rate(10).qos(2).payloadSize(40)))
        .exec(disconnect())
        .exec(connect().name("reconnect").clientId(s -> "tour-" + version + "-" + s.userId()).cleanSession(false))
        .exec(dropConnection().fin().name("drop fin"))
        .exec(connect().name("connect again").clientId(s -> "tour-" + version + "-" + s.userId()))
        .exec(dropConnection().rst().name("drop rst"))
        .exec(connect().name("connect with will").clientId(s -> "tour-" + version + "-" + s.userId())
            .cleanSession(false).will("tour/will/{clientId}", 1).willDelay(Duration.ofSeconds(1)))
        // MQTT 5 only: DISCONNECT 0x04 (3.1.1 has no reason codes, and the action would be KO there)
        .exec(version.equals("5") ? disconnectWithWill() : disconnect().name("disconnect with will"))
        .exec(connect().name("connect silent").clientId(s -> "tour-" + version + "-" + s.userId())
            .keepAlive(Duration.ofSeconds(1)))
        .exec(goSilent())
        .exec(awaitBrokerClose(Duration.ofSeconds(20)))
        // its silent connection is closed already: OK at once
        .exec(awaitKeepAliveCut(Duration.ofMillis(500)))
        .exec(connect().name("connect loud").clientId(s -> "tour-" + version + "-" + s.userId())
            .keepAlive(Duration.ofSeconds(1)))
        // not silent: no cut owed, no request, and the user goes on at once
        .exec(awaitKeepAliveCut(Duration.ofMillis(500)).name("no cut owed"))
        .exec(disconnect().name("leave"));
    setUp(everyAction.injectOpen(atOnceUsers(2)))
        .protocols(mqtt().broker("127.0.0.1", port).mqttVersion(version).connectTimeout(Duration.ofSeconds(5)))
        .maxDuration(Duration.ofSeconds(60));
  }
}
