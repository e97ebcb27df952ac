package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The state machine's table of edges, held against the diagram in ConnectionState's class comment. */
class ConnectionStateTest {
  private static final Pattern EDGE = Pattern.compile("^ \\* ([A-Z_]+)\\s+-> ([A-Z_]+)\\s", Pattern.MULTILINE);

  @Test
  void theTableHasExactlyTheEdgesOfTheDiagram() throws Exception {
    String source = Files.readString(Path.of("src/main/java/org/mqttchaos/client/ConnectionState.java"));
    Map<ConnectionState, Set<ConnectionState>> diagram = new EnumMap<>(ConnectionState.class);
    for (ConnectionState s : ConnectionState.values()) {
      diagram.put(s, EnumSet.noneOf(ConnectionState.class));
    }
    Matcher m = EDGE.matcher(source);
    int edges = 0;
    while (m.find()) {
      diagram.get(ConnectionState.valueOf(m.group(1))).add(ConnectionState.valueOf(m.group(2)));
      edges++;
    }
    assertEquals(12, edges, "the diagram lists twelve edges");
    for (ConnectionState from : ConnectionState.values()) {
      assertEquals(diagram.get(from), from.next(), "edges out of " + from);
      for (ConnectionState to : ConnectionState.values()) {
        assertEquals(diagram.get(from).contains(to), from.canMoveTo(to), from + " -> " + to);
      }
    }
  }

  @Test
  void whatEachStateAllows() {
    assertTrue(ConnectionState.CONNECTED.writes());
    assertFalse(ConnectionState.SILENT.writes(), "a silent client writes nothing, acknowledgements included");
    assertTrue(ConnectionState.SILENT.reads());
    assertTrue(ConnectionState.CLOSING.reads());
    assertFalse(ConnectionState.MQTT_CONNECTING.reads());
    assertEquals(EnumSet.of(ConnectionState.CONNECTED, ConnectionState.SILENT),
        EnumSet.copyOf(java.util.Arrays.stream(ConnectionState.values()).filter(ConnectionState::established).toList()));
  }
}
