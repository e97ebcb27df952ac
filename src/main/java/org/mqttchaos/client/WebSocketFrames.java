package org.mqttchaos.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * MQTT over WebSocket: the MQTT codec's bytes go out as binary frames, and the payload of every binary (and
 * continuation) frame that comes in goes to the MQTT decoder, which reassembles packets split across frames.
 * Text frames are not MQTT and are dropped; ping, pong and close are Netty's WebSocket handler's. Stateless.
 */
@ChannelHandler.Sharable
final class WebSocketFrames extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {
  static final WebSocketFrames INSTANCE = new WebSocketFrames();

  private WebSocketFrames() {}

  @Override
  protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
    out.add(new BinaryWebSocketFrame(msg.retain()));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
    if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
      out.add(frame.content().retain());
    }
  }
}
