package org.mqttchaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mqttchaos.client.Attempt;
import org.mqttchaos.client.CloseCause;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.ConnectionEvent.Closed;
import org.mqttchaos.client.ConnectionEvent.ConnAckReceived;
import org.mqttchaos.client.ConnectionEvent.DisconnectReceived;
import org.mqttchaos.client.ConnectionEvent.Silenced;
import org.mqttchaos.client.ConnectionEvent.TcpConnected;
import org.mqttchaos.client.ConnectionState;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.run.RunScope;

/**
 * One cause per close: every pair of causes that can meet on one close, which one wins ({@link CloseKind#of}), and,
 * driven through a run's event stream, that each figure (flaps, takeovers, keep-alive cuts judged early / on time /
 * late, drops) counts the close once, under the winner only.
 */
class CloseKindTest {
  private static final int NONE = -1;
  private static final CloseCause GRACEFUL = CloseCause.GRACEFUL_BY_CLIENT;
  private static final CloseCause RST = CloseCause.ABRUPT_RST_BY_CLIENT;
  private static final CloseCause FIN = CloseCause.ABRUPT_FIN_BY_CLIENT;
  private static final CloseCause BROKER = CloseCause.BY_BROKER;
  private static final CloseCause PROTOCOL = CloseCause.PROTOCOL_ERROR;
  private static final CloseCause OWN_ERROR = CloseCause.ERROR;

  /** What a close is made of: who closed, a newer connection of the ID, silence, the broker's DISCONNECT reason. */
  record Facts(CloseCause cause, boolean takenOver, boolean silent, int reason) {}

  /** The figures one close moves; {@code kaOnTime} is a keep-alive cut judged neither early nor late. */
  record Figures(long flaps, long takeovers, long kaCuts, long kaEarly, long kaOnTime, long kaLate, long graceful,
      long abrupt) {}

  private static final Figures OWN_DISCONNECT = new Figures(0, 0, 0, 0, 0, 0, 1, 0);
  private static final Figures OWN_DROP = new Figures(0, 0, 0, 0, 0, 0, 0, 1);
  private static final Figures TAKEOVER = new Figures(1, 1, 0, 0, 0, 0, 0, 0);
  private static final Figures KEEP_ALIVE_CUT = new Figures(1, 0, 1, 0, 1, 0, 0, 0); // cut 40 s after 30 s silence
  private static final Figures OTHER_FLAP = new Figures(1, 0, 0, 0, 0, 0, 0, 0);

  /** Each pair of competing causes (and each cause alone): the facts, the kind that wins, the figures it moves. */
  static Stream<Arguments> pairs() {
    return Stream.of(
        // alone
        row("own DISCONNECT", GRACEFUL, false, false, NONE, CloseKind.OWN_DISCONNECT, OWN_DISCONNECT),
        row("own drop (RST)", RST, false, false, NONE, CloseKind.OWN_DROP, OWN_DROP),
        row("own drop (FIN)", FIN, false, false, NONE, CloseKind.OWN_DROP, OWN_DROP),
        row("takeover", BROKER, true, false, NONE, CloseKind.TAKEOVER, TAKEOVER),
        row("keep-alive cut of a silent client", BROKER, false, true, NONE, CloseKind.KEEP_ALIVE_CUT,
            KEEP_ALIVE_CUT),
        row("DISCONNECT 0x8D", BROKER, false, false, 0x8D, CloseKind.KEEP_ALIVE_CUT, KEEP_ALIVE_CUT),
        row("broker DISCONNECT 0x89", BROKER, false, false, 0x89, CloseKind.BROKER_DISCONNECT, OTHER_FLAP),
        row("protocol error", PROTOCOL, false, false, NONE, CloseKind.ERROR, OTHER_FLAP),
        row("own error", OWN_ERROR, false, false, NONE, CloseKind.ERROR, OTHER_FLAP),
        row("broker close", BROKER, false, false, NONE, CloseKind.BROKER_CLOSE, OTHER_FLAP),
        // own DISCONNECT against each later rule
        row("own DISCONNECT > takeover", GRACEFUL, true, false, NONE, CloseKind.OWN_DISCONNECT, OWN_DISCONNECT),
        row("own DISCONNECT > silence", GRACEFUL, false, true, NONE, CloseKind.OWN_DISCONNECT, OWN_DISCONNECT),
        row("own DISCONNECT > 0x8D", GRACEFUL, false, false, 0x8D, CloseKind.OWN_DISCONNECT, OWN_DISCONNECT),
        row("own DISCONNECT > broker DISCONNECT", GRACEFUL, false, false, 0x89, CloseKind.OWN_DISCONNECT,
            OWN_DISCONNECT),
        // own drop against each later rule
        row("own drop > takeover", RST, true, false, NONE, CloseKind.OWN_DROP, OWN_DROP),
        row("own drop > silence", RST, false, true, NONE, CloseKind.OWN_DROP, OWN_DROP),
        row("own drop > 0x8D", FIN, false, false, 0x8D, CloseKind.OWN_DROP, OWN_DROP),
        row("own drop > broker DISCONNECT", FIN, false, false, 0x89, CloseKind.OWN_DROP, OWN_DROP),
        // takeover against each later rule
        row("takeover > keep-alive cut of a silent client", BROKER, true, true, NONE, CloseKind.TAKEOVER, TAKEOVER),
        row("takeover > 0x8D", BROKER, true, false, 0x8D, CloseKind.TAKEOVER, TAKEOVER),
        row("takeover with 0x8E > broker DISCONNECT", BROKER, true, false, 0x8E, CloseKind.TAKEOVER, TAKEOVER),
        row("takeover > broker DISCONNECT 0x89", BROKER, true, false, 0x89, CloseKind.TAKEOVER, TAKEOVER),
        row("takeover > protocol error", PROTOCOL, true, false, NONE, CloseKind.TAKEOVER, TAKEOVER),
        // keep-alive cut against each later rule
        row("keep-alive cut of a silent client > broker DISCONNECT", BROKER, false, true, 0x8B,
            CloseKind.KEEP_ALIVE_CUT, KEEP_ALIVE_CUT),
        row("0x8D > protocol error", PROTOCOL, false, false, 0x8D, CloseKind.KEEP_ALIVE_CUT, KEEP_ALIVE_CUT),
        // a silent client the client itself closed on a protocol error: the broker cut nothing
        row("silent, protocol error", PROTOCOL, false, true, NONE, CloseKind.ERROR, OTHER_FLAP),
        // broker DISCONNECT against error
        row("broker DISCONNECT > protocol error", PROTOCOL, false, false, 0x89, CloseKind.BROKER_DISCONNECT,
            OTHER_FLAP),
        row("0x8E with no newer connection", BROKER, false, false, 0x8E, CloseKind.BROKER_DISCONNECT, OTHER_FLAP));
  }

  private static Arguments row(String name, CloseCause cause, boolean takenOver, boolean silent, int reason,
      CloseKind kind, Figures figures) {
    return Arguments.of(name, new Facts(cause, takenOver, silent, reason), kind, figures);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void theFirstRuleWins(String name, Facts f, CloseKind kind, Figures figures) {
    assertEquals(kind, CloseKind.of(f.cause(), f.takenOver(), f.silent(), f.reason()));
  }

  /**
   * Through a run's event stream: connection 0 of "g1" accepted at 1 s, keep-alive 30 s; silent from 2 s when the
   * row says so (else its last packet was at 2 s); a newer connection of "g1" accepted at 41.99 s when taken over;
   * the broker's DISCONNECT and the close at 42 s, 40 s after the last packet: a keep-alive cut on time.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void eachFigureCountsTheCloseOnce(String name, Facts f, CloseKind kind, Figures figures) {
    RunScope run = new RunScope();
    MqttVersion version = f.reason() >= 0 ? MqttVersion.V5 : MqttVersion.V3_1_1; // a DISCONNECT is MQTT 5's
    Attempt older = attempt(0, version);
    run.events().onEvent(accepted(run, older, 1_000));
    if (f.silent()) {
      run.events().onEvent(new Silenced(at(run, 2_000), older, at(run, 2_000)));
    }
    if (f.takenOver()) {
      Attempt newer = attempt(1, version);
      run.events().onEvent(new TcpConnected(at(run, 41_980), newer, 1_000));
      run.events().onEvent(accepted(run, newer, 41_990));
    }
    if (f.reason() >= 0) {
      run.events().onEvent(new DisconnectReceived(at(run, 41_999), older, f.reason(), MqttProperties.NO_PROPERTIES,
          at(run, 2_000)));
    }
    run.events().onEvent(closed(run, older, 42_000, f));

    assertEquals(figures, figures(run), name);
    // Nothing else broken: the older connection closed 10 ms after the newer CONNACK, a cut 40 s after the last
    // packet is within 1.5 x 30 s; only an MQTT 5 takeover owes 0x8E.
    List<String> broken = kind == CloseKind.TAKEOVER && f.reason() >= 0 && f.reason() != 0x8E
        ? List.of("takeover-without-0x8E") : List.of();
    assertEquals(broken, run.findings().list().stream().map(Finding::kind).toList());
  }

  /** The case: a silent client taken over 10 s into its silence is no early keep-alive cut. */
  @Test
  void aSilentClientTakenOverIsATakeoverNotAnEarlyCut() {
    RunScope run = new RunScope();
    Attempt older = attempt(0, MqttVersion.V3_1_1);
    run.events().onEvent(accepted(run, older, 1_000));
    run.events().onEvent(new Silenced(at(run, 2_000), older, at(run, 2_000)));
    Attempt newer = attempt(1, MqttVersion.V3_1_1);
    run.events().onEvent(new TcpConnected(at(run, 11_990), newer, 1_000)); // CONNECT sent; CONNACK comes later
    run.events().onEvent(closed(run, older, 12_000, new Facts(BROKER, true, true, NONE)));
    run.events().onEvent(accepted(run, newer, 12_005));

    assertEquals(new Figures(1, 1, 0, 0, 0, 0, 0, 0), figures(run));
    assertEquals(1, run.metrics().counter("keepAlive.silentClients"));
  }

  /** DISCONNECT 0x8D on a client that kept pinging: a keep-alive cut judged from its last packet, early here. */
  @Test
  void disconnect0x8DOnAPingingClientIsAnEarlyCut() {
    RunScope run = new RunScope();
    Attempt a = attempt(0);
    run.events().onEvent(accepted(run, a, 1_000));
    run.events().onEvent(new DisconnectReceived(at(run, 16_000), a, 0x8D, MqttProperties.NO_PROPERTIES,
        at(run, 1_000)));
    run.events().onEvent(closed(run, a, 16_001, new Facts(BROKER, false, false, 0x8D)));

    assertEquals(new Figures(1, 0, 1, 1, 0, 0, 0, 0), figures(run)); // 15 s after its CONNECT: < keep-alive 30 s
    assertEquals(0, run.metrics().counter("keepAlive.silentClients"), "not a silent client");
  }

  /** DISCONNECT 0x8D after 1.5 x keep-alive + tolerance: late, a keepalive-late finding. */
  @Test
  void disconnect0x8DLateIsAKeepAliveLateFinding() {
    RunScope run = new RunScope();
    Attempt a = attempt(0);
    run.events().onEvent(accepted(run, a, 1_000));
    run.events().onEvent(new DisconnectReceived(at(run, 60_000), a, 0x8D, MqttProperties.NO_PROPERTIES,
        at(run, 1_000)));
    run.events().onEvent(closed(run, a, 60_000, new Facts(BROKER, false, false, 0x8D)));

    assertEquals(new Figures(1, 0, 1, 0, 0, 1, 0, 0), figures(run));
    assertEquals(List.of("keepalive-late"), run.findings().list().stream().map(Finding::kind).toList());
  }

  private static Figures figures(RunScope run) {
    var m = run.metrics();
    long cuts = m.counter("keepAlive.closedByBroker");
    long early = m.counter("keepAlive.early");
    long late = m.counter("keepAlive.late");
    return new Figures(m.counter("flaps.total"), m.counter("flaps.takeovers"), cuts, early, cuts - early - late,
        late, m.counter("drops.graceful"), m.counter("drops.abrupt"));
  }

  /** Connection {@code index} of client ID "g1", keep-alive 30 s, MQTT 5, no will. */
  private static Attempt attempt(int index) {
    return attempt(index, MqttVersion.V5);
  }

  private static Attempt attempt(int index, MqttVersion version) {
    return new Attempt(index, 0, version, new ConnectOptions("g1", true, 30, null, null, null, 0), "colliding");
  }

  private static ConnAckReceived accepted(RunScope run, Attempt a, long atMs) {
    return new ConnAckReceived(at(run, atMs), a, 0, false, 500_000, false, MqttProperties.NO_PROPERTIES);
  }

  private static Closed closed(RunScope run, Attempt a, long atMs, Facts f) {
    return new Closed(at(run, atMs), a, f.cause(), "closed", f.silent() ? ConnectionState.SILENT
        : ConnectionState.CONNECTED, 1, f.reason() < 0 ? OptionalInt.empty() : OptionalInt.of(f.reason()), null);
  }

  private static long at(RunScope run, long ms) {
    return run.startNanos() + ms * 1_000_000L;
  }
}
