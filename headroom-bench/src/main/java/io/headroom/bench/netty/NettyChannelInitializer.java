package io.headroom.bench.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;

/** Builds each channel's pipeline: wire byte counter, HTTP/1.1 client codec, response hand-over. Stateless. */
final class NettyChannelInitializer extends ChannelInitializer<SocketChannel> {
    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("wire", new WireCountingHandler())
                .addLast("codec", new HttpClientCodec())
                .addLast("exchange", new ResponseHandoffHandler());
    }
}
