package io.headroom.http.socket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The read side of one connection's exchange: a reusable buffer that yields CRLF-terminated lines in place
 * (for the header section and chunk framing) and hands buffered bytes and direct socket reads to the body
 * reader, counting every byte of the response, and drops the bytes of a body past its limit. Grows up to
 * {@link #MAX_LINE_BYTES} for one chunk line, and up to the header limit for a header line. Bound to a
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
        if (!readLineWithin(MAX_LINE_BYTES)) {
            throw new MalformedResponseException("line longer than " + MAX_LINE_BYTES + " bytes");
        }
    }

    /**
     * As {@link #readLine()}, for a line of at most {@code maxBytes} bytes with its line ending; returns false,
     * consuming nothing more, when the line is longer (or has no end within that many bytes). The buffer grows to
     * at most {@code maxBytes}, so a header section without end costs no more memory than its limit.
     */
    boolean readLineWithin(int maxBytes) throws IOException {
        while (true) {
            for (int i = Math.max(scanFrom, pos); i < limit; i++) {
                if (buffer[i] == '\n') {
                    if (i + 1 - pos > maxBytes) return false;
                    lineStart = pos;
                    lineEnd = i > pos && buffer[i - 1] == '\r' ? i - 1 : i;
                    pos = i + 1;
                    scanFrom = pos;
                    return true;
                }
            }
            scanFrom = limit;
            if (limit - pos >= maxBytes) return false;
            fill(maxBytes);
        }
    }

    private void fill(int maxLineBytes) throws IOException {
        if (limit == buffer.length) {
            if (pos > 0) {
                System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                scanFrom -= pos;
                limit -= pos;
                pos = 0;
            } else {
                // Only reached while limit - pos < maxLineBytes, so the buffer is shorter than the line may be.
                buffer = Arrays.copyOf(buffer, (int) Math.min(maxLineBytes, buffer.length * 2L));
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

    /**
     * Reads and drops the next {@code length} bytes of the response (buffered ones first), counting them; the read
     * buffer itself is the scratch space, so dropping allocates nothing. Throws {@link UnexpectedEofException} when
     * the connection ends first.
     */
    void skip(long length) throws IOException {
        long remaining = length - dropBuffered(length);
        while (remaining > 0) {
            int n = connection.read(buffer, 0, (int) Math.min(buffer.length, remaining), deadlineNanos);
            if (n < 0) throw new UnexpectedEofException(false);
            responseBytes += n;
            remaining -= n;
        }
    }

    /** Reads and drops everything until the server closes the connection, counting it; allocates nothing. */
    void skipUntilClose() throws IOException {
        dropBuffered(Long.MAX_VALUE);
        while (true) {
            int n = connection.read(buffer, 0, buffer.length, deadlineNanos);
            if (n < 0) return;
            responseBytes += n;
        }
    }

    /** Drops up to {@code max} buffered bytes; when the buffer is then empty it restarts at 0 for direct reads. */
    private long dropBuffered(long max) {
        int n = (int) Math.min(limit - pos, max);
        pos += n;
        if (pos == limit) pos = limit = scanFrom = 0;
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
