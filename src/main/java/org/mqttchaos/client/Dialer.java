package org.mqttchaos.client;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import java.time.Duration;

/**
 * Opens the TCP connection of one attempt: {@link ClientTransport} with a Netty bootstrap, tests with an
 * {@code EmbeddedChannel}. Kept apart so {@link MqttConnection}'s state machine runs without sockets.
 */
interface Dialer {

  /**
   * Starts a TCP connect whose channel lives on {@code loop}, with the MQTT pipeline ending in {@code handler}.
   * The returned future's channel exists at once, so the attempt can be cancelled by closing it. {@code clientId} is
   * the attempt's: a transport with per-device certificates presents that client's. {@code resumptionKey} is the
   * connection's own, the same for all its attempts: a TLS transport resumes only a session made under it (-1:
   * none, every handshake full).
   */
  ChannelFuture dial(EventLoop loop, ChannelHandler handler, String clientId, int resumptionKey);

  /** How long a connect attempt may take, from its socket connect to CONNACK. */
  Duration connectTimeout();

  /** The broker as failure messages name it, e.g. "127.0.0.1:1883". */
  String target();
}
