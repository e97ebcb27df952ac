package org.mqttchaos.gatling;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mqttchaos.client.BrokerUrl;
import org.mqttchaos.client.ClientTransport;
import org.mqttchaos.client.ConnectOptions;
import org.mqttchaos.client.MqttConnection;
import org.mqttchaos.client.MqttVersion;
import org.mqttchaos.client.TransportSettings;
import org.mqttchaos.client.tls.CertMaker;
import org.mqttchaos.client.tls.ClientTls;
import org.mqttchaos.client.tls.Pem;
import org.mqttchaos.client.tls.TlsOptions;
import org.mqttchaos.client.tls.TlsProvider;
import org.mqttchaos.run.RunPhase;
import org.mqttchaos.run.RunScope;

/**
 * Warms the harness's connect path before a run, so the first seconds of a run are not spent in the
 * interpreter and JIT compiler: at 5,000 connects/s a cold JVM started users up to 250 ms late for ~3 s
 * (start-lag), which is the harness's delay, not the broker's. Runs connect-then-DISCONNECT cycles through
 * the same classes a virtual user uses ({@link MqttConnection}, the run's event stream,
 * {@link UserConnection}, Netty's transport and MQTT codec) against a stub broker in this process on
 * 127.0.0.1, measured into a throwaway {@link RunScope}. The broker under test sees none of it. A TLS run also
 * warms its TLS path (the provider's engine, Netty's SslHandler, certificate and host name verification): a
 * cold one started users up to 300 ms late in a TLS churn's first 5 s at 300 connects/s.
 */
public final class HarnessWarmUp {
  /**
   * Cycles by default: enough for the compiler's thresholds on every method of the connect path, with the
   * launcher's -XX:Tier3LoadFeedback (README, "JVM settings"); without it the compiler raises its thresholds
   * while its start-up queue is long, and the path was compiled only once the run had begun.
   */
  public static final int DEFAULT_CYCLES = 1000;
  /** TLS cycles at most, after the plain ones: enough for the TLS path's methods, each costing a handshake. */
  static final int MAX_TLS_CYCLES = 500;
  private static final int IN_FLIGHT = 32;
  private static final Duration BOUND = Duration.ofSeconds(20);

  private HarnessWarmUp() {}

  /**
   * Runs {@code cycles} connect-then-DISCONNECT cycles with MQTT {@code version}; returns how many
   * completed (fewer only if the bound of 20 s passed). Best effort: a failure here never stops a run.
   */
  public static int run(int cycles, MqttVersion version) {
    return run(cycles, version, null);
  }

  /**
   * As {@link #run(int, MqttVersion)}, then, when {@code tls} is not null, up to {@link #MAX_TLS_CYCLES} (at most
   * {@code cycles}) more over TLS with the run's provider, protocols, ciphers and resumption, against the stub behind
   * a throwaway certificate the cycles verify. Returns the cycles that completed, plain and TLS.
   */
  public static int run(int cycles, MqttVersion version, TlsOptions tls) {
    if (cycles <= 0) {
      return 0;
    }
    int done = run(cycles, version, null, null);
    if (tls == null) {
      return done;
    }
    Path ca = null;
    try {
      CertMaker.Identity authority = CertMaker.ca("mqtt-chaos warm-up CA", Duration.ofDays(1));
      CertMaker.Identity server = CertMaker.server(authority, Duration.ofDays(1), "localhost");
      ca = Files.createTempFile("mqtt-chaos-warm-up-ca", ".pem");
      Files.writeString(ca, Pem.write(authority.certificate()));
      ClientTls client = ClientTls.of(new TlsOptions(ca, null, null, null, "localhost", tls.protocols(),
          tls.ciphers(), false, tls.resumption(), null, null, null, tls.provider()));
      // the stub's side by OpenSSL where it loads, whatever the clients use: its handshakes cost the least CPU
      SslContext serverTls = SslContextBuilder.forServer(server.key(), server.chain())
          .sslProvider(TlsProvider.AUTO.resolve()).protocols(tls.protocols()).build();
      return done + run(Math.min(cycles, MAX_TLS_CYCLES), version, serverTls, client);
    } catch (IOException | RuntimeException e) {
      return done; // best effort, as the plain cycles
    } finally {
      if (ca != null) {
        try {
          Files.deleteIfExists(ca);
        } catch (IOException ignored) {
          // a temporary file left behind
        }
      }
    }
  }

  /** The cycles over plain TCP ({@code serverTls} null) or over TLS. */
  private static int run(int cycles, MqttVersion version, SslContext serverTls, ClientTls clientTls) {
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    try {
      Channel server = new ServerBootstrap()
          .group(group)
          .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
              if (serverTls != null) {
                ch.pipeline().addLast(serverTls.newHandler(ch.alloc()));
              }
              ch.pipeline().addLast(new StubBroker(version));
            }
          })
          .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
      try {
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        TransportSettings settings = TransportSettings.of(address, version, Duration.ofSeconds(5));
        if (clientTls != null) {
          settings = settings.withTransport(BrokerUrl.parse("mqtts://127.0.0.1:" + address.getPort()), clientTls);
        }
        ClientTransport transport = new ClientTransport(settings);
        RunScope scratch = new RunScope();
        EventLoop loop = group.next();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(Math.min(IN_FLIGHT, cycles));
        for (int i = 0; i < Math.min(IN_FLIGHT, cycles); i++) {
          loop.execute(() -> cycle(transport, scratch, loop, version, cycles, started, done, finished));
        }
        if (clientTls == null) {
          RunPhase.pausePoint(RunPhase.Phase.WARM_UP); // test hook: the stub is up and the cycles are going
        }
        finished.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        return done.get();
      } finally {
        server.close().syncUninterruptibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (RuntimeException e) {
      return 0;
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** One chain of cycles: connect, DISCONNECT, then the next cycle, until all cycles have started. */
  private static void cycle(ClientTransport transport, RunScope scratch, EventLoop loop, MqttVersion version,
      int cycles, AtomicInteger started, AtomicInteger done, CountDownLatch finished) {
    int n = started.getAndIncrement();
    if (n >= cycles) {
      finished.countDown();
      return;
    }
    MqttConnection connection = transport.newConnection(loop, scratch.events(), "plain");
    UserConnection user = new UserConnection(connection, scratch);
    ConnectOptions options = new ConnectOptions("warm-up-" + n, true, 60, null, null, null, 0);
    user.connect(attempt -> options)
        .thenCompose(result -> connection.disconnect())
        .whenComplete((ignored, error) -> {
          done.incrementAndGet();
          cycle(transport, scratch, loop, version, cycles, started, done, finished);
        });
  }

  /**
   * Answers CONNECT with CONNACK accepted, PINGREQ with PINGRESP, and closes on anything else: all a connect
   * cycle needs. It reads packet headers itself rather than through Netty's MQTT decoder, whose CONNECT path
   * would run interpreted and be compiled for the stub's sake alone.
   */
  private static final class StubBroker extends ByteToMessageDecoder {
    private final byte[] connAck;

    StubBroker(MqttVersion version) {
      // CONNACK, accepted, no session present; MQTT 5 adds an empty property length.
      this.connAck = version == MqttVersion.V5 ? new byte[] {0x20, 3, 0, 0, 0} : new byte[] {0x20, 2, 0, 0};
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      while (in.isReadable()) {
        int start = in.readerIndex();
        int type = (in.getUnsignedByte(start) >> 4) & 0x0F;
        int remaining = 0;
        int at = start + 1;
        for (int shift = 0; ; shift += 7) {
          if (at >= in.writerIndex()) {
            return; // header not complete yet
          }
          int b = in.getUnsignedByte(at++);
          remaining |= (b & 0x7F) << shift;
          if ((b & 0x80) == 0 || shift > 21) {
            break;
          }
        }
        if (in.writerIndex() - at < remaining) {
          return; // body not complete yet
        }
        in.readerIndex(at + remaining);
        if (type == 1) { // CONNECT
          ctx.writeAndFlush(Unpooled.wrappedBuffer(connAck));
        } else if (type == 12) { // PINGREQ
          ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {(byte) 0xD0, 0}));
        } else {
          in.skipBytes(in.readableBytes());
          ctx.close();
          return;
        }
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
