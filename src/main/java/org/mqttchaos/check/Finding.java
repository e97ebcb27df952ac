package org.mqttchaos.check;

/**
 * One violation of an MQTT promise, with the evidence a broker developer needs to reproduce it.
 *
 * @param kind       short machine name, e.g. "session-present-mismatch"
 * @param rule       the invariant or spec rule broken, in words
 * @param clientId   the client ID concerned
 * @param atMillis   milliseconds since the run started
 * @param expected   what the spec or model says should have happened
 * @param observed   what the broker did
 */
public record Finding(String kind, String rule, String clientId, long atMillis, String expected, String observed) {}
