package org.mqttchaos.gatling;

import org.mqttchaos.client.MqttConnection;

/** A virtual user's connection and the tracker that turns its events into metrics and checks. */
public record UserConnection(MqttConnection connection, ConnectionTracker tracker) {}
