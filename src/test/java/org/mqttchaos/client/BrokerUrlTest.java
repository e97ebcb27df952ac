package org.mqttchaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mqttchaos.client.BrokerUrl.Transport;

class BrokerUrlTest {

  @Test
  void defaultPortFollowsTheScheme() {
    assertEquals(new BrokerUrl("tcp", "127.0.0.1", 1883, ""), BrokerUrl.parse("tcp://127.0.0.1"));
    assertEquals(new BrokerUrl("mqtt", "localhost", 1883, ""), BrokerUrl.parse("mqtt://localhost/"));
    assertEquals(8883, BrokerUrl.parse("ssl://h").port());
    assertEquals(8883, BrokerUrl.parse("tls://h").port());
    assertEquals(8883, BrokerUrl.parse("MQTTS://h").port());
    assertEquals(80, BrokerUrl.parse("ws://h").port());
    assertEquals(443, BrokerUrl.parse("wss://h").port());
    assertEquals(9001, BrokerUrl.parse("ws://h:9001").port());
  }

  @Test
  void transportOfEachScheme() {
    assertEquals(Transport.TCP, BrokerUrl.parse("mqtt://h").transport());
    assertEquals(Transport.TLS, BrokerUrl.parse("tls://h").transport());
    assertEquals(Transport.WS, BrokerUrl.parse("ws://h").transport());
    assertEquals(Transport.WSS, BrokerUrl.parse("wss://h").transport());
  }

  @Test
  void webSocketPathDefaultsToMqtt() {
    assertEquals("/mqtt", BrokerUrl.parse("ws://h:8080").path());
    assertEquals("/ws", BrokerUrl.parse("wss://h/ws").path());
    assertEquals("/ws?x=1", BrokerUrl.parse("wss://h/ws?x=1").path());
    assertEquals("wss://h:443/mqtt", BrokerUrl.parse("wss://h").toString());
  }

  @Test
  void ipv6LiteralsLoseTheirBrackets() {
    BrokerUrl url = BrokerUrl.parse("mqtts://[::1]:8884");
    assertEquals("::1", url.host());
    assertEquals("mqtts://[::1]:8884", url.toString());
  }

  @Test
  void badUrlsSayWhatIsWrong() {
    assertEquals("unknown scheme 'http': use tcp, mqtt, ssl, tls, mqtts, ws or wss", error("http://h:1883"));
    assertEquals("port 70000 is not from 1 to 65535", error("tcp://127.0.0.1:70000"));
    assertEquals("a path is only for ws:// and wss:// URLs, got '/x'", error("tcp://127.0.0.1:1883/x"));
    assertEquals("a path is only for ws:// and wss:// URLs, got '/x'", error("mqtts://h/x"));
    assertEquals("user info in the URL is not used: give broker.username and broker.password", error("tcp://u:p@h"));
    assertEquals("no host", error("tcp:///x"));
    assertEquals("no scheme: write it like tcp://localhost:1883", error("localhost:1883"));
  }

  private static String error(String url) {
    return assertThrows(IllegalArgumentException.class, () -> BrokerUrl.parse(url)).getMessage();
  }
}
