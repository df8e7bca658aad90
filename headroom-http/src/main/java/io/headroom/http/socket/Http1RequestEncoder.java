package io.headroom.http.socket;

import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpMethod;
import java.net.URI;
import java.util.Arrays;

/**
 * Writes an HTTP/1.1 request head (RFC 9112 §3, §5) straight from Strings into one reusable byte array: ASCII
 * as is, other characters as UTF-8 (percent-encoded in the request target), no intermediate Strings. Rejects CR,
 * LF and NUL in header fields (header injection) and non-token header names. Owned by one session; not
 * thread-safe.
 */
final class Http1RequestEncoder {
    private static final byte[] HTTP11_CRLF = " HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buffer;
    private int size;

    Http1RequestEncoder(int initialBytes) {
        buffer = new byte[initialBytes];
    }

    byte[] buffer() {
        return buffer;
    }

    int size() {
        return size;
    }

    int capacity() {
        return buffer.length;
    }

    void reset() {
        size = 0;
    }

    void requestLine(HttpMethod method, URI url) throws ExchangeFailure {
        String name = method.name();
        // The standard methods are tokens by definition; only an extension method can be unsendable.
        if (method instanceof HttpMethod.Extension && (name.isEmpty() || !isToken(name))) {
            throw invalid("invalid method " + quoteForMessage(name));
        }
        ascii(name);
        put((byte) ' ');
        String path = url.getRawPath();
        if (path == null || path.isEmpty()) put((byte) '/');
        else target(path);
        String query = url.getRawQuery();
        if (query != null) {
            put((byte) '?');
            target(query);
        }
        put(HTTP11_CRLF, 0, HTTP11_CRLF.length);
    }

    void header(String name, String value) throws ExchangeFailure {
        if (name.isEmpty() || !isToken(name)) throw invalid("invalid header name " + quoteForMessage(name));
        ascii(name);
        put((byte) ':');
        put((byte) ' ');
        fieldValue(name, value);
        crlf();
    }

    /** {@code Host: host[:port]} from its parts, without building the String (RFC 9112 §3.2). */
    void hostHeader(Target target) {
        ascii("Host: ");
        if (target.ipv6()) put((byte) '[');
        ascii(target.host());
        if (target.ipv6()) put((byte) ']');
        if (!target.defaultPort()) {
            put((byte) ':');
            decimal(target.port());
        }
        crlf();
    }

    void contentLength(long length) {
        ascii("Content-Length: ");
        decimal(length);
        crlf();
    }

    void endHead() {
        crlf();
    }

    /** Copies the body behind the head when both fit the current buffer, so that they leave in one write. */
    boolean appendIfFits(byte[] body) {
        if (size + body.length > buffer.length) return false;
        System.arraycopy(body, 0, buffer, size, body.length);
        size += body.length;
        return true;
    }

    private void fieldValue(String name, String value) throws ExchangeFailure {
        int n = value.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) throw invalid("invalid value for header " + name);
            if (c < 0x80) put((byte) c);
            else utf8(value, i, false);
            if (Character.isHighSurrogate(c) && i + 1 < n) i++;
        }
    }

    private void target(String raw) {
        int n = raw.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c > 0x20 && c < 0x7f) put((byte) c);
            else {
                utf8(raw, i, true);
                if (Character.isHighSurrogate(c) && i + 1 < n) i++;
            }
        }
    }

    private void utf8(String s, int index, boolean percentEncode) {
        int cp = s.codePointAt(index);
        byte[] bytes = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (percentEncode) {
                put((byte) '%');
                put(HEX[(b >> 4) & 0xf]);
                put(HEX[b & 0xf]);
            } else {
                put(b);
            }
        }
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) buffer[size++] = (byte) s.charAt(i);
    }

    private void decimal(long value) {
        ensure(20);
        if (value == 0) {
            buffer[size++] = '0';
            return;
        }
        int start = size;
        long v = value;
        while (v > 0) {
            buffer[size++] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte t = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = t;
        }
    }

    private void crlf() {
        ensure(2);
        buffer[size++] = '\r';
        buffer[size++] = '\n';
    }

    private void put(byte b) {
        ensure(1);
        buffer[size++] = b;
    }

    private void put(byte[] bytes, int offset, int len) {
        ensure(len);
        System.arraycopy(bytes, offset, buffer, size, len);
        size += len;
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }

    /** RFC 9110 §5.6.2 token characters. */
    static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    private static String quoteForMessage(String s) {
        return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }

    private static ExchangeFailure invalid(String message) {
        return new ExchangeFailure(new HttpError(HttpErrorCode.GENERIC, message), false);
    }
}
