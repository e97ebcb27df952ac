package org.mqttchaos.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;

/** Test event loops of both transports, made on first use and shut down by {@link #close()}. */
final class Loops implements AutoCloseable {
  private EventLoopGroup nio;
  private EventLoopGroup epoll;

  /** A loop of the named transport, "nio" or "epoll"; skips the test when epoll is not available here. */
  EventLoop next(String transport) {
    if (transport.equals("epoll")) {
      assumeTrue(Epoll.isAvailable(), "epoll not available: " + Epoll.unavailabilityCause());
      if (epoll == null) {
        epoll = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
      }
      return epoll.next();
    }
    if (nio == null) {
      nio = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }
    return nio.next();
  }

  @Override
  public void close() throws Exception {
    for (EventLoopGroup g : new EventLoopGroup[] {nio, epoll}) {
      if (g != null) {
        g.shutdownGracefully(0, 2, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
      }
    }
  }
}
