package org.mqttchaos.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mqttchaos.cli.BrokerCommand;
import picocli.CommandLine;

/** {@code mqtt-chaos broker} as a user sees it: the banner, the exit codes, the help. */
class BrokerCommandTest {

  private static final Pattern BANNER = Pattern.compile(
      "mqtt-chaos broker listening on tcp://127\\.0\\.0\\.1:(\\d+) \\(MQTT 3\\.1\\.1 and 5\\);"
          + " Ctrl-C to stop");

  @Test
  void runsUntilInterruptedThenExitsZero() throws Exception {
    PipedReader fromCommand = new PipedReader(4096);
    PrintWriter out = new PrintWriter(new PipedWriter(fromCommand), true);
    CommandLine cli = new CommandLine(new BrokerCommand()).setOut(out);
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> exit = runner.submit(() -> cli.execute("--port", "0"));
      String banner = readLine(fromCommand);
      Matcher matcher = BANNER.matcher(banner);
      assertTrue(matcher.matches(), banner);
      int port = Integer.parseInt(matcher.group(1));
      try (RawMqtt client = new RawMqtt(port)) {
        client.send(RawMqtt.connect311("cli-client", true));
        assertEquals(0, client.readPacket().body()[1], "broker from the CLI accepts connects");
      }
      runner.shutdownNow(); // interrupts the command, as Ctrl-C does
      assertEquals(0, exit.get(60, TimeUnit.SECONDS));
      assertThrows(ConnectException.class, () -> new RawMqtt(port), "broker stopped on exit");
    } finally {
      runner.shutdownNow();
    }
  }

  @Test
  void portInUseIsOneLineOnStderrAndExitTwo() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      StringWriter err = new StringWriter();
      int exit = new CommandLine(new BrokerCommand())
          .setErr(new PrintWriter(err, true))
          .execute("--port", String.valueOf(taken.getLocalPort()));
      assertEquals(2, exit);
      assertEquals("mqtt-chaos broker: cannot start the embedded broker: port "
          + taken.getLocalPort() + " on 127.0.0.1 is already in use", err.toString().strip());
    }
  }

  @Test
  void helpStatesTheDefaults() {
    String help = new CommandLine(new BrokerCommand()).getUsageMessage();
    assertTrue(help.contains("Run the embedded broker standalone until Ctrl-C"), help);
    assertTrue(help.contains("(default: 1883)"), help);
    assertTrue(help.contains("(default: 127.0.0.1)"), help);
  }

  /** One line from the command's output; bounded by the length of the banner. */
  private static String readLine(PipedReader reader) throws Exception {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      int c = reader.read(); // blocks until the command prints
      if (c < 0 || c == '\n') {
        break;
      }
      line.append((char) c);
    }
    return line.toString().strip();
  }
}
