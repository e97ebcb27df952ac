package org.mqttchaos.gatling;

import io.gatling.core.CoreComponents;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolKey;
import java.time.Duration;
import java.util.List;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.run.RunHandOff;
import scala.Function1;

/** Tells Gatling how to turn an {@link MqttProtocol} into the {@link MqttComponents} the actions use. */
public final class MqttProtocolKey implements ProtocolKey<MqttProtocol, MqttComponents> {
  public static final MqttProtocolKey INSTANCE = new MqttProtocolKey();

  private MqttProtocolKey() {}

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<Protocol> protocolClass() {
    return (Class) MqttProtocol.class;
  }

  @Override
  public MqttProtocol defaultProtocolValue(GatlingConfiguration configuration) {
    return new MqttProtocol("127.0.0.1", 1883, MqttVersion.V3_1_1, Duration.ofSeconds(10), List.of(), null, null,
        null, 0, MqttProtocol.DEFAULT_START_GRID);
  }

  @Override
  public Function1<MqttProtocol, MqttComponents> newComponents(CoreComponents coreComponents) {
    return protocol -> new MqttComponents(protocol, coreComponents, RunHandOff.scope());
  }
}
