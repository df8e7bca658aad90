package io.headroom.bench.netty;

import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSemantics;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpTimings;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One VU's channel to one origin (a new origin replaces it). {@link #send} writes from the VU's thread (Netty
 * queues the write to the channel's event loop) and parks until {@link ResponseHandoffHandler} hands the response
 * back, so each request costs two thread hand-offs that the socket transport does not have. Used by one thread at
 * a time.
 */
final class NettyHttpSession implements HttpSession {
    private static final byte[] NO_BODY = new byte[0];
    private static final HttpHeadersFactory UNVALIDATED_HEADERS =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final HttpHeadersFactory UNVALIDATED_TRAILERS =
            DefaultHttpHeadersFactory.trailersFactory().withValidation(false);
    private static final HttpError TIMEOUT = new HttpError(HttpErrorCode.REQUEST_TIMEOUT, "request timeout");

    private final NettyHttpTransport transport;
    private final HttpSessionOptions options;
    private Channel channel;
    private ResponseHandoffHandler handoff;
    private WireCountingHandler wire;
    private String channelHost;
    private int channelPort;
    private boolean closed;

    NettyHttpSession(NettyHttpTransport transport, HttpSessionOptions options) {
        this.transport = transport;
        this.options = options;
    }

    @Override
    public HttpResponse send(HttpRequest request) {
        URI url = request.url();
        if (closed) return failure(url, new HttpError(HttpErrorCode.GENERIC, "session closed"), HttpTimings.NONE);
        String scheme = url.getScheme();
        String host = url.getHost();
        if (!"http".equalsIgnoreCase(scheme) || host == null) {
            return failure(url, new HttpError(HttpErrorCode.INVALID_URL,
                    "the Netty candidate speaks plain http only: \"" + url + "\""), HttpTimings.NONE);
        }
        int port = url.getPort() == -1 ? 80 : url.getPort();
        Duration timeout = request.timeout() != null ? request.timeout() : options.timeout();
        long startNanos = System.nanoTime();
        long deadlineNanos = startNanos + (timeout == null || timeout.isZero() ? Duration.ofDays(1) : timeout).toNanos();

        for (int attempt = 0; ; attempt++) {
            long connectingNanos = 0;
            boolean reused = channel != null && channel.isActive() && !handoff.inactive
                    && host.equals(channelHost) && port == channelPort;
            if (!reused) {
                dropChannel();
                long connectStart = System.nanoTime();
                HttpError connectError = connect(host, port, deadlineNanos);
                connectingNanos = System.nanoTime() - connectStart;
                if (connectError != null) {
                    return failure(url, connectError, new HttpTimings(0, connectingNanos, 0, 0, 0, 0));
                }
            }
            long readBefore = wire.bytesRead;
            long writtenBefore = wire.bytesWritten;
            ResponseHandoffHandler h = handoff;
            h.arm(Thread.currentThread());
            long sendStart = System.nanoTime();
            channel.writeAndFlush(encode(request, host, port), channel.voidPromise());
            while (!h.done) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0 || Thread.currentThread().isInterrupted()) break;
                LockSupport.parkNanos(h, remaining);
            }
            if (!h.done) {
                h.disarm();
                dropChannel();
                HttpError error = Thread.currentThread().isInterrupted()
                        ? new HttpError(HttpErrorCode.GENERIC, "request interrupted") : TIMEOUT;
                return failure(url, error, new HttpTimings(0, connectingNanos, 0, 0,
                        System.nanoTime() - sendStart, 0));
            }
            long bytesSent = wire.bytesWritten - writtenBefore;
            long bytesReceived = wire.bytesRead - readBefore;
            if (h.failure != null) {
                dropChannel();
                // RFC 9112 §9.3.1: a request lost on a reused connection the server had closed may be retried once.
                if (reused && attempt == 0 && !h.anyResponse && HttpSemantics.isIdempotent(request.method())) continue;
                return new HttpResponse(url, 0, List.of(), NO_BODY,
                        new HttpTimings(0, connectingNanos, 0, 0, h.endNanos - sendStart, 0),
                        classify(h.failure), bytesSent, bytesReceived, List.of());
            }
            HttpTimings timings = new HttpTimings(0, connectingNanos, 0, 0, h.firstByteNanos - sendStart,
                    h.endNanos - h.firstByteNanos);
            HttpResponse response = new HttpResponse(url, h.status, h.headers, h.body(), timings, null, bytesSent,
                    bytesReceived, List.of());
            if (!h.keepAlive) dropChannel();
            return response;
        }
    }

    private DefaultFullHttpRequest encode(HttpRequest request, String host, int port) {
        URI url = request.url();
        String path = url.getRawPath();
        if (path == null || path.isEmpty()) path = "/";
        String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        byte[] body = request.body();
        // Header validation off, as measured: the socket transport checks names and values itself instead.
        DefaultFullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(request.method().name()), target,
                body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body), UNVALIDATED_HEADERS,
                UNVALIDATED_TRAILERS);
        HttpHeaders headers = out.headers();
        headers.add(HttpHeaderNames.HOST, port == 80 ? host : host + ":" + port);
        if (options.userAgent() != null && !options.userAgent().isEmpty()) {
            headers.add(HttpHeaderNames.USER_AGENT, options.userAgent());
        }
        for (HttpHeader h : options.defaultHeaders()) headers.add(h.name(), h.value());
        for (HttpHeader h : request.headers()) {
            if (h.is("Content-Length") || h.is("Transfer-Encoding")) continue;
            headers.set(h.name(), h.value());
        }
        if (body.length > 0 || request.method().expectsContent()) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        return out;
    }

    private HttpError connect(String host, int port, long deadlineNanos) {
        long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        ChannelFuture future = transport.bootstrap.connect(host, port);
        if (!future.awaitUninterruptibly(remainingMillis)) {
            future.cancel(false);
            future.channel().close();
            return TIMEOUT;
        }
        if (!future.isSuccess()) {
            Throwable cause = future.cause();
            String target = host + ":" + port;
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (cause instanceof ConnectTimeoutException) {
                return new HttpError(HttpErrorCode.TCP_DIAL_TIMEOUT, "dial tcp " + target + ": i/o timeout");
            }
            if (cause instanceof ConnectException && message.contains("refused")) {
                return new HttpError(HttpErrorCode.TCP_DIAL_REFUSED, "dial tcp " + target + ": connection refused");
            }
            return new HttpError(HttpErrorCode.TCP_DIAL, "dial tcp " + target + ": " + cause.getMessage());
        }
        channel = future.channel();
        handoff = channel.pipeline().get(ResponseHandoffHandler.class);
        wire = channel.pipeline().get(WireCountingHandler.class);
        channelHost = host;
        channelPort = port;
        return null;
    }

    private static HttpError classify(Throwable failure) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("connection reset")) {
            return new HttpError(HttpErrorCode.TCP_RESET_BY_PEER, "read: connection reset by peer");
        }
        if (lower.contains("broken pipe")) return new HttpError(HttpErrorCode.TCP_BROKEN_PIPE, "write: broken pipe");
        return new HttpError(HttpErrorCode.GENERIC, message);
    }

    private void dropChannel() {
        if (channel != null) {
            channel.close();
            channel = null;
            handoff = null;
            wire = null;
        }
    }

    private static HttpResponse failure(URI url, HttpError error, HttpTimings timings) {
        return new HttpResponse(url, 0, List.of(), NO_BODY, timings, error, 0, 0, List.of());
    }

    @Override
    public void close() {
        closed = true;
        dropChannel();
    }
}
