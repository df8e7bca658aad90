package io.headroom.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One HTTP request to send. {@code url} must be absolute ({@code http} or {@code https}); {@code body} may
 * be empty, never null. {@code timeout} bounds the whole exchange (connect, send, wait, receive); null
 * means the session's default. {@code maxRedirects} of 0 returns 3xx responses as they are; null means
 * the session's default.
 */
public record HttpRequest(HttpMethod method, URI url, List<HttpHeader> headers, byte[] body, Duration timeout,
                          Integer maxRedirects) {
    private static final byte[] NO_BODY = new byte[0];

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = headers == null ? List.of() : List.copyOf(headers);
        body = body == null ? NO_BODY : body;
    }

    public static HttpRequest get(String url) {
        return new HttpRequest(HttpMethod.GET, URI.create(url), List.of(), NO_BODY, null, null);
    }
}
