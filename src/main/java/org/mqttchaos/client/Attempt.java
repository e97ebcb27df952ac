package org.mqttchaos.client;

/**
 * One connect attempt of one {@link MqttConnection}: every {@link ConnectionEvent} names the attempt it
 * belongs to, so a subscriber can tell a connection's attempts apart and key its state on the attempt itself
 * (one object, made once per attempt, shared by all its events).
 *
 * @param connection run-wide index of the connection (0, 1, 2... in creation order per transport); stays the same
 *                   across the connection's attempts
 * @param number     the attempt's number on its connection: 0 for the first connect, 1 for the first reconnect...
 * @param version    the MQTT version spoken
 * @param options    what the attempt's CONNECT says
 * @param label      what the connection is for, given when it was made (a chaos role, "observer"...); never null
 */
public record Attempt(int connection, int number, MqttVersion version, ConnectOptions options, String label) {
  public String clientId() {
    return options.clientId();
  }
}
