package org.mqttchaos.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small MQTT broker (3.1.1 and 5) on 127.0.0.1 and a free port that throttles one client ID the way EMQX throttles
 * a same-ID reconnect loop: after its first two CONNECTs, that ID's CONNECTs are refused every other time, with
 * CONNACK 0x9F (MQTT 5, Connection rate exceeded) or return code 3 (3.1.1, Server unavailable), and once it has
 * accepted {@code accepts} of them every later one is refused. Every other client ID is accepted. An accepted CONNECT takes over the ID's live
 * connection (MQTT 5: DISCONNECT 0x8E first, [MQTT-3.1.4-3]); PINGREQ is answered; DISCONNECT ends the connection.
 * It counts what it did, so a test can compare the harness's figures with the truth: {@link #takeovers()},
 * {@link #refusals()}.
 *
 * <p>Bounded: one thread accepts, one thread per connection, each ends when its client closes, after 60 s
 * without a byte, or when the broker is closed, which closes every socket.
 */
public final class ThrottlingBroker implements AutoCloseable {
  private static final int IDLE_MILLIS = 60_000;
  private final String throttledId;
  private final int accepts;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "throttling-broker");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<String, Socket> live = new HashMap<>(); // guarded by itself
  private final Map<String, Integer> connects = new HashMap<>(); // CONNECTs of the throttled ID, guarded by live
  private final AtomicLong takeovers = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private int accepted; // CONNECTs of the throttled ID accepted, guarded by live

  /**
   * @param throttledId the client ID whose CONNECTs are refused every other time (the 3rd, 5th...)
   * @param accepts     how many of its CONNECTs are accepted at most; every one after them is refused
   */
  public ThrottlingBroker(String throttledId, int accepts) throws IOException {
    this.throttledId = throttledId;
    this.accepts = accepts;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptAll);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Live connections this broker closed because a newer one of the same client ID was accepted. */
  public long takeovers() {
    return takeovers.get();
  }

  /** CONNECTs refused with the throttling code. */
  public long refusals() {
    return refusals.get();
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        threads.execute(() -> serve(s));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    String clientId = null;
    try (s) {
      s.setSoTimeout(IDLE_MILLIS);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      byte[] connect = packet(in, 0x10);
      boolean v5 = connect[6] == 5; // after the protocol name "MQTT": the protocol level
      clientId = clientId(connect, v5);
      if (refuse(clientId)) {
        out.write(v5 ? new byte[] {0x20, 0x03, 0x00, (byte) 0x9F, 0x00} : new byte[] {0x20, 0x02, 0x00, 0x03});
        out.flush();
        return;
      }
      Socket older;
      synchronized (live) {
        older = live.put(clientId, s);
        out.write(v5 ? new byte[] {0x20, 0x03, 0x00, 0x00, 0x00} : new byte[] {0x20, 0x02, 0x00, 0x00});
        out.flush();
        if (older != null) {
          takeovers.incrementAndGet();
          if (v5) {
            older.getOutputStream().write(new byte[] {(byte) 0xE0, 0x02, (byte) 0x8E, 0x00}); // session taken over
          }
          older.close();
        }
      }
      while (true) {
        int type = in.read();
        if (type < 0) {
          return;
        }
        body(in);
        if ((type & 0xF0) == 0xC0) {
          synchronized (live) {
            out.write(new byte[] {(byte) 0xD0, 0x00}); // PINGRESP
          }
        } else if ((type & 0xF0) == 0xE0) {
          return; // DISCONNECT
        }
      }
    } catch (IOException gone) {
      // the client closed, it was taken over, the idle deadline passed, or the broker is closing
    } finally {
      open.remove(s);
      if (clientId != null) {
        synchronized (live) {
          live.remove(clientId, s);
        }
      }
    }
  }

  /**
   * Counts a CONNECT of the throttled ID: the first two are accepted (a client's first connect must succeed for it
   * to stay), then every other one is refused, and every one once {@code accepts} were accepted.
   */
  private boolean refuse(String clientId) {
    if (!clientId.equals(throttledId)) {
      return false;
    }
    synchronized (live) {
      int n = connects.merge(clientId, 1, Integer::sum); // 1-based
      boolean refused = (n >= 3 && n % 2 == 1) || accepted >= accepts;
      if (refused) {
        refusals.incrementAndGet();
      } else {
        accepted++;
      }
      return refused;
    }
  }

  /** Reads one packet that must be of {@code type}; returns its variable header and payload. */
  private static byte[] packet(InputStream in, int type) throws IOException {
    int first = in.read();
    if (first < 0 || (first & 0xF0) != type) {
      throw new IOException("expected packet type " + type + ", got " + first);
    }
    return body(in);
  }

  private static byte[] body(InputStream in) throws IOException {
    int length = varInt(in);
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new IOException("closed");
    }
    return body;
  }

  private static int varInt(InputStream in) throws IOException {
    int value = 0;
    for (int shift = 0; shift <= 21; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed");
      }
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("malformed remaining length");
  }

  /** The client ID of a CONNECT's variable header and payload. */
  private static String clientId(byte[] connect, boolean v5) throws IOException {
    int at = 2 + 4 + 1 + 1 + 2; // protocol name "MQTT", level, flags, keep alive
    if (v5) {
      int properties = 0;
      int shift = 0;
      int b;
      do {
        b = connect[at++] & 0xFF;
        properties |= (b & 0x7F) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      at += properties;
    }
    int length = ((connect[at] & 0xFF) << 8) | (connect[at + 1] & 0xFF);
    return new String(connect, at + 2, length, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    threads.shutdownNow();
    threads.awaitTermination(5, TimeUnit.SECONDS);
  }
}
