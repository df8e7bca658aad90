package io.headroom.http.socket;

import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSemantics;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One request/response on an {@link Http2Connection}: what to send, and the response as its frames arrive, with the
 * same limits as HTTP/1.1 (header section bytes and fields, the body kept up to a limit and the rest counted and
 * dropped). Its own {@link ExchangeTimer} times it: from the hop's start (queueing for a free stream is blocked
 * time) through sending, waiting for the response HEADERS and receiving to the end of the stream. Used by the
 * session's thread only.
 */
final class Http2Stream {
    private static final byte[] NO_BODY = new byte[0];

    final HttpMethod method;
    final URI url;
    final Http2Headers requestHeaders;
    final byte[] body;
    final ExchangeTimer timer = new ExchangeTimer();
    private final int keepBodyBytes;
    private final int headerLimitBytes;
    private final int headerCountLimit;

    Http2FrameStream frameStream;
    int status;
    final ArrayList<HttpHeader> headers = new ArrayList<>(8);
    private int headerBytes;
    private int headerCount;
    private byte[] kept = NO_BODY;
    private int keptLength;
    private boolean truncated;
    HttpError error;
    boolean done;
    /** Refused by the server before it processed anything (see {@link #refusedByServer}); times it was reopened. */
    boolean refused;
    int refusals;
    long endNanos;
    long bytesSent;
    long bytesReceived;

    Http2Stream(HttpMethod method, URI url, Http2Headers requestHeaders, byte[] body, int keepBodyBytes,
                int headerLimitBytes, int headerCountLimit) {
        this.method = method;
        this.url = url;
        this.requestHeaders = requestHeaders;
        this.body = body;
        this.keepBodyBytes = keepBodyBytes;
        this.headerLimitBytes = headerLimitBytes;
        this.headerCountLimit = headerCountLimit;
    }

    boolean started() {
        return frameStream != null;
    }

    /** A HEADERS frame (response head, an interim 1xx, or trailers), already reassembled from CONTINUATION frames. */
    void onHeaders(Http2Headers frame, boolean endStream) {
        if (done) return;
        CharSequence statusText = frame.status();
        boolean trailers = statusText == null && status >= 200;
        if (!trailers) {
            if (timer.firstByte == 0) timer.firstByte = System.nanoTime();
            int parsed = parseStatus(statusText);
            if (parsed < 0) {
                fail(new HttpError(HttpErrorCode.GENERIC, "malformed HTTP response: HTTP/2 HEADERS without a valid :status"));
                return;
            }
            if (parsed < 200) return; // interim response (RFC 9113 §8.1): the final one follows
            status = parsed;
            // Counted as HTTP/1.1 would carry it: "HTTP/2.0 200 \r\n" and "name: value\r\n" per field.
            headerBytes = 15;
            headerCount = 0;
        } else {
            headerBytes = 0; // the trailer section has a budget of its own, as in HTTP/1.1
            headerCount = 0;
        }
        for (Map.Entry<CharSequence, CharSequence> field : frame) {
            CharSequence name = field.getKey();
            if (name.length() > 0 && name.charAt(0) == ':') continue;
            headerBytes += name.length() + field.getValue().length() + 4;
            headerCount++;
            if (headerBytes > headerLimitBytes) {
                fail(new HttpError(HttpErrorCode.RESPONSE_HEADER_TOO_LARGE, "response header section larger than "
                        + headerLimitBytes + " bytes"));
                return;
            }
            if (headerCount > headerCountLimit) {
                fail(new HttpError(HttpErrorCode.RESPONSE_TOO_MANY_HEADERS, "response has more than "
                        + headerCountLimit + " header fields"));
                return;
            }
            if (!trailers) headers.add(new HttpHeader(name.toString(), field.getValue().toString()));
        }
        if (endStream) finish();
    }

    /** A DATA frame's content: kept up to the body limit, the rest counted only. */
    void onData(ByteBuf content, boolean endStream) {
        if (done) return;
        int readable = content.readableBytes();
        if (readable > 0 && HttpSemantics.responseHasBody(method, status)) {
            int room = keepBodyBytes - keptLength;
            int keep = Math.min(room, readable);
            if (keep > 0) {
                if (keptLength + keep > kept.length) {
                    int grown = (int) Math.min(keepBodyBytes, Math.max(keptLength + keep, Math.max(1024L, kept.length * 2L)));
                    kept = Arrays.copyOf(kept, grown);
                }
                content.getBytes(content.readerIndex(), kept, keptLength, keep);
                keptLength += keep;
            }
            if (keep < readable) truncated = true;
        }
        if (endStream) finish();
    }

    /**
     * The server refused the stream before any response (RST_STREAM REFUSED_STREAM: RFC 9113 §8.7, not processed,
     * safe to retry): it ends here, marked {@link #refused}, for {@link Http2Exchanges} to open again.
     */
    void refusedByServer(HttpError failure) {
        if (done) return;
        if (status == 0 && headers.isEmpty()) refused = true;
        fail(failure);
    }

    /** Makes a refused stream ready to be opened again; its hop's start stays, so the wait is blocked time. */
    void reopenAfterRefusal() {
        refusals++;
        refused = false;
        done = false;
        error = null;
        frameStream = null;
        timer.sendStart = timer.sendEnd = timer.firstByte = 0;
    }

    void fail(HttpError failure) {
        if (done) return;
        error = failure;
        done = true;
        endNanos = System.nanoTime();
    }

    private void finish() {
        done = true;
        endNanos = System.nanoTime();
    }

    /** The response (or the failure) as the session returns it. */
    HttpResponse response() {
        if (error != null) {
            return new HttpResponse(url, 0, List.of(), NO_BODY, timer.timings(endNanos), error, bytesSent,
                    bytesReceived, List.of(), false, "");
        }
        byte[] bodyBytes = keptLength == kept.length ? kept : Arrays.copyOf(kept, keptLength);
        boolean cut = truncated;
        String coding = contentEncoding();
        if (coding != null && bodyBytes.length > 0) {
            try {
                ContentCodings.Decoded decoded = ContentCodings.decode(bodyBytes, coding, keepBodyBytes, cut);
                bodyBytes = decoded.bytes();
                cut = decoded.truncated();
            } catch (IOException e) {
                return new HttpResponse(url, 0, List.of(), NO_BODY, timer.timings(endNanos),
                        new HttpError(HttpErrorCode.RESPONSE_DECOMPRESSION, "failed to decompress response body: "
                                + e.getMessage()), bytesSent, bytesReceived, List.of(), false, "");
            }
        }
        return new HttpResponse(url, status, headers, bodyBytes, timer.timings(endNanos), null, bytesSent,
                bytesReceived, List.of(), cut, HttpResponse.HTTP_2);
    }

    private String contentEncoding() {
        for (int i = 0; i < headers.size(); i++) {
            HttpHeader h = headers.get(i);
            if (h.is("content-encoding") && !h.value().isBlank() && !h.value().equalsIgnoreCase("identity")) {
                return h.value().strip();
            }
        }
        return null;
    }

    private static int parseStatus(CharSequence text) {
        if (text == null || text.length() != 3) return -1;
        int value = 0;
        for (int i = 0; i < 3; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value >= 100 ? value : -1;
    }
}
