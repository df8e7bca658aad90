package io.headroom.bench.netty;

import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A deliberately lean Netty HTTP/1.1 client, built only to be measured against the socket transport: one channel
 * per session, a shared event loop group (epoll when the native library loads, NIO otherwise), and the VU's thread
 * parked until the event loop hands the response over. Plain http only; no redirects, no cookies, no TLS. It is a
 * measurement candidate, not a production transport, and is not registered as a service. Thread-safe.
 */
public final class NettyHttpTransport implements HttpTransport {
    private final EventLoopGroup group;
    private final boolean epoll;
    final Bootstrap bootstrap;

    /** A transport with one event loop thread, which is what a generator pinned to one core can use. */
    public NettyHttpTransport() {
        this(1, true);
    }

    /**
     * @param eventLoopThreads event loop threads shared by all sessions (at least 1)
     * @param preferEpoll      use the native epoll transport when available; NIO otherwise
     */
    public NettyHttpTransport(int eventLoopThreads, boolean preferEpoll) {
        if (eventLoopThreads < 1) throw new IllegalArgumentException("eventLoopThreads must be >= 1");
        this.epoll = preferEpoll && Epoll.isAvailable();
        IoHandlerFactory ioHandlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends SocketChannel> channelClass = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.group = new MultiThreadIoEventLoopGroup(eventLoopThreads,
                new DefaultThreadFactory("headroom-netty", true), ioHandlers);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(channelClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new NettyChannelInitializer());
    }

    /** Whether the native epoll transport is in use (false: JDK NIO). */
    public boolean usesEpoll() {
        return epoll;
    }

    @Override
    public HttpSession newSession(HttpSessionOptions options) {
        return new NettyHttpSession(this, options != null ? options : HttpSessionOptions.DEFAULTS);
    }

    /** Stops the event loops; sessions' channels close with them. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
