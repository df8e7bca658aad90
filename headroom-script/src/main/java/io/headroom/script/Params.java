package io.headroom.script;

import io.headroom.core.metric.Tags;
import io.headroom.http.HttpVersion;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-request options, k6's {@code params}: the {@code name} tag (default: the URL as written), extra
 * tags, headers, a timeout, how many redirects to follow, which statuses count as expected, and how much of
 * the response body to keep, and whether it carries trace context.
 * Null fields mean "the VU's default". Immutable: each {@code with}-style method returns a copy, so a
 * {@code Params} built once can be reused by every request and every VU.
 */
public final class Params {
    private static final Params NONE = new Params(null, Tags.empty(), Headers.none(), null, null, null, null, null, null, null);

    private final String name;
    private final Tags tags;
    private final Headers headers;
    private final Duration timeout;
    private final Integer maxRedirects;
    private final ExpectedStatuses expectedStatuses;
    private final Long responseBodyLimitBytes;
    private final Boolean discardResponseBody;
    private final Boolean traceContext;
    private final HttpVersion httpVersion;

    private Params(String name, Tags tags, Headers headers, Duration timeout, Integer maxRedirects,
                   ExpectedStatuses expectedStatuses, Long responseBodyLimitBytes, Boolean discardResponseBody,
                   Boolean traceContext, HttpVersion httpVersion) {
        this.traceContext = traceContext;
        this.httpVersion = httpVersion;
        this.name = name;
        this.tags = tags;
        this.headers = headers;
        this.timeout = timeout;
        this.maxRedirects = maxRedirects;
        this.expectedStatuses = expectedStatuses;
        this.responseBodyLimitBytes = responseBodyLimitBytes;
        this.discardResponseBody = discardResponseBody;
    }

    /** No options: every value is the VU's default. */
    public static Params none() {
        return NONE;
    }

    /** Options with the {@code name} tag set; requests to {@code /products/17} and {@code /products/18} share a name. */
    public static Params named(String name) {
        return NONE.name(name);
    }

    /** Options with these headers. */
    public static Params of(Headers headers) {
        return NONE.withHeaders(headers);
    }

    public Params name(String requestName) {
        return new Params(Objects.requireNonNull(requestName, "name"), tags, headers, timeout, maxRedirects,
                expectedStatuses, responseBodyLimitBytes, discardResponseBody, traceContext, httpVersion);
    }

    /** Adds a tag to every sample of the request. */
    public Params tag(String key, String value) {
        return new Params(name, tags.with(key, value), headers, timeout, maxRedirects, expectedStatuses,
                responseBodyLimitBytes, discardResponseBody, traceContext, httpVersion);
    }

    public Params tags(Tags more) {
        return new Params(name, tags.with(more), headers, timeout, maxRedirects, expectedStatuses,
                responseBodyLimitBytes, discardResponseBody, traceContext, httpVersion);
    }

    public Params withHeaders(Headers more) {
        return new Params(name, tags, headers.with(more), timeout, maxRedirects, expectedStatuses,
                responseBodyLimitBytes, discardResponseBody, traceContext, httpVersion);
    }

    public Params header(String headerName, String value) {
        return new Params(name, tags, headers.with(headerName, value), timeout, maxRedirects, expectedStatuses,
                responseBodyLimitBytes, discardResponseBody, traceContext, httpVersion);
    }

    /** Bounds the whole exchange (connect, send, wait, receive); a timed-out request fails with error 1050. */
    public Params timeout(Duration requestTimeout) {
        return new Params(name, tags, headers, Objects.requireNonNull(requestTimeout), maxRedirects, expectedStatuses,
                responseBodyLimitBytes, discardResponseBody, traceContext, httpVersion);
    }

    /** How many redirects to follow; 0 returns 3xx responses as they are. */
    public Params redirects(int max) {
        if (max < 0) throw new IllegalArgumentException("redirects must not be negative");
        return new Params(name, tags, headers, timeout, max, expectedStatuses,
                responseBodyLimitBytes, discardResponseBody, traceContext, httpVersion);
    }

    /**
     * Keeps at most this many bytes of the response body (0 keeps none); the rest is read, counted in
     * {@code data_received} and dropped, and {@link Response#bodyTruncated()} says so. Checks and extractions see
     * the kept prefix. Wins over {@link #discardResponseBody(boolean)} and the VU's defaults.
     */
    public Params responseBodyLimit(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("responseBodyLimit must not be negative");
        return new Params(name, tags, headers, timeout, maxRedirects, expectedStatuses, bytes, discardResponseBody, traceContext, httpVersion);
    }

    /**
     * k6's {@code responseType: "none"} for this request ({@code true}), or keep its body up to the VU's body limit
     * although the run discards bodies ({@code false}).
     */
    public Params discardResponseBody(boolean discard) {
        return new Params(name, tags, headers, timeout, maxRedirects, expectedStatuses, responseBodyLimitBytes, discard, traceContext, httpVersion);
    }

    /**
     * Whether this request carries a W3C {@code traceparent} (and offers its trace id to the exemplars) whatever the
     * VU's {@code http.traceContext} says: {@code false} keeps one request, say to a third party, out of tracing.
     */
    public Params traceContext(boolean send) {
        return new Params(name, tags, headers, timeout, maxRedirects, expectedStatuses, responseBodyLimitBytes,
                discardResponseBody, send, httpVersion);
    }

    public Params expectedStatuses(ExpectedStatuses statuses) {
        return new Params(name, tags, headers, timeout, maxRedirects, Objects.requireNonNull(statuses),
                responseBodyLimitBytes, discardResponseBody, traceContext, httpVersion);
    }

    /** Shorthand for {@code expectedStatuses(ExpectedStatuses.of(statuses))}. */
    public Params expect(int... statuses) {
        return expectedStatuses(ExpectedStatuses.of(statuses));
    }

    /** The name tag, or null for "the URL as written". */
    public String name() {
        return name;
    }

    public Tags tags() {
        return tags;
    }

    public Headers headers() {
        return headers;
    }

    /** The timeout, or null for the VU's default. */
    public Duration timeout() {
        return timeout;
    }

    /** The redirect limit, or null for the VU's default. */
    public Integer maxRedirects() {
        return maxRedirects;
    }

    /** The body limit in bytes, or null for the VU's default (or {@link #discardResponseBody()}). */
    public Long responseBodyLimitBytes() {
        return responseBodyLimitBytes;
    }

    /** Whether to discard (true) or keep (false) the body, or null for the VU's default. */
    public Boolean discardResponseBody() {
        return discardResponseBody;
    }

    /** Pins this request's HTTP version ({@code "1.1"}, {@code "2"}, {@code "auto"}); the VU's default otherwise. */
    public Params httpVersion(HttpVersion version) {
        return new Params(name, tags, headers, timeout, maxRedirects, expectedStatuses, responseBodyLimitBytes,
                discardResponseBody, traceContext, Objects.requireNonNull(version, "httpVersion"));
    }

    /** The pinned HTTP version, or null for the VU's default. */
    public HttpVersion httpVersion() {
        return httpVersion;
    }

    /** Whether to send a traceparent (true) or not (false), or null for the VU's {@code http.traceContext}. */
    public Boolean traceContext() {
        return traceContext;
    }

    /** The expected statuses, or null for the VU's default. */
    public ExpectedStatuses expectedStatuses() {
        return expectedStatuses;
    }
}
