package org.mqttchaos.client;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.mqttchaos.client.ConnectionEvent.DisconnectReceived;
import org.mqttchaos.client.ConnectionEvent.PingRespReceived;

/**
 * Last handler of a client pipeline: routes each decoded packet to the part of its {@link MqttConnection} that owns
 * it (CONNACK, PINGRESP and DISCONNECT to the connection, the packet-identifier flows to {@link QosFlows}), and
 * exceptions to the connection. A previous attempt's channel, still draining, is ignored. Sharable because a
 * reconnect adds it to a new pipeline while the old one may not be torn down yet; it holds no channel state.
 */
@ChannelHandler.Sharable
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private final MqttConnection owner;

  ConnectionHandler(MqttConnection owner) {
    this.owner = owner;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (owner.current(ctx.channel())) {
        route(System.nanoTime(), msg);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /** The channel closed, whoever closed it: the attempt ends (if the channel is still the attempt's). */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    owner.closing().channelClosed(ctx.channel());
  }

  /**
   * An I/O error is the broker's (or the network's) doing, and so is a decoder's (bytes that are not MQTT); anything
   * else is an error of ours. Never passed on: Netty would log it with its stack trace at the pipeline's tail.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ConnectionState state = owner.state();
    if (!owner.current(ctx.channel()) || state == ConnectionState.CLOSING || state == ConnectionState.DISCONNECTED) {
      return; // noise from a close already under way
    }
    if (cause instanceof DecoderException) { // TooLongFrameException and CorruptedFrameException among them
      protocolError(cause.getCause() != null && !(cause instanceof TooLongFrameException) ? cause.getCause() : cause);
    } else if (!(cause instanceof IOException)) {
      owner.closing().begin(CloseCause.ERROR, cause.getClass().getSimpleName() + ": " + Failures.reason(cause));
    } else if (state.established()) {
      owner.closing().begin(CloseCause.BY_BROKER, Failures.reason(cause)); // e.g. "Connection reset by peer"
    } else {
      owner.closing().begin(CloseCause.CONNECT_FAILED, cause instanceof TransportException t ? t.failure()
          : ConnectFailure.CLOSED_BEFORE_CONNACK, "connection lost before CONNACK: " + Failures.reason(cause));
    }
  }

  private void route(long now, Object msg) {
    if (!(msg instanceof MqttMessage m)) {
      String type = msg.getClass().getSimpleName();
      owner.unexpected(now, type, "message " + type);
      return;
    }
    if (m.decoderResult().isFailure()) {
      protocolError(m.decoderResult().cause());
      return;
    }
    QosFlows flows = owner.flows();
    switch (m.fixedHeader().messageType()) {
      case CONNACK -> owner.handshake().onConnAck(now, (MqttConnAckMessage) m);
      case PINGRESP -> onPingResp(now);
      case DISCONNECT -> onDisconnect(now, m);
      case SUBACK -> flows.onSubAck(now, (MqttSubAckMessage) m);
      case UNSUBACK -> flows.onUnsubAck(now, (MqttUnsubAckMessage) m);
      case PUBLISH -> flows.onPublish(now, (MqttPublishMessage) m);
      case PUBACK -> flows.onPubAck(now, packetId(m), reasonCode(m));
      case PUBREC -> flows.onPubRec(now, packetId(m), reasonCode(m));
      case PUBCOMP -> flows.onPubComp(now, packetId(m));
      case PUBREL -> flows.onPubRel(now, packetId(m));
      default -> owner.unexpected(now, m.fixedHeader().messageType().name(), "packet " + m.fixedHeader().messageType());
    }
  }

  /**
   * The broker sent what does not decode as an MQTT packet (malformed, of a reserved type, larger than
   * {@link MqttPipeline#MAX_PACKET_BYTES}): the client closes the connection, before CONNACK a failed attempt.
   */
  private void protocolError(Throwable cause) {
    ConnectionState state = owner.state();
    if (state == ConnectionState.CLOSING || state == ConnectionState.DISCONNECTED) {
      return; // the decoder's BAD_MESSAGE state may report again while the close is under way
    }
    owner.closing().begin(CloseCause.PROTOCOL_ERROR, ConnectFailure.PROTOCOL_ERROR,
        "protocol error: the broker sent a packet that does not decode (" + Failures.reason(cause) + ")");
  }

  private void onPingResp(long now) {
    if (owner.state().reads()) {
      owner.emit(new PingRespReceived(now, owner.attempt()));
    } else {
      owner.unexpected(now, "PINGRESP", "PINGRESP");
    }
  }

  /** MQTT 5: the broker says why it closes (0x8E session taken over, 0x8D keep-alive timeout...). */
  private void onDisconnect(long now, MqttMessage m) {
    MqttReasonCodeAndPropertiesVariableHeader header =
        m.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h ? h : null;
    int code = header == null ? 0 : header.reasonCode() & 0xFF;
    owner.closing().disconnectReceived(code);
    owner.emit(new DisconnectReceived(now, owner.attempt(), code,
        header == null || header.properties() == null ? MqttProperties.NO_PROPERTIES : header.properties(),
        owner.lastSentNanos()));
    if (owner.state().established()) {
      owner.closing().begin(CloseCause.BY_BROKER, String.format("DISCONNECT from the broker, reason 0x%02X", code));
    } else if (owner.state() == ConnectionState.MQTT_CONNECTING) {
      owner.closing().begin(CloseCause.CONNECT_FAILED, ConnectFailure.CLOSED_BEFORE_CONNACK,
          String.format("DISCONNECT before CONNACK, reason 0x%02X", code));
    }
  }

  /** MQTT 5 reason code of PUBACK / PUBREC (0 when absent, and always for 3.1.1). */
  private static int reasonCode(MqttMessage m) {
    return m.variableHeader() instanceof MqttPubReplyMessageVariableHeader h ? h.reasonCode() & 0xFF : 0;
  }

  private static int packetId(MqttMessage m) {
    return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
  }
}
