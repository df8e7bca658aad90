package io.headroom.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open WebSocket session. The event loop decodes frames and queues them as {@link WsEvent}s; the VU's thread
 * sends and takes events with blocking calls. Sends and polls are for one thread (the VU's); the queue between it and
 * the event loop is the only shared state. Ends with exactly one {@link WsEvent.Closed} or {@link WsEvent.Failed}
 * (nothing is queued after it); {@link #close} or {@link #abort} releases the connection.
 */
public final class WsConnection implements AutoCloseable {
    private static final long WRITE_WAIT_MILLIS = 10_000;

    private final WsLimits limits;
    private final long startNanos;
    private final LinkedBlockingQueue<WsEvent> events = new LinkedBlockingQueue<>();
    private final AtomicInteger unreadMessages = new AtomicInteger();
    private final CompletableFuture<Void> handshake = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile long connectedNanos;
    private volatile String subprotocol;
    /** Set on the event loop when the Closed or Failed event is queued. */
    private volatile boolean ended;
    private volatile boolean closeSent;

    WsConnection(WsLimits limits, long startNanos) {
        this.limits = limits;
        this.startNanos = startNanos;
    }

    ChannelInboundHandlerAdapter handler() {
        return new Handler();
    }

    void awaitHandshake(ChannelFuture connect, long timeoutMillis) throws WsConnectException, InterruptedException {
        channel = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) handshake.completeExceptionally(connectFailure(f.cause()));
        });
        try {
            handshake.get(timeoutMillis + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new WsConnectException(WsErrorCode.CONNECT_TIMEOUT, "no upgrade within " + timeoutMillis + " ms",
                    System.nanoTime() - startNanos);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WsConnectException w) {
                throw new WsConnectException(w.error(), w.getMessage(), System.nanoTime() - startNanos);
            }
            throw new WsConnectException(WsErrorCode.GENERAL, String.valueOf(e.getCause()), System.nanoTime() - startNanos);
        }
    }

    private static WsConnectException connectFailure(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return new WsConnectException(WsErrorCode.CONNECT_TIMEOUT, cause.getMessage(), 0);
        }
        return new WsConnectException(WsErrorCode.CONNECT_FAILED, cause.getClass().getSimpleName() + ": " + cause.getMessage(), 0);
    }

    /** TCP connect, TLS and the upgrade, nanoseconds (k6's {@code ws_connecting}). */
    public long connectingNanos() {
        return connectedNanos - startNanos;
    }

    /** The subprotocol the server chose ({@code Sec-WebSocket-Protocol}), or null for none. */
    public String subprotocol() {
        return subprotocol;
    }

    /** Received messages not yet taken by {@link #poll} (for tests of the queue limit). */
    int unread() {
        return unreadMessages.get();
    }

    /** False once the session ended (closed or failed) or the connection is gone. */
    public boolean isOpen() {
        Channel c = channel;
        return !ended && c != null && c.isActive();
    }

    /**
     * Sends one text message. Returns at once unless the socket's write buffer is full, then waits (up to 10 s) for it
     * to drain, so a slow server pushes back on the VU instead of filling the heap.
     *
     * @return false when the session is no longer open or the write failed (the caller counts 1940)
     */
    public boolean sendText(String text) throws InterruptedException {
        return write(new TextWebSocketFrame(text));
    }

    /** Sends one binary message; as {@link #sendText}. */
    public boolean sendBinary(byte[] data) throws InterruptedException {
        return write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
    }

    /** Sends a ping carrying its send time; its pong comes back as a {@link WsEvent.Pong}. Returns the send time, or -1. */
    public long ping() throws InterruptedException {
        long now = System.nanoTime();
        return write(new PingWebSocketFrame(Unpooled.copyLong(now))) ? now : -1;
    }

    private boolean write(Object frame) throws InterruptedException {
        Channel c = channel;
        if (ended || c == null || !c.isActive()) {
            ReferenceCountUtil.release(frame);
            return false;
        }
        ChannelFuture f = c.writeAndFlush(frame);
        if (!c.isWritable() || f.isDone()) {
            if (!f.await(WRITE_WAIT_MILLIS)) return false;
            return f.isSuccess();
        }
        return true;
    }

    /**
     * The next event, waiting up to {@code timeoutNanos}; null when none came in time.
     *
     * @throws InterruptedException when the VU is interrupted
     */
    public WsEvent poll(long timeoutNanos) throws InterruptedException {
        WsEvent e = timeoutNanos <= 0 ? events.poll() : events.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        if (e instanceof WsEvent.Message) unreadMessages.decrementAndGet();
        return e;
    }

    /**
     * Starts the close handshake (RFC 6455 section 7.1.2) with {@code code} and waits up to {@code waitMillis} for the
     * server's close frame, then drops the connection. Events that came before stay queued for {@link #poll}.
     */
    public void close(int code, String reason, long waitMillis) throws InterruptedException {
        Channel c = channel;
        if (c == null) return;
        if (!ended && c.isActive()) {
            closeSent = true;
            c.writeAndFlush(new CloseWebSocketFrame(code, reason));
            c.closeFuture().await(waitMillis);
        }
        c.close();
    }

    /** Drops the connection at once, no close frame. */
    public void abort() {
        Channel c = channel;
        if (c != null) c.close();
    }

    @Override
    public void close() throws InterruptedException {
        close(1000, "", 2000);
    }

    private void end(WsEvent terminal) {
        if (ended) return;
        ended = true;
        events.add(terminal);
    }

    private static WsErrorCode classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CorruptedWebSocketFrameException w) {
                return w.closeStatus() != null && w.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
                        ? WsErrorCode.MESSAGE_TOO_BIG : WsErrorCode.BROKEN_FRAME;
            }
            if (c instanceof TooLongFrameException) return WsErrorCode.MESSAGE_TOO_BIG;
            if (c instanceof WebSocketClientHandshakeException) return WsErrorCode.HANDSHAKE_FAILED;
            if (c instanceof ConnectException) return WsErrorCode.CONNECT_FAILED;
            if (c instanceof IOException) return WsErrorCode.DROPPED;
        }
        return WsErrorCode.GENERAL;
    }

    /** The pipeline's last handler: frames to events, on the event loop. */
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                connectedNanos = System.nanoTime();
                WebSocketClientProtocolHandler p = ctx.pipeline().get(WebSocketClientProtocolHandler.class);
                if (p != null) subprotocol = p.handshaker().actualSubprotocol();
                handshake.complete(null);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                handshake.completeExceptionally(new WsConnectException(WsErrorCode.CONNECT_TIMEOUT, "no upgrade in time", 0));
                ctx.close();
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                long now = System.nanoTime();
                if (ended) return;
                if (msg instanceof TextWebSocketFrame t) {
                    message(ctx, new WsEvent.Message(t.text(), false, t.content().readableBytes(), now));
                } else if (msg instanceof BinaryWebSocketFrame b) {
                    ByteBuf content = b.content();
                    message(ctx, new WsEvent.Message(content.toString(StandardCharsets.ISO_8859_1), true, content.readableBytes(), now));
                } else if (msg instanceof PongWebSocketFrame p) {
                    ByteBuf content = p.content();
                    long sent = content.readableBytes() == Long.BYTES ? content.getLong(content.readerIndex()) : -1;
                    events.add(new WsEvent.Pong(sent, now));
                } else if (msg instanceof CloseWebSocketFrame c) {
                    int code = c.statusCode() < 0 ? 1005 : c.statusCode();
                    String reason = c.statusCode() < 0 ? "" : c.reasonText();
                    boolean byServer = !closeSent;
                    if (byServer) {
                        // Echo the close (RFC 6455 section 5.5.1); 1005 must not be sent, so answer an empty close then.
                        closeSent = true;
                        ctx.writeAndFlush(code == 1005 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, ""))
                                .addListener(f -> ctx.close());
                    } else {
                        ctx.close();
                    }
                    end(new WsEvent.Closed(code, reason, byServer, now));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void message(ChannelHandlerContext ctx, WsEvent.Message m) {
            if (unreadMessages.incrementAndGet() > limits.maxQueuedMessages()) {
                end(new WsEvent.Failed(WsErrorCode.QUEUE_FULL, "more than " + limits.maxQueuedMessages()
                        + " received messages waiting unread", m.receivedNanos()));
                ctx.writeAndFlush(new CloseWebSocketFrame(1008, "client queue full")).addListener(f -> ctx.close());
                return;
            }
            events.add(m);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            WsErrorCode code = classify(cause);
            String detail = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            if (code == WsErrorCode.MESSAGE_TOO_BIG) {
                detail = "a received message is larger than " + limits.maxMessageBytes() + " bytes";
            }
            if (!handshake.isDone()) {
                if (cause instanceof WebSocketClientHandshakeException h && h.response() != null) {
                    detail = "the server answered the upgrade with " + h.response().status();
                }
                handshake.completeExceptionally(new WsConnectException(code == WsErrorCode.GENERAL || code == WsErrorCode.DROPPED
                        ? WsErrorCode.HANDSHAKE_FAILED : code, detail, 0));
            } else {
                end(new WsEvent.Failed(code, detail, System.nanoTime()));
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (!handshake.isDone()) {
                handshake.completeExceptionally(new WsConnectException(WsErrorCode.HANDSHAKE_FAILED,
                        "the connection closed during the upgrade", 0));
            }
            end(new WsEvent.Failed(WsErrorCode.DROPPED, "the connection ended without a close frame", System.nanoTime()));
            super.channelInactive(ctx);
        }
    }
}
