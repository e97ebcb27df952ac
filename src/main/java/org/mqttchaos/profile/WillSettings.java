package org.mqttchaos.profile;

/** The share of clients that set a will, its QoS, and its topic ({clientId} is replaced per client). */
public record WillSettings(double ratio, int qos, String topic) {}
