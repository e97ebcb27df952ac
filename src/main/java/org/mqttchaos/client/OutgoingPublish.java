package org.mqttchaos.client;

import java.util.concurrent.CompletableFuture;

/**
 * One of our QoS 1/2 messages in the client session: from {@link MqttConnection#publish} until PUBACK (QoS 1) or
 * PUBCOMP (QoS 2), kept across connect attempts while the session is persistent, so it can be sent again (DUP set)
 * or its PUBREL resent on resumption. {@code packetId} is 0 while it waits for the in-flight window; {@code released}
 * once PUBREC came (QoS 2): from then on PUBREL, not the PUBLISH, is what a resumption resends.
 */
final class OutgoingPublish {
  final String topic;
  final byte[] payload;
  final int qos;
  final boolean retain;
  final CompletableFuture<Void> done;
  int packetId;
  boolean released;

  OutgoingPublish(String topic, byte[] payload, int qos, boolean retain, CompletableFuture<Void> done) {
    this.topic = topic;
    this.payload = payload;
    this.qos = qos;
    this.retain = retain;
    this.done = done;
  }
}
