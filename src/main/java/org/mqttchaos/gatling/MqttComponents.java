package org.mqttchaos.gatling;

import io.gatling.core.CoreComponents;
import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.session.Session;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.mqttchaos.chaos.UserChaos;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.ClientTransport;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.client.TransportSettings;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.summary.Counters;
import org.mqttchaos.client.tls.ClientTls;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * Per-run state behind the MQTT actions: the shared {@link ClientTransport} (broker address resolved
 * once, not per connect), Gatling's core components and the {@link RunScope}.
 */
public final class MqttComponents implements ProtocolComponents {
  /** Session attribute holding the virtual user's {@link UserConnection}. */
  public static final String CONNECTION_ATTR = "mqttchaos.connection";
  /** Session attribute: the user's planned faults (a List of chaos Fault), set by the engine's feeder. */
  public static final String FAULTS_ATTR = "mqttchaos.faults";
  /** Session attribute: the user's own seed for reconnect jitter, so a replay draws the same delays. */
  public static final String SEED_ATTR = "mqttchaos.seed";
  /** Session attribute: System.nanoTime at which the user was due to start; feeds the start-lag metric. */
  public static final String SCHEDULED_NANOS_ATTR = "mqttchaos.scheduledNanos";

  private final MqttProtocol protocol;
  private final CoreComponents core;
  private final RunScope run;
  private final ClientTransport transport;

  MqttComponents(MqttProtocol protocol, CoreComponents core, RunScope run) {
    this.protocol = protocol;
    this.core = core;
    this.run = run;
    BrokerUrl url = protocol.broker();
    this.transport = new ClientTransport(new TransportSettings(
        resolve(protocol.host(), protocol.port()), sourceAddresses(protocol.sourceAddresses()),
        protocol.version(), protocol.connectTimeout(), url, url.tls() ? ClientTls.of(protocol.tls()) : null));
    run.protocolUsed(url.toString(), protocol.version().label());
    run.probeLoops(core.eventLoopGroup());
    if (protocol.willFilter() != null) {
      run.observeWills(transport, protocol.willFilter(), protocol.willQos(), protocol.username(),
          protocol.password(), protocol.connectTimeout());
    }
  }

  public MqttProtocol protocol() {
    return protocol;
  }

  public CoreComponents core() {
    return core;
  }

  public RunScope run() {
    return run;
  }

  /** The user's connection, created on first use on the user's own event loop. */
  public UserConnection connectionOf(Session session) {
    if (session.contains(CONNECTION_ATTR)) {
      return (UserConnection) session.attributes().apply(CONNECTION_ATTR);
    }
    run.metrics().increment(Counters.USERS_STARTED);
    String role = session.contains(FAULTS_ATTR) ? ((UserChaos) session.attributes().apply(FAULTS_ATTR)).role()
        : "plain";
    MqttConnection connection = transport.newConnection(session.eventLoop(), run.events(), role);
    return new UserConnection(connection, run);
  }

  @Override
  public Function1<Session, Session> onStart() {
    return session -> session;
  }

  /** A user that ends with its connection still open (it failed before its last step) closes it. */
  @Override
  public Function1<Session, BoxedUnit> onExit() {
    return session -> {
      if (session.contains(CONNECTION_ATTR)) {
        connectionOf(session).connection().disconnect();
      }
      return BoxedUnit.UNIT;
    };
  }

  private static InetSocketAddress resolve(String host, int port) {
    try {
      // With its host name set, every channel's remote address shares one string instead of formatting its own.
      InetAddress address = InetAddress.getByName(host);
      return new InetSocketAddress(InetAddress.getByAddress(host, address.getAddress()), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve broker host " + host);
    }
  }

  private static List<InetAddress> sourceAddresses(List<String> literals) {
    List<InetAddress> addresses = new ArrayList<>();
    for (String literal : literals) {
      try {
        addresses.add(InetAddress.getByName(literal));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("bad source address " + literal);
      }
    }
    return addresses;
  }
}
