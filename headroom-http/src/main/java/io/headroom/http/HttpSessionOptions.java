package io.headroom.http;

import java.time.Duration;
import java.util.List;

/**
 * Per-VU client settings: default timeout (k6 default 60 s), default maximum redirects followed (k6
 * default 10), whether TLS certificates are verified (on by default; {@code insecureSkipTlsVerify}
 * turns it off), headers added to every request, and whether cookies are kept in the session's jar.
 *
 * <p>The response limits bound what a hostile or broken server can make one VU hold:
 * {@code responseBodyLimitBytes} is how much of a body is kept (default {@link #DEFAULT_RESPONSE_BODY_LIMIT_BYTES};
 * 0 keeps none, like k6's {@code discardResponseBodies}); the rest is read, counted in
 * {@link HttpResponse#bytesReceived()} and dropped, and the response says {@link HttpResponse#bodyTruncated()}.
 * {@code responseHeaderLimitBytes} bounds the header section (status line and fields, CRLFs included; the trailer
 * section of a chunked body gets the same budget of its own) and {@code responseHeaderCountLimit} the number of
 * header field lines in it; past either the request fails with {@link HttpErrorCode#RESPONSE_HEADER_TOO_LARGE} or
 * {@link HttpErrorCode#RESPONSE_TOO_MANY_HEADERS}. The same limits hold for HTTP/2 (the header section then counts
 * each field as {@code name: value} plus CRLF, as HTTP/1.1 would carry it, and the pseudo-header {@code :status} as
 * a status line). {@code httpVersion} is the version a request uses unless it names its own (default
 * {@link HttpVersion#AUTO}). Immutable.
 */
public record HttpSessionOptions(Duration timeout, int maxRedirects, boolean insecureSkipTlsVerify,
                                 List<HttpHeader> defaultHeaders, boolean cookies, String userAgent,
                                 long responseBodyLimitBytes, int responseHeaderLimitBytes,
                                 int responseHeaderCountLimit, HttpVersion httpVersion) {
    /** 10 MiB: whole pages and API answers fit; a thousand VUs still cannot hold more than 10 GiB of bodies. */
    public static final long DEFAULT_RESPONSE_BODY_LIMIT_BYTES = 10L * 1024 * 1024;
    /**
     * 64 KiB: eight times nginx's default buffer for an upstream's response headers (proxy_buffer_size 4–8 KiB,
     * beyond which nginx answers 502), so no real server behind a proxy sends more; far below Go's 10 MB or
     * curl's 300 KB, which are sized for one client, not for thousands of VUs each holding a response.
     */
    public static final int DEFAULT_RESPONSE_HEADER_LIMIT_BYTES = 64 * 1024;
    /**
     * 100 fields, Apache httpd's default LimitRequestFields: real responses carry 10–40; each field costs a VU two
     * Strings and a record, and without a count a 64 KiB section of "a:b" lines would be 16,000 of them.
     */
    public static final int DEFAULT_RESPONSE_HEADER_COUNT_LIMIT = 100;
    /** The largest body a response can keep (a Java array's limit). */
    public static final long MAX_RESPONSE_BODY_LIMIT_BYTES = Integer.MAX_VALUE - 16;

    public static final HttpSessionOptions DEFAULTS = new HttpSessionOptions(Duration.ofSeconds(60), 10, false,
            List.of(), true, "headroom/0.1");

    public HttpSessionOptions {
        defaultHeaders = defaultHeaders == null ? List.of() : List.copyOf(defaultHeaders);
        if (responseBodyLimitBytes < 0) throw new IllegalArgumentException("responseBodyLimitBytes must be >= 0");
        if (responseHeaderLimitBytes < 64) throw new IllegalArgumentException("responseHeaderLimitBytes must be >= 64");
        if (responseHeaderCountLimit < 1) throw new IllegalArgumentException("responseHeaderCountLimit must be >= 1");
        responseBodyLimitBytes = Math.min(responseBodyLimitBytes, MAX_RESPONSE_BODY_LIMIT_BYTES);
        httpVersion = httpVersion == null ? HttpVersion.AUTO : httpVersion;
    }

    /** The settings before {@code httpVersion} existed: {@link HttpVersion#AUTO}. */
    public HttpSessionOptions(Duration timeout, int maxRedirects, boolean insecureSkipTlsVerify,
                              List<HttpHeader> defaultHeaders, boolean cookies, String userAgent,
                              long responseBodyLimitBytes, int responseHeaderLimitBytes, int responseHeaderCountLimit) {
        this(timeout, maxRedirects, insecureSkipTlsVerify, defaultHeaders, cookies, userAgent, responseBodyLimitBytes,
                responseHeaderLimitBytes, responseHeaderCountLimit, HttpVersion.AUTO);
    }

    /** These options with another default HTTP version (null: {@link HttpVersion#AUTO}). */
    public HttpSessionOptions withHttpVersion(HttpVersion version) {
        return new HttpSessionOptions(timeout, maxRedirects, insecureSkipTlsVerify, defaultHeaders, cookies, userAgent,
                responseBodyLimitBytes, responseHeaderLimitBytes, responseHeaderCountLimit, version);
    }

    /** The settings before the response limits existed: the default limits. */
    public HttpSessionOptions(Duration timeout, int maxRedirects, boolean insecureSkipTlsVerify,
                              List<HttpHeader> defaultHeaders, boolean cookies, String userAgent) {
        this(timeout, maxRedirects, insecureSkipTlsVerify, defaultHeaders, cookies, userAgent,
                DEFAULT_RESPONSE_BODY_LIMIT_BYTES, DEFAULT_RESPONSE_HEADER_LIMIT_BYTES, DEFAULT_RESPONSE_HEADER_COUNT_LIMIT);
    }

    /** These options with another body limit in bytes (0 keeps no body). */
    public HttpSessionOptions withResponseBodyLimitBytes(long bytes) {
        return new HttpSessionOptions(timeout, maxRedirects, insecureSkipTlsVerify, defaultHeaders, cookies, userAgent,
                bytes, responseHeaderLimitBytes, responseHeaderCountLimit, httpVersion);
    }

    /** These options with other header-section limits: bytes (at least 64) and field lines (at least 1). */
    public HttpSessionOptions withResponseHeaderLimits(int bytes, int count) {
        return new HttpSessionOptions(timeout, maxRedirects, insecureSkipTlsVerify, defaultHeaders, cookies, userAgent,
                responseBodyLimitBytes, bytes, count, httpVersion);
    }
}
