package io.headroom.demo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The demo shop over TLS on a port of its own, speaking h2 or HTTP/1.1 as the client chooses by ALPN (h2 preferred,
 * as nginx with {@code http2 on}): a client that offers no ALPN, or only http/1.1, gets HTTP/1.1. The certificate is
 * a {@link DemoCertificate} made at start. Like {@link DemoH2cFront}, each request is handed to the shop's HTTP/1.1
 * port and answered with what the shop said. Thread-safe; {@link #close()} stops it.
 */
public final class DemoTlsFront implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel server;
    private final HttpClient client;
    private final DemoCertificate certificate;

    private DemoTlsFront(EventLoopGroup group, Channel server, HttpClient client, DemoCertificate certificate) {
        this.group = group;
        this.server = server;
        this.client = client;
        this.certificate = certificate;
    }

    /**
     * Serves {@code backend} (the shop's HTTP/1.1 base URL) over TLS with h2 and http/1.1 by ALPN on
     * 127.0.0.1:{@code port} (0: a free port), presenting {@code certificate}.
     *
     * @throws IllegalStateException when the port cannot be bound or TLS cannot be set up
     */
    public static DemoTlsFront start(int port, URI backend, DemoCertificate certificate) throws InterruptedException {
        SslContext tls;
        try {
            tls = SslContextBuilder.forServer(certificate.keyManagers()).sslProvider(SslProvider.JDK)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
        HttpClient client = DemoH2cFront.backendClient();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()), new ByAlpn(client, backend));
                    }
                });
        try {
            Channel server = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
            return new DemoTlsFront(group, server, client, certificate);
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            client.close();
            throw e;
        } catch (Exception e) { // a BindException comes through sync() undeclared
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            client.close();
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** {@code https://127.0.0.1:PORT}: h2 by ALPN for a plan on {@code httpVersion} auto or "2". */
    public URI baseUrl() {
        return URI.create("https://127.0.0.1:" + port());
    }

    public DemoCertificate certificate() {
        return certificate;
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        client.close();
    }

    /** After the handshake: HTTP/2 streams or HTTP/1.1 requests, both to the shop through {@link DemoH2cFront.Forward}. */
    private static final class ByAlpn extends ApplicationProtocolNegotiationHandler {
        private final HttpClient client;
        private final URI backend;

        ByAlpn(HttpClient client, URI backend) {
            super(ApplicationProtocolNames.HTTP_1_1);
            this.client = client;
            this.backend = backend;
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                ctx.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                        new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                            @Override
                            protected void initChannel(Http2StreamChannel stream) {
                                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                                        new HttpObjectAggregator(DemoH2cFront.MAX_REQUEST_BODY_BYTES),
                                        new DemoH2cFront.Forward(client, backend));
                            }
                        }));
            } else {
                ctx.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                        new HttpObjectAggregator(DemoH2cFront.MAX_REQUEST_BODY_BYTES),
                        new DemoH2cFront.Forward(client, backend));
            }
        }
    }
}
