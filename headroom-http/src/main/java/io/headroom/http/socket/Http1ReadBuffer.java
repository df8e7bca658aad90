package io.headroom.http.socket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The read side of one connection's exchange: a reusable buffer that yields CRLF-terminated lines in place
 * (for the header section and chunk framing) and hands buffered bytes and direct socket reads to the body
 * reader, counting every byte of the response. Grows up to {@link #MAX_LINE_BYTES} for one line. Bound to a
 * connection, deadline and timer for one {@link Http1ResponseDecoder#decode} call. Owned by one session; not
 * thread-safe.
 */
final class Http1ReadBuffer {
    static final int MAX_LINE_BYTES = 64 * 1024;

    private byte[] buffer;
    private int pos;
    private int limit;
    private int scanFrom;
    /** The line found by {@link #readLine()}: [lineStart, lineEnd) of {@link #bytes()}, without its CRLF. */
    int lineStart;
    int lineEnd;

    /** Bytes of this response read so far; zero at EOF means the server closed before answering. */
    long responseBytes;

    private Http1Connection connection;
    private long deadlineNanos;
    private ExchangeTimer timer;

    Http1ReadBuffer(int initialBytes) {
        buffer = new byte[initialBytes];
    }

    /** Reads from {@code conn} until {@code deadline} (System.nanoTime), stamping the first byte on {@code exchangeTimer}. */
    void bind(Http1Connection conn, long deadline, ExchangeTimer exchangeTimer) {
        connection = conn;
        deadlineNanos = deadline;
        timer = exchangeTimer;
        responseBytes = 0;
    }

    void unbind() {
        connection = null;
        timer = null;
    }

    /** The buffer's bytes, which lines index into; also lent to the idle probe (empty between exchanges). */
    byte[] bytes() {
        return buffer;
    }

    /** Bytes received beyond the end of the response: a protocol violation that makes the connection unusable. */
    boolean hasLeftover() {
        return pos < limit;
    }

    /** Forgets everything buffered and read; called before every exchange attempt. */
    void clear() {
        pos = limit = scanFrom = 0;
        responseBytes = 0;
    }

    boolean lineIsEmpty() {
        return lineEnd == lineStart;
    }

    /** Makes [lineStart, lineEnd) the next line without its CRLF (a bare LF is accepted, RFC 9112 §2.2). */
    void readLine() throws IOException {
        while (true) {
            for (int i = Math.max(scanFrom, pos); i < limit; i++) {
                if (buffer[i] == '\n') {
                    lineStart = pos;
                    lineEnd = i > pos && buffer[i - 1] == '\r' ? i - 1 : i;
                    pos = i + 1;
                    scanFrom = pos;
                    return;
                }
            }
            scanFrom = limit;
            fill();
        }
    }

    private void fill() throws IOException {
        if (limit == buffer.length) {
            if (pos > 0) {
                System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                scanFrom -= pos;
                limit -= pos;
                pos = 0;
            } else if (buffer.length < MAX_LINE_BYTES) {
                buffer = Arrays.copyOf(buffer, Math.min(MAX_LINE_BYTES, buffer.length * 2));
            } else {
                throw new MalformedResponseException("header line longer than " + MAX_LINE_BYTES + " bytes");
            }
        }
        int n = connection.read(buffer, limit, buffer.length - limit, deadlineNanos);
        if (n < 0) throw new UnexpectedEofException(responseBytes == 0);
        if (responseBytes == 0) timer.firstByte = System.nanoTime();
        responseBytes += n;
        limit += n;
    }

    /** Moves up to {@code max} already-buffered bytes into {@code dst} at {@code offset}; returns how many. */
    int drainBuffered(byte[] dst, int offset, int max) {
        int n = Math.min(limit - pos, max);
        System.arraycopy(buffer, pos, dst, offset, n);
        pos += n;
        return n;
    }

    /** Bytes buffered beyond the last line. */
    int buffered() {
        return limit - pos;
    }

    /**
     * Reads straight from the socket into {@code dst} (no copy through the buffer, which must be drained first);
     * returns the bytes read, or -1 at EOF.
     */
    int readDirect(byte[] dst, int offset, int length) throws IOException {
        int n = connection.read(dst, offset, length, deadlineNanos);
        if (n > 0) responseBytes += n;
        return n;
    }

    /** [from, to) of the buffer as text: ISO-8859-1, or UTF-8 when any byte is non-ASCII. */
    String text(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] < 0) return new String(buffer, from, to - from, StandardCharsets.UTF_8);
        }
        return new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
    }

    int trimStart(int from, int to) {
        while (from < to && (buffer[from] == ' ' || buffer[from] == '\t')) from++;
        return from;
    }

    int trimEnd(int from, int to) {
        while (to > from && (buffer[to - 1] == ' ' || buffer[to - 1] == '\t')) to--;
        return to;
    }

    /** The current line's first 40 bytes, quoted, non-printable bytes as '?': for error messages. */
    String quoteLine() {
        int len = Math.min(lineEnd - lineStart, 40);
        StringBuilder s = new StringBuilder(len + 2).append('"');
        for (int i = lineStart; i < lineStart + len; i++) {
            int b = buffer[i] & 0xff;
            s.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return s.append('"').toString();
    }
}
