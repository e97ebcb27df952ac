package org.mqttchaos.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mqttchaos.broker.BrokerStartException;
import org.mqttchaos.broker.EmbeddedBroker;
import org.mqttchaos.broker.Listener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code mqtt-chaos broker}: the embedded broker on its own, for trying profiles against it from
 * another terminal. Runs until Ctrl-C (or SIGTERM, or an interrupt), then stops the broker and
 * returns 0; a port in use or a bad option is a one-line error and exit code 2. Over TLS it
 * prints where its throwaway CA (and, with client certificates, its device CA and key) are
 * written, as the --set options a profile run needs to trust it.
 */
@Command(
    name = "broker",
    description = "Run the embedded broker standalone until Ctrl-C",
    mixinStandardHelpOptions = true)
public final class BrokerCommand implements Callable<Integer> {

  static final int EXIT_CANNOT_START = 2;

  /** The listener of each --transport, and its default port. */
  private static final Map<String, Listener> LISTENERS = Map.of(
      "tcp", Listener.TCP, "tls", Listener.TLS, "ws", Listener.WS, "wss", Listener.WSS);
  private static final Map<String, Integer> DEFAULT_PORTS = Map.of(
      "tcp", 1883, "tls", 8883, "ws", 8080, "wss", 8443);

  @Option(names = "--port", paramLabel = "PORT",
      description = "Port, 0 for any free one (default: 1883 for tcp, 8883 for tls, 8080 for ws, 8443 for wss)")
  Integer port;

  @Option(names = "--transport", defaultValue = "tcp", paramLabel = "TRANSPORT",
      description = "tcp, tls (a CA and server certificate made at start), ws or wss (WebSocket, path /mqtt)"
          + " (default: ${DEFAULT-VALUE})")
  String transport;

  @Option(names = "--require-client-certs",
      description = "With tls or wss: require client certificates signed by a device CA made at start")
  boolean requireClientCerts;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "The one address to listen on (default: ${DEFAULT-VALUE})")
  String bind;

  @Spec CommandSpec spec;

  private final CountDownLatch stopRequested = new CountDownLatch(1);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String name = transport.strip().toLowerCase(Locale.ROOT);
    Listener listener = LISTENERS.get(name);
    if (listener == null) {
      return usage(err, "--transport " + transport + ": expected tcp, tls, ws or wss");
    }
    if (requireClientCerts && !listener.transport().tls()) {
      return usage(err, "--require-client-certs needs --transport tls or wss (client certificates are a TLS"
          + " matter), got " + name);
    }
    if (requireClientCerts) {
      listener = listener.requiringClientCertificates();
    }
    EmbeddedBroker broker;
    try {
      broker = EmbeddedBroker.start(bind, port != null ? port : DEFAULT_PORTS.get(name), listener);
    } catch (BrokerStartException e) {
      err.println("mqtt-chaos broker: " + e.getMessage());
      err.flush();
      return EXIT_CANNOT_START;
    }
    // Safety net for exits we do not see as a signal (System.exit elsewhere, SIGHUP).
    Thread hook = new Thread(broker::close, "mqtt-chaos-broker-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    List<Runnable> restoreSignals = List.of(onSignal("INT"), onSignal("TERM"));
    out.println("mqtt-chaos broker listening on " + broker.url()
        + " (MQTT 3.1.1 and 5); Ctrl-C to stop");
    printTrust(out, broker);
    out.flush();
    boolean interrupted = false;
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      interrupted = true; // a stop request like Ctrl-C; restored once the broker is closed
    }
    out.println("mqtt-chaos broker stopping");
    out.flush();
    broker.close();
    removeHook(hook);
    restoreSignals.forEach(Runnable::run);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Where the throwaway CAs are, as the options a run against this broker needs; deleted on stop. */
  private static void printTrust(PrintWriter out, EmbeddedBroker broker) {
    if (broker.caFile().isEmpty()) {
      return;
    }
    out.println("  CA of its certificate: " + broker.caFile().get());
    if (broker.deviceCaFile().isPresent()) {
      out.println("  client certificates required, signed by the device CA " + broker.deviceCaFile().get()
          + " (key " + broker.deviceCaKeyFile().get() + ")");
    }
    StringBuilder options = new StringBuilder("  run a profile against it with: --set broker.url=")
        .append(broker.url()).append(" --set broker.tls.caFile=").append(broker.caFile().get());
    if (broker.deviceCaFile().isPresent()) {
      options.append(" --set broker.tls.deviceCerts.caFile=").append(broker.deviceCaFile().get())
          .append(" --set broker.tls.deviceCerts.caKeyFile=").append(broker.deviceCaKeyFile().get());
    }
    out.println(options);
    out.println("  (these files are made for this broker and deleted when it stops)");
  }

  private static int usage(PrintWriter err, String message) {
    err.println("mqtt-chaos broker: " + message);
    err.flush();
    return EXIT_CANNOT_START;
  }

  /**
   * Ctrl-C ends the wait instead of the JVM, so the broker stops in order and the exit code is
   * 0 rather than the 130 of a signalled JVM.
   */
  private Runnable onSignal(String name) {
    try {
      Signal signal = new Signal(name);
      SignalHandler previous = Signal.handle(signal, s -> stopRequested.countDown());
      return () -> Signal.handle(signal, previous);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // Signal unknown here or owned by the JVM: the shutdown hook still closes the broker.
      return () -> {};
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs anyway; close() is idempotent.
    }
  }
}
