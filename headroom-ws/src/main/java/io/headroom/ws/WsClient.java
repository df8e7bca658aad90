package io.headroom.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens WebSocket sessions for virtual users: Netty's WebSocket codec (RFC 6455 framing, masking, the upgrade, the
 * close handshake) on a small shared NIO event loop, behind blocking calls a VU's virtual thread makes
 * ({@link #connect}, {@link WsConnection#poll}). The event loop only decodes and queues; a VU never runs on it.
 * Chosen by measurement (docs/transport-choice.md, "WebSocket"): about 6 KiB of heap per open session, a tenth of
 * the JDK's {@code java.net.http.WebSocket}. Thread-safe: one client serves every VU of a run.
 */
public final class WsClient implements AutoCloseable {
    private static volatile WsClient shared;

    private final EventLoopGroup group;
    private volatile SslContext ssl;

    /** A client on {@code ioThreads} daemon event-loop threads. */
    public WsClient(int ioThreads) {
        if (ioThreads < 1) throw new IllegalArgumentException("ioThreads must be at least 1, got " + ioThreads);
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("headroom-ws", true),
                NioIoHandler.newFactory());
    }

    /**
     * The process's one client (created on first use, its threads are daemons and live as long as the process):
     * one event-loop thread per two cores, at least one.
     */
    public static WsClient shared() {
        WsClient c = shared;
        if (c == null) {
            synchronized (WsClient.class) {
                c = shared;
                if (c == null) {
                    c = new WsClient(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
                    shared = c;
                }
            }
        }
        return c;
    }

    /**
     * Connects and completes the upgrade, blocking the caller until then or until the spec's connect timeout.
     *
     * @throws WsConnectException with 1901 (not upgraded), 1902 (no connection), 1903 (timeout) or 1904 (bad URL)
     * @throws InterruptedException when the caller is interrupted (the half-open connection is closed)
     */
    public WsConnection connect(WsConnectSpec spec) throws WsConnectException, InterruptedException {
        long start = System.nanoTime();
        URI uri = spec.uri();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("ws") || scheme.equals("wss")) || uri.getHost() == null) {
            throw new WsConnectException(WsErrorCode.INVALID_URL, "not a ws:// or wss:// URL with a host: " + uri, 0);
        }
        boolean tls = scheme.equals("wss");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        HttpHeaders headers = new DefaultHttpHeaders();
        for (WsConnectSpec.Header h : spec.headers()) headers.add(h.name(), h.value());
        long timeoutMillis = Math.max(1, spec.connectTimeout().toMillis());
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                .subprotocol(spec.subprotocols().isEmpty() ? null : String.join(",", spec.subprotocols()))
                .customHeaders(headers).maxFramePayloadLength(spec.limits().maxMessageBytes()).allowExtensions(false)
                .handleCloseFrames(false).dropPongFrames(false).sendCloseFrame(null)
                .handshakeTimeoutMillis(timeoutMillis).build();
        WsConnection connection = new WsConnection(spec.limits(), start);
        SslContext sslContext = tls ? ssl() : null;
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (sslContext != null) ch.pipeline().addLast(sslContext.newHandler(ch.alloc(), uri.getHost(), port));
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(config),
                                new WebSocketFrameAggregator(spec.limits().maxMessageBytes()),
                                connection.handler());
                    }
                });
        ChannelFuture connect = bootstrap.connect(uri.getHost(), port);
        Channel channel = connect.channel();
        try {
            connection.awaitHandshake(connect, timeoutMillis);
        } catch (InterruptedException | WsConnectException e) {
            channel.close();
            throw e;
        }
        return connection;
    }

    private SslContext ssl() throws WsConnectException {
        SslContext c = ssl;
        if (c == null) {
            try {
                c = SslContextBuilder.forClient().build();
            } catch (javax.net.ssl.SSLException e) {
                throw new WsConnectException(WsErrorCode.GENERAL, "TLS unavailable: " + e.getMessage(), 0);
            }
            ssl = c;
        }
        return c;
    }

    /** Stops the event loop; open sessions are dropped. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
