package io.headroom.http;

import java.util.Optional;

/**
 * k6's ranges of error codes (k6 docs, "Error codes"), so that a code read back from an {@code error_code} tag
 * (a string in the results) is told by its family through this table rather than by numbers written out where
 * it is read. The ranges of {@link HttpErrorCode}, plus k6's 1400–1599 for a response whose status was an HTTP
 * error: 1000 + the status ({@link #ofStatus}). Immutable.
 */
public enum ErrorCodeRange {
    /** 1000–1099: general (timeouts, invalid URLs, malformed responses). */
    GENERAL(1000),
    /** 1100–1199: name resolution. */
    DNS(1100),
    /** 1200–1299: TCP (refused, reset, dial errors). */
    TCP(1200),
    /** 1300–1399: TLS. */
    TLS(1300),
    /** 1400–1499: a 4xx response, 1000 + its status. */
    HTTP_4XX(1400),
    /** 1500–1599: a 5xx response, 1000 + its status. */
    HTTP_5XX(1500),
    /** 1600–1699: HTTP/2. */
    HTTP2(1600),
    /** 1700–1799: content (decompression). */
    CONTENT(1700),
    /** 1800–1899: Headroom's own, for responses k6 has no code for (past a limit, a redirect chain too long). */
    HEADROOM(1800),
    /** 1900–1999: WebSocket sessions (headroom-ws's {@code WsErrorCode}; docs/limits.md, "WebSocket sessions"). */
    WEBSOCKET(1900);

    private final int first;

    ErrorCodeRange(int first) {
        this.first = first;
    }

    /** The range's first code, e.g. 1200; the range runs to {@code first + 99}. */
    public int first() {
        return first;
    }

    /** True when {@code code} lies in this range. */
    public boolean contains(int code) {
        return code >= first && code <= first + 99;
    }

    /** True for the ranges that mirror an HTTP status rather than a transport failure. */
    public boolean isStatus() {
        return this == HTTP_4XX || this == HTTP_5XX;
    }

    /** The range of {@code code}; empty for a number outside 1000–1999. */
    public static Optional<ErrorCodeRange> of(int code) {
        for (ErrorCodeRange r : values()) if (r.contains(code)) return Optional.of(r);
        return Optional.empty();
    }

    /** The range of an {@code error_code} tag's value such as {@code "1212"}; empty for null or anything else. */
    public static Optional<ErrorCodeRange> ofTag(String code) {
        if (code == null || code.length() != 4) return Optional.empty();
        for (int i = 0; i < 4; i++) if (code.charAt(i) < '0' || code.charAt(i) > '9') return Optional.empty();
        return of(Integer.parseInt(code));
    }

    /** k6's code of a response with {@code status}: 1000 + the status for 400–599, else 0 (not an error). */
    public static int ofStatus(int status) {
        return status >= 400 && status < 600 ? 1000 + status : 0;
    }
}
