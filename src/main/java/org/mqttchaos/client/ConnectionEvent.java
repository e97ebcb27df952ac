package org.mqttchaos.client;

/**
 * One thing that happened on one MQTT connection, stamped with {@link System#nanoTime()}.
 * Every packet and close of a {@link MqttConnection} becomes one of these; metrics and checkers consume them.
 *
 * @param nanoTime     when it happened (System.nanoTime)
 * @param clientId     the MQTT client identifier of the connection
 * @param connectionId increases by one per connect attempt of the same {@link MqttConnection} (0, 1, 2...)
 * @param type         what happened
 * @param code         CONNACK return / reason code, DISCONNECT reason code, QoS; -1 when not applicable
 * @param sessionPresent CONNACK's session-present flag (false for other types)
 * @param closeCause   set for {@link EventType#CLOSED} only, else null
 * @param detail       topic, error message or other free text; may be null
 * @param payload      PUBLISH payload for {@link EventType#PUBLISH_RECEIVED}, else null
 */
public record ConnectionEvent(
    long nanoTime,
    String clientId,
    int connectionId,
    EventType type,
    int code,
    boolean sessionPresent,
    CloseCause closeCause,
    String detail,
    byte[] payload) {}
