package io.headroom.http.socket;

import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * One HTTP/2 connection over a blocking {@link Http1Connection} socket, driven by the session's own (virtual)
 * thread: Netty's HTTP/2 codec (frames, HPACK, CONTINUATION, flow control, SETTINGS and PING acks) runs inside an
 * {@link EmbeddedChannel} with no event loop, fed with the bytes this thread reads and drained into the socket by
 * this thread. So a request never hops to another thread, as with the HTTP/1.1 path (docs/transport-choice.md,
 * "HTTP/2"). Streams are opened only while the server's SETTINGS_MAX_CONCURRENT_STREAMS allows; GOAWAY fails the
 * streams the server will not answer and stops new ones; RST_STREAM fails its stream. Not thread-safe.
 */
final class Http2Connection {
    private static final byte[] HTTP1_PREFIX = "HTTP/".getBytes(StandardCharsets.US_ASCII);

    final Http1Connection socket;
    private final EmbeddedChannel channel;
    private final Http2FrameCodec codec;
    private final Frames frames = new Frames();
    private final ArrayList<Http2Stream> active = new ArrayList<>(4);
    private final byte[] readBuffer = new byte[16 * 1024];
    private final byte[] writeScratch = new byte[16 * 1024];
    private boolean anyByteReceived;
    private boolean goAway;
    /** Whether the server's first SETTINGS arrived (until then its stream limit is unknown). */
    private boolean settingsReceived;
    private HttpError broken;
    long idleSinceNanos;

    private Http2Connection(Http1Connection socket, int headerLimitBytes) {
        this.socket = socket;
        Http2Settings settings = Http2Settings.defaultSettings().pushEnabled(false)
                // Netty's own bound; the session's exact header limits are checked per stream (Http2Stream).
                .maxHeaderListSize(Math.max(16 * 1024L, 2L * headerLimitBytes + 1024));
        this.codec = Http2FrameCodecBuilder.forClient().initialSettings(settings).validateHeaders(true).build();
        this.channel = new EmbeddedChannel(codec, frames);
    }

    /** Starts HTTP/2 on {@code socket} (after ALPN chose h2, or with prior knowledge): sends the preface and SETTINGS. */
    static Http2Connection start(Http1Connection socket, int headerLimitBytes) throws IOException {
        Http2Connection c = new Http2Connection(socket, headerLimitBytes);
        c.flushOutbound();
        return c;
    }

    /**
     * Whether a new stream may start now: no GOAWAY, no failure, and a free stream under the server's limit. Until
     * the server's SETTINGS arrive its SETTINGS_MAX_CONCURRENT_STREAMS is unknown (RFC 9113 §6.5.2: unlimited until
     * then), so one stream goes at once and the rest wait for them: a batch larger than the server's limit would
     * otherwise be refused (REFUSED_STREAM) beyond it.
     */
    boolean canOpenStream() {
        return usable() && codec.connection().local().canOpenStream() && (settingsReceived || active.isEmpty());
    }

    /** Whether new requests may still use this connection (streams in flight aside). */
    boolean usable() {
        return !goAway && broken == null && socket.isOpen() && channel.isActive();
    }

    int activeStreams() {
        return active.size();
    }

    /** Sends {@code s}'s HEADERS (and DATA, as flow control lets it go) and makes it active. */
    void open(Http2Stream s) throws IOException {
        Http2FrameStream stream = frames.newStream();
        s.frameStream = stream;
        active.add(s);
        s.timer.sendStart = System.nanoTime();
        boolean noBody = s.body.length == 0;
        ChannelFuture last = channel.write(new DefaultHttp2HeadersFrame(s.requestHeaders, noBody).stream(stream));
        if (!noBody) {
            last = channel.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(s.body), true).stream(stream));
        }
        last.addListener(f -> {
            if (f.isSuccess()) {
                if (s.timer.sendEnd == 0) s.timer.sendEnd = System.nanoTime();
            } else {
                s.fail(new HttpError(HttpErrorCode.HTTP2, "HTTP/2 request could not be sent: " + f.cause().getMessage()));
            }
        });
        channel.flush();
        flushOutbound();
        forgetDone();
    }

    /**
     * Reads once from the socket (blocking, untimed: the deadline watchdog closes the socket past the deadline) and
     * lets the codec handle what arrived; answers it (acks, WINDOW_UPDATE, queued DATA) before returning.
     */
    void readOnce(long deadlineNanos) throws IOException {
        int n = socket.read(readBuffer, 0, readBuffer.length, deadlineNanos);
        if (n < 0) {
            throw anyByteReceived ? new EOFException("connection closed by the server")
                    : new ExchangeFailure(new HttpError(HttpErrorCode.HTTP2, "the server closed the connection before"
                    + " any HTTP/2 frame: it does not seem to speak HTTP/2 here"), false);
        }
        if (!anyByteReceived && n > 0) {
            anyByteReceived = true;
            if (startsWith(readBuffer, n, HTTP1_PREFIX)) {
                failAll(new HttpError(HttpErrorCode.HTTP2, "the server answered in HTTP/1.1 (\"" + firstLine(n)
                        + "\") to HTTP/2 with prior knowledge; use httpVersion \"1.1\" or \"auto\" for this server"));
                return;
            }
        }
        ByteBuf in = channel.alloc().buffer(n);
        in.writeBytes(readBuffer, 0, n);
        channel.writeInbound(in);
        flushOutbound();
        if (!channel.isActive() && broken == null) {
            failAll(new HttpError(HttpErrorCode.HTTP2_CONNECTION, "HTTP/2 connection closed"));
        }
        forgetDone();
    }

    /**
     * Whether a connection idle since {@link #idleSinceNanos} can take a new stream: what the server sent meanwhile
     * (a GOAWAY before an idle close, a PING) is handled first, waiting at most a millisecond or so.
     */
    boolean usableAfterIdle() {
        try {
            for (int i = 0; i < 64 && usable(); i++) {
                int n = socket.readArrived(readBuffer);
                if (n == 0) break;
                if (n < 0) {
                    failAll(new HttpError(HttpErrorCode.HTTP2_CONNECTION, "connection closed while idle"));
                    break;
                }
                anyByteReceived = true;
                ByteBuf in = channel.alloc().buffer(n);
                in.writeBytes(readBuffer, 0, n);
                channel.writeInbound(in);
                flushOutbound();
            }
        } catch (IOException e) {
            failAll(new HttpError(HttpErrorCode.HTTP2_CONNECTION, "connection lost while idle"));
        }
        return usable();
    }

    /** Fails every stream in flight and marks the connection unusable. */
    void failAll(HttpError error) {
        if (broken == null) broken = error;
        for (Http2Stream s : active) s.fail(error);
        active.clear();
    }

    HttpError brokenError() {
        return broken;
    }

    /** Sends GOAWAY (best effort) and closes the socket. */
    void close() {
        try {
            if (channel.isActive()) {
                channel.close();
                flushOutbound();
            }
        } catch (IOException | RuntimeException ignored) {
            // Closing is best effort; the socket goes either way.
        }
        socket.close();
        channel.finishAndReleaseAll();
    }

    private void forgetDone() {
        active.removeIf(s -> s.done);
    }

    /**
     * Writes whatever the codec queued to the socket and flushes it, small frames gathered into one write (the codec
     * queues a frame's 9-byte header and its payload apart; written apart they would leave as two TCP segments).
     */
    private void flushOutbound() throws IOException {
        channel.runPendingTasks();
        boolean wrote = false;
        int gathered = 0;
        Object message;
        while ((message = channel.readOutbound()) != null) {
            ByteBuf buf = (ByteBuf) message;
            try {
                int length = buf.readableBytes();
                if (gathered + length > writeScratch.length && gathered > 0) {
                    socket.write(writeScratch, 0, gathered);
                    gathered = 0;
                }
                if (length <= writeScratch.length) {
                    buf.getBytes(buf.readerIndex(), writeScratch, gathered, length);
                    gathered += length;
                } else if (buf.hasArray()) {
                    socket.write(buf.array(), buf.arrayOffset() + buf.readerIndex(), length);
                } else {
                    int index = buf.readerIndex();
                    while (length > 0) {
                        int chunk = Math.min(length, writeScratch.length);
                        buf.getBytes(index, writeScratch, 0, chunk);
                        socket.write(writeScratch, 0, chunk);
                        index += chunk;
                        length -= chunk;
                    }
                }
                wrote = true;
            } finally {
                buf.release();
            }
        }
        if (gathered > 0) socket.write(writeScratch, 0, gathered);
        if (wrote) socket.flush();
    }

    private Http2Stream find(Http2FrameStream stream) {
        for (int i = 0; i < active.size(); i++) {
            Http2Stream s = active.get(i);
            if (s.frameStream == stream) return s;
        }
        return null;
    }

    private String firstLine(int n) {
        int end = 0;
        while (end < n && end < 80 && readBuffer[end] != '\r' && readBuffer[end] != '\n') end++;
        return new String(readBuffer, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] bytes, int length, byte[] prefix) {
        if (length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) return false;
        }
        return true;
    }

    private static String errorName(long code) {
        Http2Error known = Http2Error.valueOf(code);
        return known != null ? known.name() : "0x" + Long.toHexString(code);
    }

    /** The end of the pipeline: frames of the codec to the streams they belong to. */
    private final class Frames extends Http2ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2SettingsFrame) {
                    settingsReceived = true;
                } else if (msg instanceof Http2HeadersFrame h) {
                    Http2Stream s = find(h.stream());
                    if (s != null) s.onHeaders(h.headers(), h.isEndStream());
                } else if (msg instanceof Http2DataFrame d) {
                    // Hand the bytes back to flow control at once: the VU has taken them (kept or counted).
                    if (d.initialFlowControlledBytes() > 0) {
                        ctx.write(new DefaultHttp2WindowUpdateFrame(d.initialFlowControlledBytes()).stream(d.stream()));
                    }
                    Http2Stream s = find(d.stream());
                    if (s != null) s.onData(d.content(), d.isEndStream());
                } else if (msg instanceof Http2ResetFrame r) {
                    Http2Stream s = find(r.stream());
                    if (s != null) {
                        HttpError reset = new HttpError(HttpErrorCode.HTTP2_STREAM, "stream reset by the server (RST_STREAM "
                                + errorName(r.errorCode()) + ")");
                        if (r.errorCode() == Http2Error.REFUSED_STREAM.code()) s.refusedByServer(reset);
                        else s.fail(reset);
                    }
                } else if (msg instanceof Http2GoAwayFrame g) {
                    goAway = true;
                    int last = g.lastStreamId();
                    for (Http2Stream s : active) {
                        if (s.frameStream.id() > last) {
                            s.fail(new HttpError(HttpErrorCode.HTTP2_GOAWAY, "server sent GOAWAY ("
                                    + errorName(g.errorCode()) + ", last stream " + last + ") before answering"));
                        }
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof Http2FrameStreamException e) {
                Http2Stream s = find(e.stream());
                if (s != null) {
                    String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                    boolean headerSize = message != null && message.toLowerCase().contains("header size");
                    s.fail(headerSize
                            ? new HttpError(HttpErrorCode.RESPONSE_HEADER_TOO_LARGE, "response header section too large: "
                                    + message)
                            : new HttpError(HttpErrorCode.HTTP2_STREAM, "HTTP/2 stream error (" + e.error() + "): "
                                    + message));
                }
                return;
            }
            String code = cause instanceof Http2Exception h2 ? h2.error().name() : cause.getClass().getSimpleName();
            failAll(new HttpError(HttpErrorCode.HTTP2_CONNECTION, "HTTP/2 connection error (" + code + "): "
                    + cause.getMessage()));
            ctx.close();
        }
    }
}
