package org.mqttchaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.Will;
import org.mqttchaos.run.RunScope;

/** The close rules of {@link CloseJudge}, driven through a run's event stream with synthetic events. */
class CloseJudgeTest {
  private final RunScope run = new RunScope();

  /** Connection {@code index} of client ID "g1", with a will naming it, accepted at {@code atMs}. */
  private Attempt accepted(int index, long atMs) {
    byte[] will = run.wills().payload("g1", index);
    Attempt a = new Attempt(index, 0, MqttVersion.V3_1_1, new ConnectOptions("g1", true, 30, null, null,
        new Will("chaos/will/g1", will, 1, false), 0), "colliding");
    run.events().onEvent(new ConnAckReceived(at(atMs), a, 0, false, 500_000, false, MqttProperties.NO_PROPERTIES));
    return a;
  }

  private long at(long ms) {
    return run.startNanos() + ms * 1_000_000L;
  }

  @Test
  void aGracefulCloseOfAConnectionAlreadyTakenOverOwesATakeoversWillNotNone() {
    Attempt older = accepted(0, 1_000);
    accepted(1, 2_000); // the broker accepted a newer connection of g1: it takes the older one over
    // The older one's client has not heard of it yet (over wss the close comes late) and leaves gracefully; the
    // observer had already seen its will, published by the takeover.
    run.wills().received("chaos/will/g1", run.wills().payload("g1", 0), at(2_010));
    run.events().onEvent(new Closed(at(2_020), older, CloseCause.GRACEFUL_BY_CLIENT, "disconnect()",
        ConnectionState.CONNECTED, 1, OptionalInt.empty(), null));
    run.wills().finish(at(9_000), 5_000_000_000L);

    assertEquals(List.of(), run.findings().list(), "no will-after-disconnect: the broker closed it first");
    assertEquals(1, run.metrics().counter("wills.afterTakeover"));
    assertEquals(0, run.metrics().counter("wills.unexpected"));
  }

  @Test
  void aGracefulCloseOfAConnectionNobodyTookOverForbidsItsWill() {
    Attempt only = accepted(0, 1_000);
    run.events().onEvent(new Closed(at(2_000), only, CloseCause.GRACEFUL_BY_CLIENT, "disconnect()",
        ConnectionState.CONNECTED, 1, OptionalInt.empty(), null));
    run.wills().received("chaos/will/g1", run.wills().payload("g1", 0), at(2_050));

    assertEquals(List.of("will-after-disconnect"), run.findings().list().stream().map(Finding::kind).toList());
  }
}
