package org.mqttchaos.client;

/**
 * What one CONNECT says.
 *
 * @param clientId             client identifier
 * @param cleanSession         clean session (3.1.1) / clean start (5)
 * @param keepAliveSeconds     keep-alive in CONNECT; 0 disables PINGREQ
 * @param username             null for none
 * @param password             null for none
 * @param will                 null for none
 * @param sessionExpirySeconds MQTT 5 session expiry interval; ignored for 3.1.1
 */
public record ConnectOptions(
    String clientId,
    boolean cleanSession,
    int keepAliveSeconds,
    String username,
    String password,
    Will will,
    long sessionExpirySeconds) {

  /** The same CONNECT under another client ID (the one an MQTT 5 broker assigned, to resume its session). */
  public ConnectOptions withClientId(String other) {
    return new ConnectOptions(other, cleanSession, keepAliveSeconds, username, password, will, sessionExpirySeconds);
  }

  /** The same CONNECT with another will (a reconnect's will names its own attempt). */
  public ConnectOptions withWill(Will other) {
    return new ConnectOptions(clientId, cleanSession, keepAliveSeconds, username, password, other,
        sessionExpirySeconds);
  }
}
