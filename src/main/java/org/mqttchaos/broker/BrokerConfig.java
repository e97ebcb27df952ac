package org.mqttchaos.broker;

/**
 * Renders the HiveMQ CE config.xml of the embedded broker: one TCP listener on the given
 * address only, in-memory persistence, no usage statistics, and no limit that would distort a
 * load test. Element names follow HiveMQ CE 2025.5's config.xsd (its 2025 schema has no
 * update-check element; anonymous usage statistics are its only outbound connection).
 */
final class BrokerConfig {

  private BrokerConfig() {}

  static String xml(String bindAddress, int port) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
              <name>mqtt-chaos</name>
            </tcp-listener>
          </listeners>
          <mqtt>
            <keep-alive>
              <!-- honour whatever keep-alive a client asks for, including 0 -->
              <max-keep-alive>65535</max-keep-alive>
              <allow-unlimited>true</allow-unlimited>
            </keep-alive>
            <receive-maximum>
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
        """.formatted(port, escape(bindAddress));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
