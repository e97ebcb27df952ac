package org.mqttchaos.broker;

/**
 * Renders the HiveMQ CE config.xml of the embedded broker: one listener (TCP, TLS, WebSocket or
 * secure WebSocket) on the given address only, in-memory persistence, no usage statistics, and
 * no limit that would distort a load test. Element names follow HiveMQ CE 2025.5's config.xsd (its 2025 schema has no
 * update-check element; anonymous usage statistics are its only outbound connection).
 */
final class BrokerConfig {

  private BrokerConfig() {}

  /**
   * @param certs the key store (and, for client certificates, the trust store) of a TLS listener; null otherwise
   */
  static String xml(String bindAddress, int port, Listener listener, BrokerCerts.Written certs) {
    return xml(bindAddress, port, listener, certs, BrokerLimits.NONE);
  }

  /** As {@link #xml(String, int, Listener, BrokerCerts.Written)}, with the keep-alive and session expiry limits. */
  static String xml(String bindAddress, int port, Listener listener, BrokerCerts.Written certs,
      BrokerLimits limits) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
        %s
          </listeners>
          <mqtt>
        %s    <receive-maximum>
              <!-- the default of 10 in-flight QoS 1/2 messages would throttle MQTT 5 publishers -->
              <server-receive-maximum>65535</server-receive-maximum>
            </receive-maximum>
          </mqtt>
          <restrictions>
            <max-connections>-1</max-connections>
            <max-client-id-length>65535</max-client-id-length>
            <incoming-bandwidth-throttling>0</incoming-bandwidth-throttling>
          </restrictions>
          <persistence>
            <mode>in-memory</mode>
          </persistence>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """.formatted(listener(bindAddress, port, listener, certs), limits.xml());
  }

  private static String listener(String bindAddress, int port, Listener listener, BrokerCerts.Written certs) {
    String element = switch (listener.transport()) {
      case TCP -> "tcp-listener";
      case TLS -> "tls-tcp-listener";
      case WS -> "websocket-listener";
      case WSS -> "tls-websocket-listener";
    };
    StringBuilder xml = new StringBuilder()
        .append("    <").append(element).append(">\n")
        .append("      <port>").append(port).append("</port>\n")
        .append("      <bind-address>").append(escape(bindAddress)).append("</bind-address>\n")
        .append("      <name>mqtt-chaos</name>\n");
    if (listener.transport().webSocket()) {
      // HiveMQ's defaults (/mqtt; mqttv3.1 and mqtt), written out: they are what clients are told
      xml.append("      <path>/mqtt</path>\n")
          .append("      <subprotocols><subprotocol>mqtt</subprotocol><subprotocol>mqttv3.1</subprotocol>"
              + "</subprotocols>\n");
    }
    if (listener.transport().tls()) {
      xml.append("      <tls>\n")
          .append(store("keystore", certs.keyStore(), certs.password(), true));
      if (listener.clientCertificates()) {
        xml.append(store("truststore", certs.trustStore(), certs.password(), false))
            .append("        <client-authentication-mode>REQUIRED</client-authentication-mode>\n");
      } else {
        xml.append("        <client-authentication-mode>NONE</client-authentication-mode>\n");
      }
      xml.append("      </tls>\n");
    }
    return xml.append("    </").append(element).append(">").toString();
  }

  /** A PKCS#12 file: HiveMQ opens it as a "JKS" store, which the JDK reads in either format. */
  private static String store(String element, java.nio.file.Path file, String password, boolean withKey) {
    return "        <" + element + ">\n"
        + "          <path>" + escape(file.toString()) + "</path>\n"
        + "          <password>" + escape(password) + "</password>\n"
        + (withKey ? "          <private-key-password>" + escape(password) + "</private-key-password>\n" : "")
        + "        </" + element + ">\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
