package org.mqttchaos.client;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Last handler of a client pipeline: hands decoded packets and exceptions to its {@link MqttConnection},
 * naming the channel so the connection can ignore a previous attempt's channel. Sharable because a
 * reconnect adds it to a new pipeline while the old one may not be torn down yet; it holds no channel state.
 */
@ChannelHandler.Sharable
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private final MqttConnection owner;

  ConnectionHandler(MqttConnection owner) {
    this.owner = owner;
  }

  /** The client ID of the attempt being dialed: the transport picks a device certificate by it. */
  String clientId() {
    return owner.clientId();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    owner.onRead(ctx.channel(), msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    owner.onException(ctx.channel(), cause);
  }
}
