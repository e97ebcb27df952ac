package org.mqttchaos.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoEventLoop;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.mqttchaos.client.tls.TlsConfigException;

/**
 * Opens the TCP connections of one run: one instance shared by every {@link MqttConnection}, thread-safe.
 * Picks epoll or NIO to match each connection's event loop and spreads sockets over the source addresses.
 */
public final class ClientTransport {
  /**
   * Reads of 2 KB at a time, up to 16 per wake-up: an MQTT client reads small packets, and the adaptive policy
   * Netty uses by default keeps ~100 B of sizing state per channel (measured with bench/heap). Adaptive grows a
   * read up to 64 KB for a fast subscriber; 16 reads of 2 KB per wake-up serve 32 KB.
   */
  private static final RecvByteBufAllocator RECEIVE_SIZES = new FixedRecvByteBufAllocator(2048)
      .maxMessagesPerRead(16); // what Netty gives a socket channel's own allocator; a shared one starts at 1

  private final TransportSettings settings;
  private final List<InetSocketAddress> sources;
  private final AtomicInteger nextSource = new AtomicInteger();
  private final AtomicInteger nextIndex = new AtomicInteger();
  private final boolean ipv4;
  private final TransportObserver observer;
  private final Dialer dialer = new Dialer() {
    @Override
    public ChannelFuture dial(EventLoop loop, ChannelHandler handler, String clientId, int resumptionKey) {
      return ClientTransport.this.dial(loop, handler, clientId, resumptionKey);
    }

    @Override
    public Duration connectTimeout() {
      return settings.connectTimeout();
    }

    @Override
    public String target() {
      return settings.brokerLabel();
    }
  };

  public ClientTransport(TransportSettings settings) {
    this(settings, TransportObserver.NONE);
  }

  /** @param observer told how each TLS or WebSocket transport came up; plain TCP dials do not call it */
  public ClientTransport(TransportSettings settings, TransportObserver observer) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.sources = settings.sourceAddresses().stream().map(a -> new InetSocketAddress(a, 0)).toList();
    this.ipv4 = settings.broker().getAddress() instanceof Inet4Address;
  }

  public TransportSettings settings() {
    return settings;
  }

  /**
   * A new, disconnected connection bound to {@code loop} for its whole life.
   *
   * @throws IllegalArgumentException if the loop is neither an epoll nor a NIO loop
   */
  public MqttConnection newConnection(EventLoop loop, ConnectionListener listener) {
    return newConnection(loop, listener, "");
  }

  /** As {@link #newConnection(EventLoop, ConnectionListener)}, labelled (see {@link Attempt#label}). */
  public MqttConnection newConnection(EventLoop loop, ConnectionListener listener, String label) {
    channelFactoryFor(loop); // fail here, at set-up, rather than on the first connect
    // Each connection resumes only its own TLS session: the first connect of every client is a full handshake.
    int resumptionKey = settings.tls() != null ? settings.tls().newResumptionKey() : -1;
    return new MqttConnection(loop, dialer, settings.version(), listener,
        nextIndex.getAndIncrement(), label, resumptionKey);
  }

  /**
   * Opens one client transport on {@code loop}: what Netty's Bootstrap does, without building a Bootstrap, its
   * option maps and a ChannelInitializer for every connect (~1 KB of garbage per connect under churn).
   */
  ChannelFuture dial(EventLoop loop, ChannelHandler handler, String clientId, int resumptionKey) {
    Channel channel = channelFactoryFor(loop, ipv4).newChannel();
    ChannelConfig config = channel.config();
    // TCP_NODELAY is on already: Netty's socket channels set it when they are made.
    // Netty's default allocator (4.2: the adaptive pooling one, shared with an embedded broker in the same JVM).
    // Unpooled direct buffers cost a malloc, a zeroing, a Cleaner and a free for every read and every encoded
    // packet: ~22 per QoS 1 message in a 10-subscriber fan-in, 2-3% of bench/run pubsub's CPU at 2,000 msg/s. The
    // pool did not raise bench/run idle's peak RSS (19,900 idle clients: 211 and 206 MB unpooled, 208 and 205 MB
    // pooled; docs/jvm-tuning.md), unlike the pooled arenas measured before.
    config.setAllocator(ByteBufAllocator.DEFAULT);
    // One receive-size policy for all channels: Netty makes one per channel otherwise.
    config.setRecvByteBufAllocator(RECEIVE_SIZES);
    // MqttConnection's own timer bounds the whole attempt; a second timer would race it.
    config.setConnectTimeoutMillis(0);
    InetSocketAddress source = null;
    if (!sources.isEmpty()) {
      if (isEpoll(loop)) {
        // Without it, bind() picks the port before connect() and searches among TIME_WAIT sockets under churn.
        config.setOption(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
      }
      source = sources.get(Math.floorMod(nextSource.getAndIncrement(), sources.size()));
    }
    ChannelPromise connected = channel.newPromise();
    InetSocketAddress from = source;
    BrokerUrl url = settings.url();
    boolean layered = url.tls() || url.webSocket();
    // The attempt's client ID chooses its device certificate, when the transport has per-device ones.
    TransportTimings timings = layered ? new TransportTimings(clientId, System.nanoTime()) : null;
    // On the loop itself registration completes at once; the broker address was resolved once, by the caller.
    loop.register(channel).addListener(registered -> {
      if (!registered.isSuccess()) {
        channel.unsafe().closeForcibly();
        connected.setFailure(registered.cause());
        return;
      }
      // Handlers added after registration are set up at once, not queued until it (a task per handler).
      if (!layered) {
        MqttPipeline.install(channel.pipeline(), handler);
        channel.connect(settings.broker(), from, connected);
        return;
      }
      // TLS or WebSocket: `connected` completes when the whole transport is ready, not when TCP is.
      channel.attr(TransportTimings.KEY).set(timings);
      TransportGate gate;
      try {
        gate = TransportLayers.install(channel, settings, clientId, resumptionKey, timings, connected, observer);
      } catch (RuntimeException e) { // e.g. a device without a certificate
        timings.failed(TransportStage.TLS, Failures.reason(e));
        observer.onTransport(timings);
        channel.unsafe().closeForcibly();
        connected.setFailure(new TransportException(TransportStage.TLS, e instanceof TlsConfigException
            ? ConnectFailure.TLS_DEVICE_CERT_MISSING : ConnectFailure.TLS_OTHER, Failures.reason(e), e));
        return;
      }
      MqttPipeline.install(channel.pipeline(), handler);
      ChannelPromise tcp = channel.newPromise();
      tcp.addListener(f -> gate.onTcp((ChannelFuture) f));
      channel.connect(settings.broker(), from, tcp);
    });
    return connected;
  }

  static ChannelFactory<? extends Channel> channelFactoryFor(EventLoop loop) {
    return channelFactoryFor(loop, false);
  }

  /**
   * @param ipv4 the broker has an IPv4 address: an IPv4 socket, not the dual-stack one epoll opens by default,
   *             which takes the kernel's IPv6 paths for every socket, bind and connect
   */
  static ChannelFactory<? extends Channel> channelFactoryFor(EventLoop loop, boolean ipv4) {
    if (isEpoll(loop)) {
      return ipv4 ? () -> new EpollSocketChannel(SocketProtocolFamily.INET) : EpollSocketChannel::new;
    }
    if (loop instanceof IoEventLoop io && io.isCompatible(NioIoHandle.class)) {
      return NioSocketChannel::new;
    }
    throw new IllegalArgumentException(
        "unsupported event loop " + loop.getClass().getName() + ": need an epoll or NIO IoEventLoop");
  }

  static boolean isEpoll(EventLoop loop) {
    return loop instanceof IoEventLoop io && io.isCompatible(EpollIoHandle.class);
  }
}
