package io.headroom.script;

import io.headroom.http.HttpMethod;

import java.util.Objects;

/**
 * One request of a {@link Http#batch} (k6's {@code [method, url, body, params]}): the URL absolute or relative to
 * the plan's base URL; {@code body} and {@code params} may be null. Immutable.
 */
public record BatchRequest(HttpMethod method, String url, Body body, Params params) {
    public BatchRequest {
        Objects.requireNonNull(method, "method");
    }

    public static BatchRequest get(String url) {
        return new BatchRequest(HttpMethod.GET, url, null, null);
    }

    public static BatchRequest get(String url, Params params) {
        return new BatchRequest(HttpMethod.GET, url, null, params);
    }

    public static BatchRequest post(String url, Body body) {
        return new BatchRequest(HttpMethod.POST, url, body, null);
    }

    public static BatchRequest post(String url, Body body, Params params) {
        return new BatchRequest(HttpMethod.POST, url, body, params);
    }

    public static BatchRequest put(String url, Body body, Params params) {
        return new BatchRequest(HttpMethod.PUT, url, body, params);
    }

    public static BatchRequest delete(String url, Params params) {
        return new BatchRequest(HttpMethod.DELETE, url, null, params);
    }

    /** Any method, named as sent ({@link HttpMethod#of}). */
    public static BatchRequest of(String method, String url, Body body, Params params) {
        return new BatchRequest(HttpMethod.of(method), url, body, params);
    }
}
