package org.mqttchaos.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mqttchaos.broker.BrokerStartException;
import org.mqttchaos.broker.EmbeddedBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code mqtt-chaos broker}: the embedded broker on its own, for trying profiles against it from
 * another terminal. Runs until Ctrl-C (or SIGTERM, or an interrupt), then stops the broker and
 * returns 0; a port in use is a one-line error and exit code 2.
 */
@Command(
    name = "broker",
    description = "Run the embedded broker standalone until Ctrl-C",
    mixinStandardHelpOptions = true)
public final class BrokerCommand implements Callable<Integer> {

  static final int EXIT_CANNOT_START = 2;

  @Option(names = "--port", defaultValue = "1883", paramLabel = "PORT",
      description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "The one address to listen on (default: ${DEFAULT-VALUE})")
  String bind;

  @Spec CommandSpec spec;

  private final CountDownLatch stopRequested = new CountDownLatch(1);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EmbeddedBroker broker;
    try {
      broker = EmbeddedBroker.start(bind, port);
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
