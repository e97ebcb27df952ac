package org.mqttchaos.client;

/**
 * Outcome of one connect attempt.
 *
 * @param connected         true when CONNACK accepted the connection
 * @param returnCode        CONNACK return (3.1.1) or reason (5) code; -1 when no CONNACK arrived
 * @param sessionPresent    CONNACK's session-present flag
 * @param tcpConnectNanos   socket connect start to established; -1 if TCP never came up
 * @param connectNanos      CONNECT written to CONNACK read; -1 if no CONNACK
 * @param failure           why it failed, null when connected
 */
public record ConnectResult(
    boolean connected,
    int returnCode,
    boolean sessionPresent,
    long tcpConnectNanos,
    long connectNanos,
    String failure) {}
