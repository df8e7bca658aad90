package io.headroom.bench.netty;

import io.headroom.http.HttpHeader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Gathers one response on the event loop (head, then content pieces, then the last one) and hands it to the VU
 * thread parked in {@link NettyHttpSession#send}: fields are written on the event loop before the volatile
 * {@link #done} flag, then the waiter is unparked. One exchange at a time per channel, so the handler is reused
 * for every exchange on it instead of allocating a future per request.
 */
final class ResponseHandoffHandler extends ChannelInboundHandlerAdapter {
    private static final byte[] NO_BODY = new byte[0];

    private volatile Thread waiter;
    volatile boolean done;
    /** Whether the channel went inactive; a reused channel in this state is replaced before sending. */
    volatile boolean inactive;

    int status;
    ArrayList<HttpHeader> headers;
    boolean keepAlive;
    long firstByteNanos;
    long endNanos;
    Throwable failure;
    /** Whether any part of the response arrived; a failure before that on a reused channel may be retried. */
    boolean anyResponse;

    private byte[] body = NO_BODY;
    private int bodyLength;

    /** Called by the VU thread before it writes a request. */
    void arm(Thread vuThread) {
        status = 0;
        headers = null;
        keepAlive = false;
        firstByteNanos = 0;
        endNanos = 0;
        failure = null;
        anyResponse = false;
        body = NO_BODY;
        bodyLength = 0;
        done = false;
        waiter = vuThread;
    }

    /** The body of the response handed over; call only after {@link #done}. */
    byte[] body() {
        return bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (waiter == null || done) return; // nothing asked for this: ignore stray bytes
            HttpObject object = (HttpObject) msg;
            if (object.decoderResult().isFailure()) {
                finish(new IOException("malformed HTTP response: " + object.decoderResult().cause().getMessage()));
                ctx.close();
                return;
            }
            if (msg instanceof HttpResponse response) {
                firstByteNanos = System.nanoTime();
                anyResponse = true;
                status = response.status().code();
                keepAlive = HttpUtil.isKeepAlive(response);
                ArrayList<HttpHeader> list = new ArrayList<>(response.headers().size());
                for (Iterator<Map.Entry<String, String>> it = response.headers().iteratorAsString(); it.hasNext(); ) {
                    Map.Entry<String, String> e = it.next();
                    list.add(new HttpHeader(e.getKey(), e.getValue()));
                }
                headers = list;
                long contentLength = HttpUtil.getContentLength(response, -1L);
                if (contentLength > 0 && contentLength <= Integer.MAX_VALUE - 16) body = new byte[(int) contentLength];
            }
            if (msg instanceof HttpContent content) {
                ByteBuf buf = content.content();
                int n = buf.readableBytes();
                if (n > 0) {
                    if (bodyLength + n > body.length) {
                        body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
                    }
                    buf.getBytes(buf.readerIndex(), body, bodyLength, n);
                    bodyLength += n;
                }
                if (msg instanceof LastHttpContent) finish(null);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finish(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
        finish(new IOException("connection closed before the response ended"));
        ctx.fireChannelInactive();
    }

    private void finish(Throwable cause) {
        Thread w = waiter;
        if (w == null || done) return;
        failure = cause;
        endNanos = System.nanoTime();
        done = true;
        LockSupport.unpark(w);
    }

    /** Called by the VU after a timeout so that a late response is dropped. */
    void disarm() {
        waiter = null;
    }
}
