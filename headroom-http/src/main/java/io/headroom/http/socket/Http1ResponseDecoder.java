package io.headroom.http.socket;

import io.headroom.http.HttpHeader;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpSemantics;

import java.io.IOException;
import java.util.ArrayList;

/**
 * Reads one HTTP/1.1 response (RFC 9112) from a connection through a reusable read buffer: status line, header
 * fields ({@link Http1HeaderParser}), then the body ({@link Http1BodyReader}) framed by Content-Length, chunked
 * transfer coding (trailers appended to the headers) or the connection's close; HEAD, 1xx, 204 and 304 have no
 * body, interim 1xx responses are skipped. Lines are parsed in place in the buffer; the only allocations per
 * response are the header Strings (common names are shared constants), the header list and the body array.
 * Bodies with {@code Content-Encoding: gzip} or {@code deflate} are decoded, as k6 does. The header section and
 * the kept body are bounded (see {@link #decode}), so a hostile server cannot make a VU hold more than the limits. Owned by one session;
 * not thread-safe.
 */
final class Http1ResponseDecoder {
    private final Http1ReadBuffer in;
    private final Http1HeaderParser head;
    private final Http1BodyReader bodyReader;

    int status;
    boolean keepAlive;
    byte[] body;
    /** The body is only the first part of what the server sent (the rest was past the body limit). */
    boolean bodyTruncated;
    /** The header fields (then trailers) of the response decoded last; the session copies and clears it. */
    final ArrayList<HttpHeader> headers;

    Http1ResponseDecoder(int readBufferBytes) {
        in = new Http1ReadBuffer(readBufferBytes);
        head = new Http1HeaderParser(in);
        bodyReader = new Http1BodyReader(in);
        headers = head.headers;
    }

    /** The read buffer, also lent to the idle probe; empty between exchanges. */
    byte[] buffer() {
        return in.bytes();
    }

    /** Bytes received beyond the end of the response: a protocol violation that makes the connection unusable. */
    boolean hasLeftover() {
        return in.hasLeftover();
    }

    /** Bytes of this response read so far; zero at EOF means the server closed before answering. */
    long responseBytes() {
        return in.responseBytes;
    }

    /** Forgets everything buffered and read; called before every exchange attempt. */
    void clear() {
        in.clear();
    }

    /**
     * Decodes one response: at most {@code headerBytes} and {@code headerFields} in its header section, and the
     * first {@code keepBodyBytes} of its body (the rest is read and dropped; {@link #bodyTruncated} then says so).
     */
    void decode(Http1Connection conn, HttpMethod requestMethod, long deadline, ExchangeTimer exchangeTimer,
                int keepBodyBytes, int headerBytes, int headerFields) throws IOException {
        in.bind(conn, deadline, exchangeTimer);
        body = Http1BodyReader.EMPTY;
        bodyTruncated = false;
        try {
            do {
                head.readHead(headerBytes, headerFields);
                status = head.status;
            } while (status >= 100 && status < 200 && status != 101); // interim responses (RFC 9110 §15.2)

            keepAlive = head.minorVersion >= 1 ? !head.connectionClose : head.connectionKeepAlive && !head.connectionClose;
            if (status == 101) {
                keepAlive = false; // we never ask to switch protocols; whatever follows is not HTTP/1.1
            } else if (HttpSemantics.responseHasBody(requestMethod, status)) {
                if (head.chunked) {
                    body = bodyReader.readChunked(keepBodyBytes);
                    head.readTrailers();
                    // RFC 9112 §6.3: both framings at once smells of response splitting; do not reuse.
                    if (head.contentLength >= 0) keepAlive = false;
                } else if (head.otherTransferCoding || head.contentLength < 0) {
                    body = bodyReader.readUntilClose(keepBodyBytes); // RFC 9112 §6.3 rules 4 and 8
                    keepAlive = false;
                } else {
                    body = bodyReader.readFixed(head.contentLength, keepBodyBytes);
                }
                bodyTruncated = bodyReader.truncated;
                if (head.contentEncoding != null && body.length > 0) {
                    ContentCodings.Decoded decoded = ContentCodings.decode(body, head.contentEncoding, keepBodyBytes,
                            bodyTruncated);
                    body = decoded.bytes();
                    bodyTruncated = decoded.truncated();
                }
            }
        } finally {
            in.unbind();
        }
    }

    /** Bytes the body scratch array holds now: bounded by the body limit however long the body was. */
    int bodyScratchBytes() {
        return bodyReader.scratchBytes();
    }
}
