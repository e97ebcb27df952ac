package org.mqttchaos.testsupport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntPredicate;

/**
 * A TCP relay in front of a broker for integration tests, on a free loopback port, that knows MQTT's framing: each
 * packet is forwarded whole, or dropped when the direction's rule says so (by packet type, 1 CONNECT ... 14
 * DISCONNECT: 3 PUBLISH, 4 PUBACK, 5 PUBREC, 6 PUBREL, 7 PUBCOMP), which lets a test lose exactly the packets it
 * means to. {@link #cut()} ends every relayed connection abruptly (RST to both sides), as a network fault would;
 * new connections are relayed as before. Counts what it dropped, by direction and type, and lets a test await
 * them. Blocking sockets, two threads per relayed connection: for a handful of test clients only.
 */
public final class MqttRelay implements AutoCloseable {
  private static final long CONNECT_TIMEOUT_MS = 5_000;

  private final InetSocketAddress broker;
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final int[][] dropped = new int[2][16]; // [toBroker 0 | toClient 1][type], guarded by this
  private volatile IntPredicate dropToBroker = type -> false;
  private volatile IntPredicate dropToClient = type -> false;
  private volatile boolean closed;

  private MqttRelay(InetSocketAddress broker, ServerSocket server) {
    this.broker = broker;
    this.server = server;
  }

  /** Starts relaying from a free loopback port to {@code broker}. */
  public static MqttRelay start(InetSocketAddress broker) {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      MqttRelay relay = new MqttRelay(broker, server);
      Thread acceptor = new Thread(relay::accept, "mqtt-relay-accept");
      acceptor.setDaemon(true);
      acceptor.start();
      return relay;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the relay", e);
    }
  }

  /** Where clients connect. */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
  }

  /** Client-to-broker packets of the types {@code rule} matches are dropped from now on. */
  public void dropToBroker(IntPredicate rule) {
    dropToBroker = rule;
  }

  /** Broker-to-client packets of the types {@code rule} matches are dropped from now on. */
  public void dropToClient(IntPredicate rule) {
    dropToClient = rule;
  }

  /** Forwards every packet again, both ways. */
  public void dropNothing() {
    dropToBroker = type -> false;
    dropToClient = type -> false;
  }

  /** Packets of {@code type} dropped so far on their way to the broker ({@code toClient} false) or the client. */
  public synchronized int dropped(boolean toClient, int type) {
    return dropped[toClient ? 1 : 0][type];
  }

  /** Waits until {@code count} packets of {@code type} were dropped in that direction; fails after the timeout. */
  public synchronized void awaitDropped(boolean toClient, int type, int count, long timeoutSeconds)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (dropped[toClient ? 1 : 0][type] < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException(dropped[toClient ? 1 : 0][type] + " of " + count + " packets of type " + type
            + " dropped " + (toClient ? "to the client" : "to the broker"));
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Ends every relayed connection at once with RST on both sides, nothing more forwarded. */
  public void cut() {
    for (Socket s : sockets) {
      try {
        s.setSoLinger(true, 0);
        s.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
    sockets.clear();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    cut();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(broker, (int) CONNECT_TIMEOUT_MS);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream, false);
        pump(upstream, client, true);
      } catch (IOException e) {
        if (!closed) {
          System.err.println("relay: " + e);
        }
      }
    }
  }

  private void pump(Socket from, Socket to, boolean toClient) {
    Thread t = new Thread(() -> {
      try (from; to) {
        DataInputStream in = new DataInputStream(from.getInputStream());
        OutputStream out = to.getOutputStream();
        while (true) {
          byte[] packet = readPacket(in);
          int type = (packet[0] & 0xFF) >> 4;
          if ((toClient ? dropToClient : dropToBroker).test(type)) {
            synchronized (this) {
              dropped[toClient ? 1 : 0][type]++;
              notifyAll();
            }
          } else {
            out.write(packet);
            out.flush();
          }
        }
      } catch (IOException e) {
        // the connection ended, on either side: the other goes with it (try-with-resources)
      }
    }, "mqtt-relay-" + (toClient ? "down" : "up"));
    t.setDaemon(true);
    t.start();
  }

  /** One whole MQTT packet: fixed header byte, remaining length (variable byte integer), body. */
  private static byte[] readPacket(DataInputStream in) throws IOException {
    int first = in.read();
    if (first < 0) {
      throw new EOFException();
    }
    byte[] header = new byte[5];
    header[0] = (byte) first;
    int length = 0;
    int n = 1;
    for (int shift = 0; ; shift += 7) {
      int b = in.readUnsignedByte();
      header[n++] = (byte) b;
      length |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      if (n == 5) {
        throw new IOException("malformed remaining length");
      }
    }
    byte[] packet = new byte[n + length];
    System.arraycopy(header, 0, packet, 0, n);
    in.readFully(packet, n, length);
    return packet;
  }
}
