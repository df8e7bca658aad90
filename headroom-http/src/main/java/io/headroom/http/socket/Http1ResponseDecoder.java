package io.headroom.http.socket;

import io.headroom.http.HttpHeader;
import io.headroom.http.HttpSemantics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads one HTTP/1.1 response (RFC 9112) from a connection through a reusable read buffer: status line, header
 * fields, then the body framed by Content-Length, chunked transfer coding (trailers appended to the headers) or
 * the connection's close; HEAD, 1xx, 204 and 304 have no body, interim 1xx responses are skipped. Lines are
 * parsed in place in the buffer; the only allocations per response are the header Strings (common names are
 * shared constants), the header list and the body array. Bodies with {@code Content-Encoding: gzip} or
 * {@code deflate} are decoded, as k6 does. Owned by one session; not thread-safe.
 */
final class Http1ResponseDecoder {
    static final int MAX_LINE_BYTES = 64 * 1024;
    static final int MAX_BODY_BYTES = Integer.MAX_VALUE - 16;
    static final byte[] EMPTY = new byte[0];
    /** A chunked or close-delimited body is gathered here; kept between responses unless it grew large. */
    private static final int SCRATCH_KEEP_BYTES = 256 * 1024;

    private byte[] buffer;
    private int pos;
    private int limit;
    private int scanFrom;
    private int lineStart;
    private int lineEnd;
    private byte[] scratch;

    private Http1Connection connection;
    private long deadlineNanos;
    private ExchangeTimer timer;

    /** Bytes of this response read so far; zero at EOF means the server closed before answering. */
    long responseBytes;
    int status;
    boolean keepAlive;
    byte[] body;
    final ArrayList<HttpHeader> headers = new ArrayList<>();

    private int minorVersion;
    private long contentLength;
    private boolean chunked;
    private boolean otherTransferCoding;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private String contentEncoding;

    Http1ResponseDecoder(int readBufferBytes) {
        buffer = new byte[readBufferBytes];
    }

    /** The read buffer, also lent to the idle probe; empty between exchanges. */
    byte[] buffer() {
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

    void decode(Http1Connection conn, String requestMethod, long deadline, ExchangeTimer exchangeTimer)
            throws IOException {
        connection = conn;
        deadlineNanos = deadline;
        timer = exchangeTimer;
        responseBytes = 0;
        body = EMPTY;
        try {
            do {
                readStatusLine();
                readHeaderFields();
            } while (status >= 100 && status < 200 && status != 101); // interim responses (RFC 9110 §15.2)

            keepAlive = minorVersion >= 1 ? !connectionClose : connectionKeepAlive && !connectionClose;
            if (status == 101) {
                keepAlive = false; // we never ask to switch protocols; whatever follows is not HTTP/1.1
            } else if (HttpSemantics.responseHasBody(requestMethod, status)) {
                if (chunked) {
                    body = readChunkedBody();
                    // RFC 9112 §6.3: both framings at once smells of response splitting; do not reuse.
                    if (contentLength >= 0) keepAlive = false;
                } else if (otherTransferCoding || contentLength < 0) {
                    body = readUntilClose(); // RFC 9112 §6.3 rules 4 and 8
                    keepAlive = false;
                } else {
                    body = readFixedBody(contentLength);
                }
                if (contentEncoding != null && body.length > 0) body = decompress(body, contentEncoding);
            }
        } finally {
            connection = null;
            timer = null;
        }
    }

    private void readStatusLine() throws IOException {
        readLine();
        int s = lineStart;
        int len = lineEnd - lineStart;
        // "HTTP/1.x SP 3DIGIT [SP reason-phrase]"
        if (len < 12 || buffer[s] != 'H' || buffer[s + 1] != 'T' || buffer[s + 2] != 'T' || buffer[s + 3] != 'P'
                || buffer[s + 4] != '/' || buffer[s + 5] != '1' || buffer[s + 6] != '.' || !isDigit(buffer[s + 7])
                || buffer[s + 8] != ' ' || !isDigit(buffer[s + 9]) || !isDigit(buffer[s + 10])
                || !isDigit(buffer[s + 11]) || (len > 12 && buffer[s + 12] != ' ')) {
            throw new MalformedResponseException("bad status line " + quote(s, Math.min(len, 40)));
        }
        minorVersion = buffer[s + 7] - '0';
        status = (buffer[s + 9] - '0') * 100 + (buffer[s + 10] - '0') * 10 + (buffer[s + 11] - '0');
        if (status < 100) throw new MalformedResponseException("bad status code " + status);
    }

    private void readHeaderFields() throws IOException {
        headers.clear();
        contentLength = -1;
        chunked = false;
        otherTransferCoding = false;
        connectionClose = false;
        connectionKeepAlive = false;
        contentEncoding = null;
        while (true) {
            readLine();
            if (lineEnd == lineStart) return;
            addHeaderLine(true);
        }
    }

    private void addHeaderLine(boolean interpret) throws IOException {
        byte first = buffer[lineStart];
        if (first == ' ' || first == '\t') {
            // obs-fold (RFC 9112 §5.2): a user agent replaces it with a space and joins the lines.
            if (headers.isEmpty()) throw new MalformedResponseException("continuation line before any header");
            HttpHeader previous = headers.remove(headers.size() - 1);
            String joined = previous.value() + " " + text(trimStart(lineStart, lineEnd), trimEnd(lineStart, lineEnd));
            headers.add(new HttpHeader(previous.name(), joined));
            return;
        }
        int colon = -1;
        for (int i = lineStart; i < lineEnd; i++) {
            if (buffer[i] == ':') {
                colon = i;
                break;
            }
        }
        // RFC 9112 §5.1: no whitespace between the field name and the colon.
        if (colon <= lineStart || buffer[colon - 1] == ' ' || buffer[colon - 1] == '\t') {
            throw new MalformedResponseException("bad header line " + quote(lineStart, Math.min(lineEnd - lineStart, 40)));
        }
        String name = CommonHeaderNames.lookup(buffer, lineStart, colon - lineStart);
        boolean known = name != null;
        if (!known) name = new String(buffer, lineStart, colon - lineStart, StandardCharsets.ISO_8859_1);
        int valueStart = trimStart(colon + 1, lineEnd);
        int valueEnd = trimEnd(valueStart, lineEnd);
        String value = text(valueStart, valueEnd);
        headers.add(new HttpHeader(name, value));
        if (interpret && known) interpret(name, value);
    }

    private void interpret(String name, String value) throws MalformedResponseException {
        switch (name) {
            case CommonHeaderNames.CONTENT_LENGTH -> {
                long parsed = parseContentLength(value);
                if (contentLength >= 0 && contentLength != parsed) {
                    throw new MalformedResponseException("conflicting Content-Length headers");
                }
                contentLength = parsed;
            }
            case CommonHeaderNames.TRANSFER_ENCODING -> {
                int comma = value.lastIndexOf(',');
                String last = (comma < 0 ? value : value.substring(comma + 1)).strip();
                if (last.equalsIgnoreCase("chunked")) chunked = true;
                else if (!last.equalsIgnoreCase("identity")) otherTransferCoding = true;
            }
            case CommonHeaderNames.CONNECTION -> {
                if (hasToken(value, "close")) connectionClose = true;
                if (hasToken(value, "keep-alive")) connectionKeepAlive = true;
            }
            case CommonHeaderNames.CONTENT_ENCODING -> {
                String coding = value.strip();
                if (!coding.isEmpty() && !coding.equalsIgnoreCase("identity")) contentEncoding = coding;
            }
            default -> { /* no framing meaning */ }
        }
    }

    /** Whether a comma-separated list holds {@code token} (case-insensitive), without splitting it. */
    static boolean hasToken(String list, String token) {
        int from = 0;
        int n = list.length();
        while (from < n) {
            int comma = list.indexOf(',', from);
            int end = comma < 0 ? n : comma;
            int s = from;
            int e = end;
            while (s < e && (list.charAt(s) == ' ' || list.charAt(s) == '\t')) s++;
            while (e > s && (list.charAt(e - 1) == ' ' || list.charAt(e - 1) == '\t')) e--;
            if (e - s == token.length() && list.regionMatches(true, s, token, 0, token.length())) return true;
            from = end + 1;
        }
        return false;
    }

    private static long parseContentLength(String value) throws MalformedResponseException {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 18) throw new MalformedResponseException("bad Content-Length \"" + v + "\"");
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') throw new MalformedResponseException("bad Content-Length \"" + v + "\"");
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private byte[] readFixedBody(long length) throws IOException {
        if (length == 0) return EMPTY;
        if (length > MAX_BODY_BYTES) throw new MalformedResponseException("response body too large: " + length);
        byte[] result = new byte[(int) length];
        int have = Math.min(limit - pos, result.length);
        System.arraycopy(buffer, pos, result, 0, have);
        pos += have;
        // The rest goes straight from the socket into the body: no second copy through the read buffer.
        while (have < result.length) {
            int n = connection.read(result, have, result.length - have, deadlineNanos);
            if (n < 0) throw new UnexpectedEofException(false);
            responseBytes += n;
            have += n;
        }
        return result;
    }

    private byte[] readChunkedBody() throws IOException {
        int total = 0;
        while (true) {
            readLine();
            long size = parseChunkSize();
            if (size == 0) break;
            if (total + size > MAX_BODY_BYTES) throw new MalformedResponseException("response body too large");
            int chunk = (int) size;
            ensureScratch(total + chunk);
            int fromBuffer = Math.min(limit - pos, chunk);
            System.arraycopy(buffer, pos, scratch, total, fromBuffer);
            pos += fromBuffer;
            total += fromBuffer;
            int remaining = chunk - fromBuffer;
            while (remaining > 0) {
                int n = connection.read(scratch, total, remaining, deadlineNanos);
                if (n < 0) throw new UnexpectedEofException(false);
                responseBytes += n;
                total += n;
                remaining -= n;
            }
            readLine();
            if (lineEnd != lineStart) throw new MalformedResponseException("missing CRLF after chunk data");
        }
        // Trailer section (RFC 9112 §7.1.2): kept as headers after the header section.
        while (true) {
            readLine();
            if (lineEnd == lineStart) break;
            addHeaderLine(false);
        }
        return takeScratch(total);
    }

    private long parseChunkSize() throws MalformedResponseException {
        long size = 0;
        int digits = 0;
        int i = lineStart;
        for (; i < lineEnd; i++) {
            int d = Character.digit(buffer[i], 16);
            if (d < 0) break;
            if (++digits > 15) throw new MalformedResponseException("chunk size too large");
            size = size * 16 + d;
        }
        // Only chunk extensions (";...") or whitespace may follow the size.
        if (digits == 0 || (i < lineEnd && buffer[i] != ';' && buffer[i] != ' ' && buffer[i] != '\t')) {
            throw new MalformedResponseException("bad chunk size line " + quote(lineStart, Math.min(lineEnd - lineStart, 40)));
        }
        return size;
    }

    private byte[] readUntilClose() throws IOException {
        int total = limit - pos;
        ensureScratch(Math.max(total, 8 * 1024));
        System.arraycopy(buffer, pos, scratch, 0, total);
        pos = limit;
        while (true) {
            if (total == scratch.length) {
                if (total >= MAX_BODY_BYTES) throw new MalformedResponseException("response body too large");
                ensureScratch((int) Math.min(MAX_BODY_BYTES, (long) total * 2));
            }
            int n = connection.read(scratch, total, scratch.length - total, deadlineNanos);
            if (n < 0) break;
            responseBytes += n;
            total += n;
        }
        return takeScratch(total);
    }

    private void ensureScratch(int needed) {
        if (scratch == null) scratch = new byte[Math.max(needed, 8 * 1024)];
        else if (scratch.length < needed) {
            scratch = Arrays.copyOf(scratch, (int) Math.min(MAX_BODY_BYTES, Math.max(needed, (long) scratch.length * 2)));
        }
    }

    private byte[] takeScratch(int total) {
        byte[] result = total == 0 ? EMPTY : Arrays.copyOf(scratch, total);
        if (scratch != null && scratch.length > SCRATCH_KEEP_BYTES) scratch = null;
        return result;
    }

    /** Makes [lineStart, lineEnd) the next line without its CRLF (a bare LF is accepted, RFC 9112 §2.2). */
    private void readLine() throws IOException {
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

    private static byte[] decompress(byte[] compressed, String coding) throws IOException {
        String c = coding.toLowerCase(java.util.Locale.ROOT);
        try {
            if (c.equals("gzip") || c.equals("x-gzip")) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8 * 1024)) {
                    return in.readAllBytes();
                }
            }
            if (c.equals("deflate")) {
                // "deflate" means zlib-wrapped (RFC 9110 §8.4.1.2), but some servers send raw deflate.
                boolean zlibHeader = compressed.length >= 2 && (compressed[0] & 0x0f) == 8
                        && (((compressed[0] & 0xff) << 8) | (compressed[1] & 0xff)) % 31 == 0;
                Inflater inflater = new Inflater(!zlibHeader);
                try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(compressed), inflater)) {
                    return in.readAllBytes();
                } finally {
                    inflater.end();
                }
            }
        } catch (IOException e) {
            throw new ZipException(coding + ": " + e.getMessage());
        }
        return compressed; // br, zstd, ...: left as received
    }

    private String text(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] < 0) return new String(buffer, from, to - from, StandardCharsets.UTF_8);
        }
        return new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private int trimStart(int from, int to) {
        while (from < to && (buffer[from] == ' ' || buffer[from] == '\t')) from++;
        return from;
    }

    private int trimEnd(int from, int to) {
        while (to > from && (buffer[to - 1] == ' ' || buffer[to - 1] == '\t')) to--;
        return to;
    }

    private String quote(int from, int len) {
        StringBuilder s = new StringBuilder(len + 2).append('"');
        for (int i = from; i < from + len; i++) {
            int b = buffer[i] & 0xff;
            s.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return s.append('"').toString();
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
