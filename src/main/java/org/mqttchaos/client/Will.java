package org.mqttchaos.client;

/** A will message set in CONNECT: published by the broker when the connection ends without DISCONNECT. */
public record Will(String topic, byte[] payload, int qos, boolean retain) {}
