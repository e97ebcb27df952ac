package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mqttchaos.testsupport.MosquittoBroker;

/**
 * Brokers that misbehave, each a small server inside the test on a loopback port: the run counts every connect
 * attempt once under its reason, exits with the code README gives, ends with advice that names what happened, and
 * prints no stack trace, with wills (and so the will observer, a client of the same broker) on and off.
 */
class HostileBrokersIT {
  private static final int CLIENTS = 4;
  private static final byte[] CONNACK_ACCEPTED = {0x20, 0x02, 0x00, 0x00};
  private static final byte[] CONNACK_NOT_AUTHORIZED = {0x20, 0x02, 0x00, 0x05};
  /** MQTT 5: flags, reason code, an empty properties length. */
  private static final byte[] CONNACK_ACCEPTED_5 = {0x20, 0x03, 0x00, 0x00, 0x00};
  private static final byte[] CONNACK_NOT_AUTHORIZED_5 = {0x20, 0x03, 0x00, (byte) 0x87, 0x00};
  /** A fixed header whose remaining length is the largest MQTT can state: 268,435,455 bytes. */
  private static final byte[] HUGE_LENGTH = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};

  @TempDir
  Path results;

  /** How a hostile broker treats each connection it accepts. */
  enum Hostile {
    /** Closes every connection at once on accept. */
    CLOSES_AT_ONCE,
    /** Reads everything and never answers. */
    NEVER_ANSWERS,
    /** Answers CONNECT with 4 KB of random bytes. */
    RANDOM_BYTES,
    /** Answers CONNECT with a CONNACK header whose remaining length is 268 MB. */
    HUGE_CONNACK,
    /** Answers CONNECT with CONNACK return code 5, not authorized (and then waits for the client to close). */
    NOT_AUTHORIZED,
    /** Answers CONNECT with an accepting CONNACK, one byte a second. */
    ONE_BYTE_A_SECOND,
    /** An accepting CONNACK, then bytes that are no MQTT packet. */
    GARBAGE_AFTER_CONNACK,
    /** An accepting CONNACK, then a PUBLISH header whose remaining length is 256 MB. */
    HUGE_PUBLISH,
    /** Nothing listens on the port. */
    NOTHING_LISTENS
  }

  /**
   * Each hostile broker over MQTT 3.1.1 with wills on: the users meet it as they would with wills off, and the will
   * observer, a client of the same broker, meets it too; a few over MQTT 5, whose decoder reads more, with wills off
   * (the run without an observer).
   */
  static Stream<Arguments> brokers() {
    List<Arguments> all = new ArrayList<>();
    for (Hostile h : Hostile.values()) {
      all.add(Arguments.of(h, true, "3.1.1"));
    }
    for (Hostile h : List.of(Hostile.RANDOM_BYTES, Hostile.NOT_AUTHORIZED, Hostile.GARBAGE_AFTER_CONNACK)) {
      all.add(Arguments.of(h, false, "5"));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, wills {1}, MQTT {2}")
  @MethodSource("brokers")
  void aHostileBrokerIsCountedAndNamedWithoutAStackTrace(Hostile hostile, boolean wills, String version)
      throws Exception {
    Outcome o;
    if (hostile == Hostile.NOTHING_LISTENS) {
      o = run(MosquittoBroker.freePort(), wills, version);
    } else {
      try (HostileBroker broker = new HostileBroker(hostile, version.equals("5"))) {
        o = run(broker.port(), wills, version);
      }
    }
    String console = o.console();
    assertFalse(console.contains("Exception") || console.contains("\tat ") || console.contains("Run crashed"),
        "no stack trace:\n" + console);

    JsonNode connects = o.summary().get("connects");
    long attempted = connects.get("attempted").asLong();
    long succeeded = connects.get("succeeded").asLong();
    long failed = connects.get("failed").asLong();
    assertTrue(attempted >= CLIENTS, "every client tried: " + connects);
    assertEquals(attempted, succeeded + failed, "attempted = succeeded + failed: " + connects);
    long byReason = 0;
    for (Iterator<JsonNode> it = connects.get("failedBy").elements(); it.hasNext(); ) {
      byReason += it.next().asLong();
    }
    assertEquals(failed, byReason, "each failure under one reason: " + connects);

    switch (hostile) {
      case GARBAGE_AFTER_CONNACK, HUGE_PUBLISH -> {
        assertEquals(0, o.exit(), console);
        assertEquals(CLIENTS, succeeded, connects.toString());
        assertEquals(CLIENTS, o.summary().get("flaps").get("protocolErrors").asLong(), console);
        assertTrue(console.contains(CLIENTS + " connections closed on a protocol error: the broker sent bytes that"
            + " are not MQTT"), "the close is named: " + console);
      }
      default -> {
        assertEquals(MqttChaos.EXIT_NO_CONNECTION, o.exit(), console);
        assertEquals(0, succeeded, connects.toString());
        String reason = switch (hostile) {
          case CLOSES_AT_ONCE -> "closed-before-connack";
          case NEVER_ANSWERS, ONE_BYTE_A_SECOND -> "connack-timeout";
          case NOT_AUTHORIZED -> "connack-refused";
          case NOTHING_LISTENS -> "tcp-refused";
          default -> "protocol-error";
        };
        assertEquals(Set.of(reason), fieldNames(connects.get("failedBy")), connects.toString());
        String advice = switch (hostile) {
          case CLOSES_AT_ONCE -> "the broker closed every connection before CONNACK";
          case NEVER_ANSWERS, ONE_BYTE_A_SECOND -> "the broker accepted TCP but never answered CONNECT within"
              + " broker.connectTimeout";
          case NOT_AUTHORIZED -> "the broker refused every CONNECT (CONNACK " + (version.equals("5") ? "0x87"
              : "0x05") + " not authorized): check broker.username/password";
          case NOTHING_LISTENS -> "nothing listens on 127.0.0.1:";
          default -> "the broker answered CONNECT with bytes that are not MQTT";
        };
        assertTrue(console.contains(advice), "advice '" + advice + "' in:\n" + console);
        assertFalse(console.contains("is the broker running and reachable?"), console);
      }
    }
    if (hostile == Hostile.HUGE_CONNACK || hostile == Hostile.HUGE_PUBLISH) {
      // the decoder's own words, once, and the 256 MB are never read
      assertTrue(console.contains("protocol error: the broker sent a packet that does not decode (message length"
          + " exceeds 1048576: 268435455)"), console);
    }
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new java.util.TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** What one run printed and wrote. */
  private record Outcome(int exit, String console, JsonNode summary) {}

  /** quickstart.yaml against tcp://127.0.0.1:{@code port}, a few clean clients, short holds, a 2 s connect timeout. */
  private Outcome run(int port, boolean wills, String version) throws IOException {
    List<String> args = new ArrayList<>(List.of("run", "profiles/quickstart.yaml", "--results-dir",
        results.toString(), "--warm-up", "0", "--set", "broker.url=tcp://127.0.0.1:" + port,
        "--set", "broker.connectTimeout=2s",
        "--set", "load.clients=" + CLIENTS, "--set", "load.rampDuration=1s", "--set", "load.hold=1s",
        "--set", "sessions.cleanRatio=1", "--set", "will.ratio=" + (wills ? 1 : 0),
        "--set", "broker.mqttVersion=" + version));
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8);
    System.setOut(new PrintStream(new Tee(out, both), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(err, both), true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = MqttChaos.execute(args.toArray(String[]::new));
    } finally {
      System.out.flush();
      System.err.flush();
      System.setOut(out);
      System.setErr(err);
    }
    return new Outcome(exit, printed.toString(StandardCharsets.UTF_8), QuickstartRuns.read(results, "summary.json"));
  }


  /**
   * A broker that misbehaves as {@link Hostile} says, on 127.0.0.1 and a free port: one thread accepts, one thread
   * per connection. Bounded: each connection's thread ends when the client closes, on its own deadline, or when the
   * broker is closed, which closes every socket.
   */
  static final class HostileBroker implements AutoCloseable {
    /** No connection is served longer than this. */
    private static final int MAX_CONNECTION_MILLIS = 10_000;
    private final Hostile behaviour;
    private final byte[] accepted;
    private final byte[] notAuthorized;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "hostile-broker");
      t.setDaemon(true);
      return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Random random = new Random(13);

    HostileBroker(Hostile behaviour, boolean v5) throws IOException {
      this.behaviour = behaviour;
      this.accepted = v5 ? CONNACK_ACCEPTED_5 : CONNACK_ACCEPTED;
      this.notAuthorized = v5 ? CONNACK_NOT_AUTHORIZED_5 : CONNACK_NOT_AUTHORIZED;
      this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
      threads.execute(this::acceptAll);
    }

    int port() {
      return server.getLocalPort();
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
      try (s) {
        s.setSoTimeout(MAX_CONNECTION_MILLIS);
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        switch (behaviour) {
          case CLOSES_AT_ONCE -> {
            return;
          }
          case NEVER_ANSWERS -> drain(in);
          case RANDOM_BYTES -> {
            skipPacket(in);
            byte[] noise = new byte[4096];
            synchronized (random) {
              random.nextBytes(noise);
            }
            noise[0] = (byte) 0x0F; // packet type 0 is reserved: never a packet, whatever the seed
            out.write(noise);
            drain(in);
          }
          case HUGE_CONNACK -> {
            skipPacket(in);
            out.write(0x20);
            out.write(HUGE_LENGTH);
            drain(in);
          }
          case NOT_AUTHORIZED -> {
            skipPacket(in);
            out.write(notAuthorized);
            drain(in);
          }
          case ONE_BYTE_A_SECOND -> {
            skipPacket(in);
            for (byte b : accepted) { // stops after the CONNACK's bytes, a second each
              out.write(b);
              out.flush();
              Thread.sleep(1000);
            }
          }
          case GARBAGE_AFTER_CONNACK -> {
            skipPacket(in);
            out.write(accepted);
            out.write("garbage, not MQTT".getBytes(StandardCharsets.US_ASCII));
            drain(in);
          }
          case HUGE_PUBLISH -> {
            skipPacket(in);
            out.write(accepted);
            out.write(0x30);
            out.write(HUGE_LENGTH);
            out.write(new byte[1024]);
            drain(in);
          }
          default -> throw new IllegalStateException(behaviour.name());
        }
      } catch (IOException | InterruptedException gone) {
        // the client closed, the deadline passed, or the broker is closing
      } finally {
        open.remove(s);
      }
    }

    /** Reads one packet (fixed header, remaining length, body) and ignores it. */
    private static void skipPacket(InputStream in) throws IOException {
      if (in.read() < 0) {
        throw new IOException("closed");
      }
      int length = 0;
      for (int shift = 0, b = 0x80; (b & 0x80) != 0 && shift <= 21; shift += 7) {
        b = in.read();
        if (b < 0) {
          throw new IOException("closed");
        }
        length |= (b & 0x7F) << shift;
      }
      in.readNBytes(length);
    }

    /** Reads and ignores everything until the client closes (or the deadline passes). */
    private static void drain(InputStream in) throws IOException {
      byte[] buf = new byte[4096];
      while (in.read(buf) >= 0) {
        // nothing: this broker does not answer
      }
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
}
