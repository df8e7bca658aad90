package io.headroom.demo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The demo shop over HTTP/2 without TLS (h2c with prior knowledge) on a port of its own beside the HTTP/1.1 one:
 * Netty's HTTP/2 codec takes each stream and hands it, as one HTTP/1.1 request, to the shop on its HTTP/1.1 port
 * (the JDK's client, keep-alive), then answers the stream with what the shop said. So every endpoint, fault and
 * statistic is the shop's own; the front adds a loopback hop (tens of microseconds) to each request. Thread-safe;
 * {@link #close()} stops it.
 */
public final class DemoH2cFront implements AutoCloseable {
    /** Largest request body the front accepts (the shop's own requests are small JSON). */
    static final int MAX_REQUEST_BODY_BYTES = 1 << 20;
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "te", "keep-alive", "transfer-encoding", "proxy-connection", "http2-settings");

    private final EventLoopGroup group;
    private final Channel server;
    private final HttpClient client;

    private DemoH2cFront(EventLoopGroup group, Channel server, HttpClient client) {
        this.group = group;
        this.server = server;
        this.client = client;
    }

    /** Serves {@code backend} (the shop's HTTP/1.1 base URL) over h2c on 127.0.0.1:{@code port} (0: a free port). */
    public static DemoH2cFront start(int port, URI backend) throws InterruptedException {
        HttpClient client = backendClient();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                                    @Override
                                    protected void initChannel(Http2StreamChannel stream) {
                                        stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                                                new HttpObjectAggregator(MAX_REQUEST_BODY_BYTES),
                                                new Forward(client, backend));
                                    }
                                }));
                    }
                });
        try {
            Channel server = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
            return new DemoH2cFront(group, server, client);
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        } catch (Exception e) { // a BindException comes through sync() undeclared
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            client.close();
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The front's client to the shop's HTTP/1.1 port: keep-alive, no redirects followed, virtual threads. */
    static HttpClient backendClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** {@code http://127.0.0.1:PORT}: a plan reaches it with {@code httpVersion: "2"}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        client.close();
    }

    /** One stream (or one HTTP/1.1 request): its request to the shop, the shop's answer back on the stream. */
    static final class Forward extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final HttpClient client;
        private final URI backend;

        Forward(HttpClient client, URI backend) {
            this.client = client;
            this.backend = backend;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            byte[] body = new byte[request.content().readableBytes()];
            request.content().getBytes(request.content().readerIndex(), body);
            HttpRequest.Builder out;
            try {
                out = HttpRequest.newBuilder(backend.resolve(request.uri())).timeout(Duration.ofSeconds(60))
                        .method(request.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                for (Map.Entry<String, String> h : request.headers()) {
                    String name = h.getKey().toLowerCase(Locale.ROOT);
                    if (NOT_FORWARDED.contains(name) || name.startsWith(":") || name.startsWith("x-http2-")) continue;
                    out.header(h.getKey(), h.getValue());
                }
            } catch (IllegalArgumentException badRequest) {
                reply(ctx, HttpResponseStatus.BAD_REQUEST, Map.of(), new byte[0]);
                return;
            }
            client.sendAsync(out.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, failure) ->
                    ctx.executor().execute(() -> {
                        if (failure != null) {
                            reply(ctx, HttpResponseStatus.BAD_GATEWAY, Map.of(), new byte[0]);
                        } else {
                            reply(ctx, HttpResponseStatus.valueOf(r.statusCode()), r.headers().map(), r.body());
                        }
                    }));
        }

        private static void reply(ChannelHandlerContext ctx, HttpResponseStatus status, Map<String, List<String>> headers,
                                  byte[] body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(body));
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                if (NOT_FORWARDED.contains(name) || name.startsWith(":") || name.equals("date")) continue;
                for (String v : h.getValue()) response.headers().add(name, v);
            }
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.writeAndFlush(response);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
