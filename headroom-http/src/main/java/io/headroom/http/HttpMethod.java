package io.headroom.http;

import java.util.Objects;

/**
 * The method of a request (RFC 9110 §9): one of the {@link Standard} methods, or an {@link Extension} such as
 * WebDAV's {@code PROPFIND} or a cache's {@code PURGE}, which k6 also lets a script send. Method names are
 * case-sensitive (§9.1): {@code of("get")} is an extension method, not {@link #GET}. Parsed once where a name
 * enters as text ({@link #of}); transports switch over the type. Immutable; thread-safe.
 */
public sealed interface HttpMethod permits HttpMethod.Standard, HttpMethod.Extension {
    HttpMethod GET = Standard.GET;
    HttpMethod HEAD = Standard.HEAD;
    HttpMethod POST = Standard.POST;
    HttpMethod PUT = Standard.PUT;
    HttpMethod DELETE = Standard.DELETE;
    HttpMethod PATCH = Standard.PATCH;
    HttpMethod OPTIONS = Standard.OPTIONS;
    HttpMethod TRACE = Standard.TRACE;
    HttpMethod CONNECT = Standard.CONNECT;

    /** The name as sent on the request line, and as the {@code method} tag's value. */
    String name();

    /** The methods of RFC 9110 §9.3 and PATCH (RFC 5789). */
    enum Standard implements HttpMethod { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, TRACE, CONNECT }

    /**
     * Any other method, sent as given. Whether {@code name} is a valid token (RFC 9110 §5.6.2) is checked by the
     * transport when it sends the request, which fails it as data, as for any other unsendable request.
     */
    record Extension(String name) implements HttpMethod {
        public Extension {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The method named {@code name} (exact case): a {@link Standard} constant, else an {@link Extension}. */
    static HttpMethod of(String name) {
        return switch (Objects.requireNonNull(name, "name")) {
            case "GET" -> GET;
            case "HEAD" -> HEAD;
            case "POST" -> POST;
            case "PUT" -> PUT;
            case "DELETE" -> DELETE;
            case "PATCH" -> PATCH;
            case "OPTIONS" -> OPTIONS;
            case "TRACE" -> TRACE;
            case "CONNECT" -> CONNECT;
            default -> new Extension(name);
        };
    }

    /** RFC 9110 §9.2.2: a repeated idempotent request has the same effect, so it may be retried on a stale connection. */
    default boolean idempotent() {
        return this instanceof Standard s && switch (s) {
            case GET, HEAD, PUT, DELETE, OPTIONS, TRACE -> true;
            case POST, PATCH, CONNECT -> false;
        };
    }

    /** Methods whose requests are expected to carry content, so an empty one is sent with {@code Content-Length: 0} (RFC 9110 §8.6). */
    default boolean expectsContent() {
        return this == POST || this == PUT || this == PATCH;
    }
}
