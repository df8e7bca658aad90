package io.headroom.bench.h2;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Netty's netty-codec-http2 (frame codec + multiplex handler, one child channel per stream), one NIO event loop. */
final class NettyH2Client implements H2Shootout.Client {
    private EventLoopGroup group;
    private Channel[] channels;
    private Http2Headers headers;

    @Override
    public void open(URI url, int connections) throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                });
        channels = new Channel[connections];
        for (int i = 0; i < connections; i++) {
            channels[i] = bootstrap.connect(url.getHost(), url.getPort()).sync().channel();
        }
        headers = new DefaultHttp2Headers().method("GET").scheme("http")
                .authority(url.getHost() + ":" + url.getPort()).path(url.getRawPath().isEmpty() ? "/" : url.getRawPath());
    }

    @Override
    public CompletableFuture<Boolean> start(int connection) throws Exception {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        // Open the stream and write its HEADERS in one event-loop task: one hand-over from the VU per request.
        // A bootstrap per stream: its handler field is not safe to share between the VUs of one connection.
        new Http2StreamChannelBootstrap(channels[connection]).handler(new ResponseHandler(done)).open().addListener(f -> {
            if (!f.isSuccess()) {
                done.complete(false);
                return;
            }
            Http2StreamChannel child = (Http2StreamChannel) f.getNow();
            child.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true));
        });
        return done;
    }

    private static final class ResponseHandler extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Boolean> done;
        private boolean ok;

        ResponseHandler(CompletableFuture<Boolean> done) {
            this.done = done;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame h) {
                    ok = "200".contentEquals(h.headers().status());
                    if (h.isEndStream()) finish(ctx);
                } else if (msg instanceof Http2DataFrame d && d.isEndStream()) {
                    finish(ctx);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void finish(ChannelHandlerContext ctx) {
            done.complete(ok);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            done.complete(false);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            done.complete(false);
            ctx.close();
        }
    }

    @Override
    public void close() {
        for (Channel c : channels) c.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
