package io.headroom.http.socket;

import java.nio.charset.StandardCharsets;

/**
 * Response header names seen on almost every response, matched case-insensitively against the bytes in the read
 * buffer and returned as shared constants in their canonical form (as Go, and so k6, presents them), so that
 * parsing these names allocates nothing. Other names keep the case the server sent. Immutable.
 */
final class CommonHeaderNames {
    static final String CONTENT_LENGTH = "Content-Length";
    static final String TRANSFER_ENCODING = "Transfer-Encoding";
    static final String CONNECTION = "Connection";
    static final String CONTENT_ENCODING = "Content-Encoding";

    private static final String[] NAMES = {CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION, CONTENT_ENCODING,
            "Content-Type", "Date", "Server", "Set-Cookie", "Location", "Keep-Alive", "Cache-Control", "ETag",
            "Last-Modified", "Expires", "Vary", "Accept-Ranges", "Age", "Pragma", "Trailer", "Via", "X-Powered-By",
            "Access-Control-Allow-Origin", "Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options",
            "X-Request-Id", "Content-Security-Policy", "Referrer-Policy", "Alt-Svc", "WWW-Authenticate",
            "Content-Disposition", "Content-Language", "Link", "Retry-After"};
    /** Lower-case ASCII bytes of {@link #NAMES}, index for index. */
    private static final byte[][] LOWER = new byte[NAMES.length][];

    static {
        for (int i = 0; i < NAMES.length; i++) {
            LOWER[i] = NAMES[i].toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private CommonHeaderNames() {}

    /** The canonical constant for the name in {@code bytes[offset, offset+len)}, or null when it is not common. */
    static String lookup(byte[] bytes, int offset, int len) {
        candidates:
        for (int i = 0; i < LOWER.length; i++) {
            byte[] candidate = LOWER[i];
            if (candidate.length != len) continue;
            for (int j = 0; j < len; j++) {
                byte b = bytes[offset + j];
                // ASCII letters lower-case with 0x20; every other byte must match exactly.
                byte lower = b >= 'A' && b <= 'Z' ? (byte) (b | 0x20) : b;
                if (lower != candidate[j]) continue candidates;
            }
            return NAMES[i];
        }
        return null;
    }
}
