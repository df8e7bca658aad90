package io.headroom.script;

import com.jayway.jsonpath.JsonPath;
import io.headroom.http.HttpError;
import io.headroom.http.HttpHeader;
import io.headroom.http.ErrorCodeRange;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpTimings;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one request as the scenario sees it: status, body, headers, timings, or the transport
 * error as data ({@link #error()}; status 0). Never thrown. The body text and the parsed JSON document are
 * computed on first use and kept. Belongs to one VU; not thread-safe.
 */
public final class Response {
    private final HttpResponse raw;
    private final String name;
    private final boolean expected;
    private final long durationNanos;
    private final Map<String, JsonPath> pathCache;
    private String text;
    private Object document;

    Response(HttpResponse raw, String name, boolean expected, long durationNanos, Map<String, JsonPath> pathCache) {
        this.raw = raw;
        this.name = name;
        this.expected = expected;
        this.durationNanos = durationNanos;
        this.pathCache = pathCache;
    }

    /**
     * The HTTP status; 0 when the request failed before a response arrived. A response refused by rule (a redirect
     * past the limit, 1810; a Location that is no URL, 1020; an unasked-for 101, 1820) keeps its status beside
     * {@link #error()}.
     */
    public int status() {
        return raw.status();
    }

    /** The body decoded as UTF-8 (empty, never null, when there is none). */
    public String body() {
        if (text == null) text = new String(raw.body(), StandardCharsets.UTF_8);
        return text;
    }

    /**
     * Whether {@link #body()} is only the first part of what the server sent: the rest was past the body limit
     * ({@code responseBodyLimit}, 0 with {@code discardResponseBodies}) and was read, counted in
     * {@code data_received} and dropped. Checks and extractions then work on the kept prefix (JSON cut short
     * does not parse, so a JSON path finds nothing).
     */
    public boolean bodyTruncated() {
        return raw.bodyTruncated();
    }

    /** The body's bytes; do not modify. */
    public byte[] bytes() {
        return raw.body();
    }

    /** The first header of that name (case-insensitive), or null. */
    public String header(String headerName) {
        return raw.header(headerName);
    }

    public List<HttpHeader> headers() {
        return raw.headers();
    }

    /**
     * The value at a JSON path such as {@code $.token}, as text: strings as they are, other values as
     * JSON; null when the path is absent or the body is not JSON.
     *
     * @throws IllegalArgumentException when the path itself is malformed
     */
    public String json(String path) {
        return JsonPaths.asText(jsonValue(path));
    }

    /** The value at a JSON path as a map, list, string, number, boolean, or null when absent. */
    public Object jsonValue(String path) {
        JsonPath compiled = pathCache.get(path);
        if (compiled == null) {
            compiled = JsonPaths.compile(path);
            if (pathCache.size() < 1024) pathCache.put(path, compiled);
        }
        return read(compiled);
    }

    /** The value at an already compiled path; null when absent or the body is not JSON. */
    public Object read(JsonPath compiledPath) {
        if (document == null) document = JsonPaths.parse(body());
        return JsonPaths.read(document, compiledPath);
    }

    /** The request's {@code name} tag. */
    public String name() {
        return name;
    }

    /** The URL the response came from (after redirects). */
    public URI url() {
        return raw.url();
    }

    /** The phases of the last hop, in nanoseconds. */
    public HttpTimings timings() {
        return raw.timings();
    }

    /**
     * What was recorded as {@code http_req_duration} for the last hop, in milliseconds: from the actual
     * send, or for the first request of an open-model iteration, from the intended start.
     */
    public double durationMillis() {
        return durationNanos / 1_000_000.0;
    }

    /** The transport failure, or null when a response arrived. */
    public HttpError error() {
        return raw.error();
    }

    /** k6's error code: the transport's code, 1000 + status for 4xx/5xx, or 0. */
    public int errorCode() {
        return errorCode(raw);
    }

    /** True when the request counts in {@code http_req_failed}: a transport error or an unexpected status. */
    public boolean failed() {
        return !expected;
    }

    /** How many redirects were followed before this response. */
    public int redirects() {
        return raw.redirects().size();
    }

    /** The transport's own view, hops included. */
    public HttpResponse raw() {
        return raw;
    }

    static int errorCode(HttpResponse hop) {
        if (hop.error() != null) return hop.error().code();
        return ErrorCodeRange.ofStatus(hop.status());
    }

    @Override
    public String toString() {
        return raw.error() != null
                ? "Response[" + name + " failed: " + raw.error().code() + " " + raw.error().message() + "]"
                : "Response[" + name + " " + raw.status() + "]";
    }
}
