import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.mqttchaos.dsl.MqttDsl.awaitBrokerClose;
import static org.mqttchaos.dsl.MqttDsl.connect;
import static org.mqttchaos.dsl.MqttDsl.disconnect;
import static org.mqttchaos.dsl.MqttDsl.dropConnection;
import static org.mqttchaos.dsl.MqttDsl.goSilent;
import static org.mqttchaos.dsl.MqttDsl.hold;
import static org.mqttchaos.dsl.MqttDsl.mqtt;
import static org.mqttchaos.dsl.MqttDsl.publish;
import static org.mqttchaos.dsl.MqttDsl.subscribe;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tour of the DSL's chaos actions, runnable as it is:
 *   ./mqtt-chaos simulate TakeoverChaosSimulation                 (embedded broker)
 *   ./mqtt-chaos simulate TakeoverChaosSimulation --broker tcp://127.0.0.1:1883
 *
 * Three kinds of devices, 60 in all, every one with a will:
 * - twins: 20 devices in 10 pairs sharing a client ID (collide); with a fixed 1 s auto-reconnect each pair
 *   keeps taking itself over (flapping) for 15 s;
 * - droppers: 20 devices that publish, then vanish without DISCONNECT (RST): each must trigger its will;
 * - sleepers: 20 devices that go silent with a 2 s keep-alive: the broker must cut each within 3 s.
 */
public class TakeoverChaosSimulation extends Simulation {
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);

  public TakeoverChaosSimulation() {
    AtomicInteger twinCount = new AtomicInteger();
    var twins = scenario("twins")
        .exec(session -> session.set("twin", "twin-" + twinCount.getAndIncrement() % 10)) // two users per ID
        .exec(connect().clientId(s -> s.getString("twin")).will("devices/{clientId}/gone", 1))
        .exec(hold(Duration.ofSeconds(15)).reconnect(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0, 0.1))
        .exec(disconnect());

    var droppers = scenario("droppers")
        .exec(connect().clientId(s -> "dropper-" + s.userId()).will("devices/{clientId}/gone", 1))
        .exec(subscribe("commands/" + "#").qos(1))
        .exec(publish("telemetry/temperature").payload("21.5").qos(1))
        .pause(Duration.ofSeconds(2))
        .exec(dropConnection().rst());

    var sleepers = scenario("sleepers")
        .exec(connect().clientId(s -> "sleeper-" + s.userId()).keepAlive(KEEP_ALIVE).will("devices/{clientId}/gone", 1))
        .exec(goSilent())
        .exec(awaitBrokerClose(Duration.ofSeconds(10)));

    setUp(
        twins.injectOpen(rampUsers(20).during(Duration.ofSeconds(2))),
        droppers.injectOpen(rampUsers(20).during(Duration.ofSeconds(2))),
        sleepers.injectOpen(rampUsers(20).during(Duration.ofSeconds(2))))
        .protocols(mqtt().observeWills("devices/+/gone", 1))
        .maxDuration(Duration.ofSeconds(60));
  }
}
