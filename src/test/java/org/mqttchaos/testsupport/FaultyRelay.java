package org.mqttchaos.testsupport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small faulty broker for tests: a TCP relay on loopback in front of a real broker that parses MQTT 3.1.1 both
 * ways (netty-codec-mqtt) and breaks the broker's deliveries to subscribers in one chosen way, on every connection
 * and counted per connection, so a test knows exactly how many faults it caused:
 * <ul>
 *   <li>{@link Fault#DROP_QOS1}: every Nth QoS 1 PUBLISH to a client is not delivered; the relay answers the broker's
 *   PUBLISH with PUBACK itself, as a broker that acknowledged and then lost it would (so the real broker keeps
 *   sending: its in-flight window does not fill);</li>
 *   <li>{@link Fault#DUPLICATE_QOS2}: every Nth QoS 2 PUBLISH to a client is delivered twice, the copy under a new
 *   packet identifier with DUP 0, as a buggy broker would; the relay completes the copy's PUBREC / PUBREL / PUBCOMP
 *   with the client itself;</li>
 *   <li>{@link Fault#SWAP}: every Nth PUBLISH to a client is held back and delivered right after the next one (a
 *   held PUBLISH with no next one stays held).</li>
 * </ul>
 * Everything else passes through unchanged. One event loop; a connection's two channels share it.
 */
public final class FaultyRelay implements AutoCloseable {
  /** What the relay breaks. */
  public enum Fault { NONE, DROP_QOS1, DUPLICATE_QOS2, SWAP }

  private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final InetSocketAddress broker;
  private final Fault fault;
  private final int every;
  private final AtomicInteger injected = new AtomicInteger();
  private final Channel server;

  private FaultyRelay(InetSocketAddress broker, Fault fault, int every) throws InterruptedException {
    this.broker = broker;
    this.fault = fault;
    this.every = every;
    server = new ServerBootstrap()
        .group(loops)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.AUTO_READ, false)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new MqttDecoder(), MqttEncoder.INSTANCE, new ClientSide());
          }
        })
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
  }

  /** Starts a relay on a free loopback port in front of {@code broker}, breaking every {@code every}th delivery. */
  public static FaultyRelay start(InetSocketAddress broker, Fault fault, int every) {
    if (every < 1) {
      throw new IllegalArgumentException("every must be >= 1: " + every);
    }
    try {
      return new FaultyRelay(broker, fault, every);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding the relay", e);
    }
  }

  /** Where clients connect. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** Faults injected so far, over all connections: PUBLISHes dropped, duplicated, or held back and swapped. */
  public int injected() {
    return injected.get();
  }

  @Override
  public void close() {
    server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }

  /** The client's side of one relayed connection: opens the broker's side, then passes the client's packets on. */
  private final class ClientSide extends ChannelInboundHandlerAdapter {
    private Channel toBroker;
    private final Set<Integer> copies = new HashSet<>(); // packet ids of QoS 2 copies the relay made
    private int nextCopyId = 65535;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      Channel client = ctx.channel();
      new Bootstrap()
          .group(client.eventLoop())
          .channel(NioSocketChannel.class)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new MqttDecoder(), MqttEncoder.INSTANCE, new BrokerSide(client, ClientSide.this));
            }
          })
          .connect(broker).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
              toBroker = f.channel();
              client.config().setAutoRead(true);
            } else {
              client.close();
            }
          });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      MqttMessage m = (MqttMessage) msg;
      if (m.decoderResult().isFailure()) {
        ReferenceCountUtil.release(msg);
        ctx.close();
        return;
      }
      MqttMessageType type = m.fixedHeader().messageType();
      if ((type == MqttMessageType.PUBREC || type == MqttMessageType.PUBCOMP)
          && m.variableHeader() instanceof MqttMessageIdVariableHeader id && copies.contains(id.messageId())) {
        if (type == MqttMessageType.PUBREC) {
          ctx.writeAndFlush(idPacket(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE, id.messageId()));
        } else {
          copies.remove(id.messageId());
        }
        return; // the broker never sent this copy: it must not see its acknowledgements
      }
      toBroker.writeAndFlush(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (toBroker != null) {
        toBroker.close();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }

    int copyId() {
      int id = nextCopyId--;
      copies.add(id);
      return id;
    }
  }

  /** The broker's side of one relayed connection: passes the broker's packets to the client, breaking some. */
  private final class BrokerSide extends ChannelInboundHandlerAdapter {
    private final Channel client;
    private final ClientSide clientSide;
    private int qos1;
    private int qos2;
    private int publishes;
    private MqttPublishMessage held;

    BrokerSide(Channel client, ClientSide clientSide) {
      this.client = client;
      this.clientSide = clientSide;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof MqttPublishMessage p) || fault == Fault.NONE) {
        client.writeAndFlush(msg);
        return;
      }
      int qos = p.fixedHeader().qosLevel().value();
      if (fault == Fault.DROP_QOS1 && qos == 1 && ++qos1 % every == 0) {
        injected.incrementAndGet();
        int id = p.variableHeader().packetId();
        p.release();
        ctx.writeAndFlush(idPacket(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE, id));
      } else if (fault == Fault.DUPLICATE_QOS2 && qos == 2 && ++qos2 % every == 0) {
        injected.incrementAndGet();
        MqttPublishMessage copy = new MqttPublishMessage(
            new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.EXACTLY_ONCE, false, 0),
            new MqttPublishVariableHeader(p.variableHeader().topicName(), clientSide.copyId()),
            p.payload().retainedDuplicate());
        client.write(p);
        client.writeAndFlush(copy);
      } else if (fault == Fault.SWAP) {
        publishes++;
        if (held != null) {
          client.write(p);
          client.writeAndFlush(held);
          held = null;
        } else if (publishes % every == 0) {
          injected.incrementAndGet();
          held = p;
        } else {
          client.writeAndFlush(p);
        }
      } else {
        client.writeAndFlush(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (held != null) {
        held.release();
        held = null;
      }
      client.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static MqttMessage idPacket(MqttMessageType type, MqttQoS qos, int id) {
    return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 2), MqttMessageIdVariableHeader.from(id));
  }
}
