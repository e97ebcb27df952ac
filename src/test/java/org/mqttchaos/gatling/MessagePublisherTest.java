package org.mqttchaos.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mqttchaos.client.ClientTransport;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.TransportSettings;
import org.mqttchaos.run.RunScope;
import org.mqttchaos.summary.Counters;

/**
 * A publisher's accounting at its hold's end: against a broker that grants Receive Maximum 1 and never acknowledges,
 * every planned message is either published or not sent, with why.
 */
class MessagePublisherTest {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final AtomicInteger publishesRead = new AtomicInteger();

  @AfterEach
  void close() throws Exception {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
  }

  /** A loopback MQTT 5 "broker": CONNACK with Receive Maximum 1, then reads everything and answers nothing. */
  private InetSocketAddress silentBroker() throws Exception {
    Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new MqttDecoder(), MqttEncoder.INSTANCE, new SimpleChannelInboundHandler<MqttMessage>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, MqttMessage m) {
                MqttMessageType type = m.fixedHeader().messageType();
                if (type == MqttMessageType.CONNECT) {
                  MqttProperties props = new MqttProperties();
                  props.add(new MqttProperties.IntegerProperty(
                      MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(), 1));
                  ctx.writeAndFlush(MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                      .sessionPresent(false).properties(props).build());
                } else if (type == MqttMessageType.PUBLISH) {
                  publishesRead.incrementAndGet();
                  ReferenceCountUtil.release(m.payload());
                }
              }
            });
          }
        }).bind("127.0.0.1", 0).sync().channel();
    return (InetSocketAddress) server.localAddress();
  }

  /**
   * The hold's end runs in the loop's turn before the publisher's timer: the messages due by then still go out (and
   * the window's overflow counts as not sent), none vanishes.
   */
  @Test
  void messagesDueWhenTheHoldEndsBeforeTheirTimerFiredAreSentOrCountedNotSent() throws Exception {
    RunScope run = new RunScope();
    EventLoop loop = group.next();
    MqttConnection connection = new ClientTransport(TransportSettings.of(silentBroker(), MqttVersion.V5,
        Duration.ofSeconds(5))).newConnection(loop, run.events());
    assertTrue(connection.connect(new ConnectOptions("pub-1", true, 60, null, null, null, 0))
        .get(10, TimeUnit.SECONDS).connected());
    PublishingSpec spec = new PublishingSpec(s -> "t", s -> 1, 5, 1, 32, 0);
    long end = System.nanoTime();
    MessagePublisher publisher = new MessagePublisher(connection, run, "t", 1, spec, end - 1_000_000_000L, end, 0);
    loop.submit(() -> {
      publisher.start(); // its first timer is due at once, but runs only after this task
      publisher.stop();
    }).get(10, TimeUnit.SECONDS);
    loop.submit(() -> { }).get(10, TimeUnit.SECONDS); // a timer that stop() failed to cancel would have run by now

    assertEquals(1, run.metrics().counter(Counters.messagesPublished(1)), "the window of 1");
    assertEquals(4, run.metrics().counter(Counters.messagesNotSent(1)), "planned 5 = published 1 + not sent 4");
    assertEquals(4, run.metrics().counter(Counters.MESSAGES_NOT_SENT_QUEUED_AT_HOLD_END));
  }

  @Test
  void messagesQueuedBehindTheWindowAtTheHoldsEndAreCountedNotSent() throws Exception {
    RunScope run = new RunScope();
    EventLoop loop = group.next();
    MqttConnection connection = new ClientTransport(TransportSettings.of(silentBroker(), MqttVersion.V5,
        Duration.ofSeconds(5))).newConnection(loop, run.events());
    assertTrue(connection.connect(new ConnectOptions("pub-0", true, 60, null, null, null, 0))
        .get(10, TimeUnit.SECONDS).connected());
    assertEquals(1, connection.connAck().receiveMaximum());

    // 5 messages at 5/s, all due already: one fire sends them at once; the window takes 1, the queue 4
    PublishingSpec spec = new PublishingSpec(s -> "t", s -> 0, 5, 1, 32, 0);
    long end = System.nanoTime();
    MessagePublisher publisher = new MessagePublisher(connection, run, "t", 0, spec, end - 1_000_000_000L, end, 0);
    loop.submit(publisher::start).get(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (run.metrics().counter(Counters.messagesPublished(1)) == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the publisher's first timer runs on the loop
    }
    loop.submit(publisher::stop).get(10, TimeUnit.SECONDS); // the hold's end

    assertEquals(1, run.metrics().counter(Counters.messagesPublished(1)), "the window of 1");
    assertEquals(4, run.metrics().counter(Counters.messagesNotSent(1)), "planned 5 = published 1 + not sent 4");
    assertEquals(4, run.metrics().counter(Counters.MESSAGES_NOT_SENT_QUEUED_AT_HOLD_END));
    assertEquals(0, run.metrics().counter(Counters.MESSAGES_NOT_SENT_NOT_CONNECTED));
    assertEquals(0, run.metrics().counter(Counters.MESSAGES_NOT_SENT_SESSION_ENDED));
    assertEquals(0, run.metrics().counter(Counters.messagesAcknowledged(1)));

    // leaving afterwards finds nothing queued: the clean session's close drops nothing more
    connection.disconnect().get(10, TimeUnit.SECONDS);
    assertEquals(4, run.metrics().counter(Counters.messagesNotSent(1)));
    assertEquals(0, run.metrics().counter(Counters.MESSAGES_NOT_SENT_SESSION_ENDED));
  }
}
