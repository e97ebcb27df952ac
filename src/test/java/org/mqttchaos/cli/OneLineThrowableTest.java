package org.mqttchaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The CLI's logging configuration: what a library logs with an exception (Netty's "exceptionCaught() reached the
 * tail of the pipeline", Gatling's "Run crashed") is one line on stderr, with the exception and its causes named.
 */
class OneLineThrowableTest {
  @Test
  void aLoggedExceptionIsOneLineWithItsCausesAndNoStackTrace() throws Exception {
    String printed = logThroughTheCliConfig(new DecoderException(new IllegalArgumentException("remaining length\n"
        + "exceeds 268435455")));

    assertEquals(1, printed.lines().count(), printed);
    assertFalse(printed.contains("\tat "), printed);
    assertTrue(printed.contains("WARN  i.n.c.DefaultChannelPipeline - An exceptionCaught() event was fired"
        + " (DecoderException; caused by IllegalArgumentException: remaining length exceeds 268435455;"
        + " MQTT_CHAOS_DEBUG=1 shows the stack trace)"), printed);
  }

  @Test
  void aLineWithoutAnExceptionIsUnchanged() throws Exception {
    String printed = logThroughTheCliConfig(null);

    assertTrue(printed.endsWith("DefaultChannelPipeline - An exceptionCaught() event was fired"
        + System.lineSeparator()), printed);
  }

  /** One WARN of Netty's pipeline logger, through org/mqttchaos/logback.xml, as stderr shows it. */
  private static String logThroughTheCliConfig(Throwable t) throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    try {
      JoranConfigurator config = new JoranConfigurator();
      config.setContext(context);
      config.doConfigure(OneLineThrowableTest.class.getClassLoader().getResource(MqttChaos.LOGBACK_CONFIG));
      Logger logger = context.getLogger("io.netty.channel.DefaultChannelPipeline");
      logger.warn("An exceptionCaught() event was fired", t);
    } finally {
      context.stop();
      System.setErr(err);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }
}
