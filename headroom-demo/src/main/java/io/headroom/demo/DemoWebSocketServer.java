package io.headroom.demo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo shop's WebSocket endpoints on a port of their own (the JDK's HTTP server cannot upgrade a connection),
 * served by Netty's WebSocket codec on one event-loop thread:
 * <ul>
 *   <li>{@code /ws/echo}: every text message comes back as it was sent;</li>
 *   <li>{@code /ws/orders}: order-status pushes; a message {@code {"watch": ID}} starts pushes
 *       {@code {"order": ID, "status": "placed"|"packed"|"shipped"|"delivered", "seq": N}} every
 *       {@code ?everyMs=} (default 100) ms, the last one being {@code delivered};</li>
 *   <li>{@code /ws/chat}: every text message goes to every session connected to the chat (the sender too), as
 *       {@code {"from": SESSION, "text": ...}} when the message is JSON with a {@code text} field, else as it was.</li>
 * </ul>
 * A client may offer the subprotocol {@value #SUBPROTOCOL}. Faults for tests and demos, on {@code /ws/echo}: {@code ?closeAfter=N&closeCode=C} closes with code C (default
 * 1011) after N echoes; {@code ?dropAfter=N} drops the TCP connection without a close frame after N echoes;
 * {@code ?brokenAfter=N} writes a frame with a reserved opcode (RFC 6455 section 5.2) after N echoes. On any endpoint,
 * {@code ?hello=HEADER} first sends {@code hello VALUE}, the value of that upgrade request header.
 * Thread-safe; {@link #close()} stops it.
 */
public final class DemoWebSocketServer implements AutoCloseable {
    /** Largest message the demo accepts (RFC 6455 frames up to this many bytes; the demo's own are small JSON). */
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    /** The one subprotocol the demo speaks, chosen when a client offers it (it changes nothing). */
    public static final String SUBPROTOCOL = "demo.v1";
    private static final Pattern WATCH = Pattern.compile("\"watch\"\\s*:\\s*\"?([\\w.-]+)\"?");
    private static final Pattern TEXT = Pattern.compile("\"text\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\")");
    private static final List<String> STATUSES = List.of("placed", "packed", "shipped", "delivered");

    private final EventLoopGroup group;
    private final Channel server;
    private final ChannelGroup chat = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder sessionsOpened = new LongAdder();
    private final AtomicLong sessionIds = new AtomicLong();

    private DemoWebSocketServer(EventLoopGroup group, ServerBootstrap bootstrap, int port) throws InterruptedException {
        this.group = group;
        bootstrap.childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                        new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder().websocketPath("/ws")
                                .checkStartsWith(true).subprotocols(SUBPROTOCOL).maxFramePayloadLength(MAX_MESSAGE_BYTES).allowExtensions(false)
                                .sendCloseFrame(null) // ?dropAfter must drop without one; closes send their own
                                .handshakeTimeoutMillis(10_000).build()),
                        new Session());
            }
        });
        this.server = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
    }

    /** Serves the WebSocket endpoints on 127.0.0.1:{@code port} (0: a free port). */
    public static DemoWebSocketServer start(int port) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096);
        try {
            return new DemoWebSocketServer(group, bootstrap, port);
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        } catch (Exception e) { // a BindException comes through sync() undeclared
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** {@code ws://127.0.0.1:PORT}: the endpoints are below it, e.g. {@code ws://127.0.0.1:PORT/ws/echo}. */
    public URI baseUrl() {
        return URI.create("ws://127.0.0.1:" + port());
    }

    /** Text messages received from clients, over all endpoints, since the start. */
    public long messagesReceived() {
        return messagesReceived.sum();
    }

    /** WebSocket sessions opened (handshakes completed) since the start. */
    public long sessionsOpened() {
        return sessionsOpened.sum();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /** One session's behaviour, by the endpoint it connected to. */
    private final class Session extends SimpleChannelInboundHandler<WebSocketFrame> {
        private String endpoint = "";
        private Map<String, List<String>> query = Map.of();
        private long echoes;
        private long id;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hc) {
                QueryStringDecoder uri = new QueryStringDecoder(hc.requestUri());
                endpoint = uri.path();
                query = uri.parameters();
                id = sessionIds.incrementAndGet();
                sessionsOpened.increment();
                if (endpoint.equals("/ws/chat")) chat.add(ctx.channel());
                List<String> hello = query.get("hello");
                if (hello != null && !hello.isEmpty()) {
                    String value = hc.requestHeaders().get(hello.get(0));
                    ctx.writeAndFlush(new TextWebSocketFrame("hello " + (value == null ? "(no " + hello.get(0) + ")" : value)));
                }
                if (!List.of("/ws/echo", "/ws/orders", "/ws/chat").contains(endpoint)) {
                    ctx.writeAndFlush(new CloseWebSocketFrame(1008, "no endpoint " + endpoint
                            + "; try /ws/echo, /ws/orders or /ws/chat")).addListener(f -> ctx.close());
                }
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (!(frame instanceof TextWebSocketFrame text)) return; // binary frames are ignored; ping/pong/close: the protocol handler
            messagesReceived.increment();
            String message = text.text();
            switch (endpoint) {
                case "/ws/orders" -> watch(ctx, message);
                case "/ws/chat" -> {
                    Matcher m = TEXT.matcher(message);
                    String out = m.find() ? "{\"from\":" + id + ",\"text\":" + m.group(1) + "}" : message;
                    chat.writeAndFlush(new TextWebSocketFrame(out));
                }
                default -> echo(ctx, message);
            }
        }

        private void echo(ChannelHandlerContext ctx, String message) {
            ctx.writeAndFlush(new TextWebSocketFrame(message));
            echoes++;
            if (echoes == number("closeAfter", -1)) {
                ctx.writeAndFlush(new CloseWebSocketFrame((int) number("closeCode", 1011), "closed by ?closeAfter"))
                        .addListener(f -> ctx.close());
            } else if (echoes == number("dropAfter", -1)) {
                ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0); // an RST, no close frame
                ctx.close();
            } else if (echoes == number("brokenAfter", -1)) {
                // FIN + opcode 0x3 (reserved, RFC 6455 section 5.2), payload length 0: a client must fail the connection.
                ctx.channel().pipeline().firstContext().writeAndFlush(Unpooled.wrappedBuffer(new byte[] {(byte) 0x83, 0}));
            }
        }

        private void watch(ChannelHandlerContext ctx, String message) {
            Matcher m = WATCH.matcher(message);
            if (!m.find()) {
                ctx.writeAndFlush(new TextWebSocketFrame("{\"error\":\"send {\\\"watch\\\": ORDER_ID}\"}"));
                return;
            }
            String order = m.group(1);
            String orderJson = order.chars().allMatch(Character::isDigit) ? order : "\"" + order + "\"";
            long everyMs = Math.max(1, Math.min(10_000, number("everyMs", 100)));
            int[] seq = {0};
            ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
            task[0] = ctx.executor().scheduleAtFixedRate(() -> {
                if (!ctx.channel().isActive()) {
                    task[0].cancel(false);
                    return;
                }
                int n = seq[0]++;
                ctx.writeAndFlush(new TextWebSocketFrame("{\"order\":" + orderJson + ",\"status\":\"" + STATUSES.get(n)
                        + "\",\"seq\":" + n + "}"));
                if (n == STATUSES.size() - 1) task[0].cancel(false);
            }, everyMs, everyMs, TimeUnit.MILLISECONDS);
        }

        private long number(String key, long dflt) {
            List<String> values = query.get(key);
            if (values == null || values.isEmpty()) return dflt;
            try {
                return Long.parseLong(values.get(0));
            } catch (NumberFormatException e) {
                return dflt;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
