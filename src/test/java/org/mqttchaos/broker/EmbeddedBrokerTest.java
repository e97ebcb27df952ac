package org.mqttchaos.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Life cycle of the embedded broker: ports, bind address, close, and start-up errors. */
class EmbeddedBrokerTest {

  @Test
  void twoBrokersRunSideBySideOnDistinctFreePorts() throws Exception {
    EmbeddedBroker first = EmbeddedBroker.start("127.0.0.1", 0);
    EmbeddedBroker second = EmbeddedBroker.start("127.0.0.1", 0);
    try {
      assertNotEquals(first.port(), second.port());
      assertEquals("tcp://127.0.0.1:" + first.port(), first.url());
      for (EmbeddedBroker broker : new EmbeddedBroker[] {first, second}) {
        try (RawMqtt client = new RawMqtt(broker.port())) {
          client.send(RawMqtt.connect311("side-by-side", true));
          assertEquals(0, client.readPacket().body()[1], "accepted by " + broker);
        }
      }
    } finally {
      // Each close waits out HiveMQ's ~4 s shutdown; do both at once.
      CompletableFuture<Void> closing = CompletableFuture.runAsync(second::close);
      first.close();
      closing.join();
    }
  }

  @Test
  void listensOnTheBindAddressOnlyAndCloseFreesThePort() throws Exception {
    EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
    int port = broker.port();
    try {
      try (Socket accepted = new Socket()) {
        accepted.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      }
      // 127.0.0.2 is loopback too: a listener on 0.0.0.0 would accept there.
      assertThrows(ConnectException.class, () -> {
        try (Socket refused = new Socket()) {
          refused.connect(new InetSocketAddress("127.0.0.2", port), 10_000);
        }
      });
    } finally {
      broker.close();
    }
    try (ServerSocket reuse = new ServerSocket()) {
      reuse.bind(new InetSocketAddress("127.0.0.1", port));
      assertTrue(reuse.isBound());
    }
  }

  @Test
  void portInUseIsOneClearLine() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      BrokerStartException e = assertThrows(
          BrokerStartException.class, () -> EmbeddedBroker.start("127.0.0.1", port));
      assertTrue(e.portInUse());
      assertEquals("cannot start the embedded broker: port " + port
          + " on 127.0.0.1 is already in use", e.getMessage());
    }
  }

  @Test
  void refusesTheWildcardAddressAndBadPorts() {
    BrokerStartException wildcard = assertThrows(
        BrokerStartException.class, () -> EmbeddedBroker.start("0.0.0.0", 0));
    assertTrue(wildcard.getMessage().contains("refusing to listen on every interface"),
        wildcard.getMessage());
    assertFalse(wildcard.portInUse());
    BrokerStartException port = assertThrows(
        BrokerStartException.class, () -> EmbeddedBroker.start("127.0.0.1", 70000));
    assertTrue(port.getMessage().contains("70000 is not between 0 and 65535"), port.getMessage());
  }
}
