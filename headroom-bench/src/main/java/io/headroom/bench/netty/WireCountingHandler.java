package io.headroom.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts the bytes crossing one channel, below the codec, so that {@code bytesSent}/{@code bytesReceived} mean the
 * same as in the socket transport. Written on the event loop, read by the VU after the volatile hand-over in
 * {@link ResponseHandoffHandler}.
 */
final class WireCountingHandler extends ChannelDuplexHandler {
    long bytesRead;
    long bytesWritten;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) bytesRead += buf.readableBytes();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) bytesWritten += buf.readableBytes();
        ctx.write(msg, promise);
    }
}
