package org.mqttchaos.broker;

/**
 * Limits the embedded broker imposes on what clients ask for, as HiveMQ CE's config.xml sets them
 * ({@code <mqtt><keep-alive><max-keep-alive>} and {@code <mqtt><session-expiry><max-interval>}): an MQTT 5 client
 * asking for more is told the broker's value in CONNACK (Server Keep Alive, Session Expiry Interval) and held to it.
 * By default nothing is limited, so the embedded broker honours what the clients ask for.
 *
 * @param maxKeepAliveSeconds     the highest keep-alive the broker grants, 1 to 65535 seconds
 * @param maxSessionExpirySeconds the longest session expiry it grants, 0 to 4294967295 seconds; -1: HiveMQ's default
 *                                (no limit)
 */
public record BrokerLimits(int maxKeepAliveSeconds, long maxSessionExpirySeconds) {
  /** No limit: every keep-alive (0 included) and session expiry a client asks for. */
  public static final BrokerLimits NONE = new BrokerLimits(65535, -1);

  /** @throws IllegalArgumentException for a value outside what MQTT (and HiveMQ's schema) allows */
  public BrokerLimits {
    if (maxKeepAliveSeconds < 1 || maxKeepAliveSeconds > 65535) {
      throw new IllegalArgumentException("max keep-alive must be 1 to 65535 s, was " + maxKeepAliveSeconds);
    }
    if (maxSessionExpirySeconds < -1 || maxSessionExpirySeconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("max session expiry must be 0 to 4294967295 s, was "
          + maxSessionExpirySeconds);
    }
  }

  /** The broker's config.xml lines under {@code <mqtt>}, indented four spaces. */
  String xml() {
    String keepAlive = """
            <keep-alive>
              <!-- honour whatever keep-alive a client asks for (0 included) up to this -->
              <max-keep-alive>%d</max-keep-alive>
              <allow-unlimited>true</allow-unlimited>
            </keep-alive>
        """.formatted(maxKeepAliveSeconds);
    if (maxSessionExpirySeconds < 0) {
      return keepAlive;
    }
    return keepAlive + """
            <session-expiry>
              <max-interval>%d</max-interval>
            </session-expiry>
        """.formatted(maxSessionExpirySeconds);
  }
}
