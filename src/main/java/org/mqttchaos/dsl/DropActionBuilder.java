package org.mqttchaos.dsl;

import io.gatling.javaapi.core.ActionBuilder;
import org.mqttchaos.client.AbruptMode;
import org.mqttchaos.gatling.MqttActionBuilder;

/** Immutable builder of an abrupt close; see {@link MqttDsl#dropConnection()}. Default: RST. */
public final class DropActionBuilder implements ActionBuilder {
  static final DropActionBuilder DEFAULT = new DropActionBuilder("drop connection", AbruptMode.RST);

  private final String name;
  private final AbruptMode mode;

  private DropActionBuilder(String name, AbruptMode mode) {
    this.name = name;
    this.mode = mode;
  }

  /** End TCP with a FIN (orderly shutdown, still no DISCONNECT). */
  public DropActionBuilder fin() {
    return new DropActionBuilder(name, AbruptMode.FIN);
  }

  /** End TCP with a RST (SO_LINGER 0), as a crashed device's network stack would. */
  public DropActionBuilder rst() {
    return new DropActionBuilder(name, AbruptMode.RST);
  }

  /** Request name in Gatling's report. */
  public DropActionBuilder name(String newName) {
    return new DropActionBuilder(newName, mode);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return MqttActionBuilder.closeAbruptly(name, mode);
  }
}
