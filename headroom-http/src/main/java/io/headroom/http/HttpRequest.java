package io.headroom.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One HTTP request to send. {@code url} must be absolute ({@code http} or {@code https}); {@code body} may
 * be empty, never null. {@code timeout} bounds the whole exchange (connect, send, wait, receive); null
 * means the session's default. {@code maxRedirects} of 0 returns 3xx responses as they are; null means
 * the session's default. {@code responseBodyLimitBytes} is how much of the response body to keep (0: none);
 * null means the session's {@link HttpSessionOptions#responseBodyLimitBytes()}. {@code httpVersion} pins the HTTP
 * version of this request; null means the session's {@link HttpSessionOptions#httpVersion()}.
 */
public record HttpRequest(HttpMethod method, URI url, List<HttpHeader> headers, byte[] body, Duration timeout,
                          Integer maxRedirects, Long responseBodyLimitBytes, HttpVersion httpVersion) {
    private static final byte[] NO_BODY = new byte[0];

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = headers == null ? List.of() : List.copyOf(headers);
        body = body == null ? NO_BODY : body;
        if (responseBodyLimitBytes != null && responseBodyLimitBytes < 0) {
            throw new IllegalArgumentException("responseBodyLimitBytes must be >= 0");
        }
    }

    /** A request in the session's HTTP version. */
    public HttpRequest(HttpMethod method, URI url, List<HttpHeader> headers, byte[] body, Duration timeout,
                       Integer maxRedirects, Long responseBodyLimitBytes) {
        this(method, url, headers, body, timeout, maxRedirects, responseBodyLimitBytes, null);
    }

    /** This request pinned to {@code version} (null: the session's). */
    public HttpRequest withHttpVersion(HttpVersion version) {
        return new HttpRequest(method, url, headers, body, timeout, maxRedirects, responseBodyLimitBytes, version);
    }

    /** This request with {@code list} as its headers, everything else kept. */
    public HttpRequest withHeaders(List<HttpHeader> list) {
        return new HttpRequest(method, url, list, body, timeout, maxRedirects, responseBodyLimitBytes, httpVersion);
    }

    /** A request that keeps as much of the response body as the session does. */
    public HttpRequest(HttpMethod method, URI url, List<HttpHeader> headers, byte[] body, Duration timeout,
                       Integer maxRedirects) {
        this(method, url, headers, body, timeout, maxRedirects, null, null);
    }

    public static HttpRequest get(String url) {
        return new HttpRequest(HttpMethod.GET, URI.create(url), List.of(), NO_BODY, null, null, null, null);
    }
}
