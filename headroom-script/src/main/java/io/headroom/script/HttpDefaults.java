package io.headroom.script;

import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpVersion;

import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP settings every VU of a run starts with, k6's names and defaults: {@code timeout} 60 s per
 * request, {@code maxRedirects} 10, TLS verified unless {@code insecureSkipTlsVerify}, {@code headers}
 * sent on every request, {@code expectedStatuses} 200–399, cookies kept per VU,
 * {@code discardResponseBodies} off; plus Headroom's {@code latencyFrom} (default
 * {@link LatencyOrigin#INTENDED}; null means the default) and the response limits:
 * {@code responseBodyLimitBytes} kept of each body (default 10 MiB; the rest is read, counted and dropped, and
 * {@link Response#bodyTruncated()} says so), {@code responseHeaderLimitBytes} (64 KiB) and
 * {@code responseHeaderCountLimit} (100 fields) per header section, past which a request fails with error 1801 or
 * 1802 (see {@link HttpSessionOptions}); {@code traceContext} (W3C {@code traceparent} on every request, off by
 * default) and {@code traceLinkTemplate} (null: none), see {@link #withTraceContext} and
 * {@link #withTraceLinkTemplate}; {@code httpVersion} (default {@link HttpVersion#AUTO}: h2 when an https server offers
 * it, HTTP/1.1 otherwise). Immutable.
 */
public record HttpDefaults(Duration timeout, int maxRedirects, boolean insecureSkipTlsVerify, Headers headers,
                           ExpectedStatuses expectedStatuses, boolean cookies, String userAgent,
                           LatencyOrigin latencyFrom, long responseBodyLimitBytes, boolean discardResponseBodies,
                           int responseHeaderLimitBytes, int responseHeaderCountLimit, boolean traceContext,
                           String traceLinkTemplate, HttpVersion httpVersion) {
    public static final HttpDefaults DEFAULTS = new HttpDefaults(HttpSessionOptions.DEFAULTS.timeout(),
            HttpSessionOptions.DEFAULTS.maxRedirects(), false, Headers.none(), ExpectedStatuses.DEFAULT, true,
            HttpSessionOptions.DEFAULTS.userAgent(), LatencyOrigin.INTENDED);

    public HttpDefaults {
        Objects.requireNonNull(timeout, "timeout");
        if (maxRedirects < 0) throw new IllegalArgumentException("maxRedirects must not be negative");
        if (responseBodyLimitBytes < 0) throw new IllegalArgumentException("responseBodyLimitBytes must not be negative");
        if (responseHeaderLimitBytes < 64) throw new IllegalArgumentException("responseHeaderLimitBytes must be at least 64");
        if (responseHeaderCountLimit < 1) throw new IllegalArgumentException("responseHeaderCountLimit must be at least 1");
        headers = headers == null ? Headers.none() : headers;
        expectedStatuses = expectedStatuses == null ? ExpectedStatuses.DEFAULT : expectedStatuses;
        latencyFrom = latencyFrom == null ? LatencyOrigin.INTENDED : latencyFrom;
        httpVersion = httpVersion == null ? HttpVersion.AUTO : httpVersion;
        if (traceLinkTemplate != null && !traceLinkTemplate.contains(TRACE_ID_PLACEHOLDER)) {
            throw new IllegalArgumentException("traceLinkTemplate must contain " + TRACE_ID_PLACEHOLDER + ": " + traceLinkTemplate);
        }
    }

    /** The placeholder of {@code traceLinkTemplate} that a report replaces with an exemplar's trace id. */
    public static final String TRACE_ID_PLACEHOLDER = io.headroom.core.metric.Exemplar.TRACE_ID_PLACEHOLDER;

    /**
     * Whether every request carries a W3C {@code traceparent} header (a random trace id per request, sampled) unless
     * it sets its own, and the run keeps the trace ids of the slowest requests per endpoint as exemplars. Off by default.
     */
    public HttpDefaults withTraceContext(boolean value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent,
                latencyFrom, responseBodyLimitBytes, discardResponseBodies, responseHeaderLimitBytes, responseHeaderCountLimit,
                value, traceLinkTemplate, httpVersion);
    }

    /**
     * The link a report makes of an exemplar's trace id: a URL containing {@value #TRACE_ID_PLACEHOLDER}, e.g.
     * {@code http://localhost:16686/trace/{traceId}} for Jaeger; null for none (the id is shown as text).
     *
     * @throws IllegalArgumentException when {@code value} is not null and lacks {@value #TRACE_ID_PLACEHOLDER}
     */
    public HttpDefaults withTraceLinkTemplate(String value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent,
                latencyFrom, responseBodyLimitBytes, discardResponseBodies, responseHeaderLimitBytes, responseHeaderCountLimit,
                traceContext, value, httpVersion);
    }

    /** Which HTTP version requests use unless they name their own ({@code httpVersion: "1.1" | "2" | "auto"}). */
    public HttpDefaults withHttpVersion(HttpVersion value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent,
                latencyFrom, responseBodyLimitBytes, discardResponseBodies, responseHeaderLimitBytes, responseHeaderCountLimit,
                traceContext, traceLinkTemplate, value);
    }

    /** The settings before {@code httpVersion} existed: {@link HttpVersion#AUTO}. */
    public HttpDefaults(Duration timeout, int maxRedirects, boolean insecureSkipTlsVerify, Headers headers,
                        ExpectedStatuses expectedStatuses, boolean cookies, String userAgent,
                        LatencyOrigin latencyFrom, long responseBodyLimitBytes, boolean discardResponseBodies,
                        int responseHeaderLimitBytes, int responseHeaderCountLimit, boolean traceContext,
                        String traceLinkTemplate) {
        this(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent, latencyFrom,
                responseBodyLimitBytes, discardResponseBodies, responseHeaderLimitBytes, responseHeaderCountLimit,
                traceContext, traceLinkTemplate, HttpVersion.AUTO);
    }

    /** The settings before the response limits existed: the default limits, bodies kept. */
    public HttpDefaults(Duration timeout, int maxRedirects, boolean insecureSkipTlsVerify, Headers headers,
                        ExpectedStatuses expectedStatuses, boolean cookies, String userAgent,
                        LatencyOrigin latencyFrom) {
        this(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent, latencyFrom,
                HttpSessionOptions.DEFAULT_RESPONSE_BODY_LIMIT_BYTES, false,
                HttpSessionOptions.DEFAULT_RESPONSE_HEADER_LIMIT_BYTES, HttpSessionOptions.DEFAULT_RESPONSE_HEADER_COUNT_LIMIT,
                false, null, HttpVersion.AUTO);
    }

    /** The settings before trace context existed: no {@code traceparent} is sent. */
    public HttpDefaults(Duration timeout, int maxRedirects, boolean insecureSkipTlsVerify, Headers headers,
                        ExpectedStatuses expectedStatuses, boolean cookies, String userAgent,
                        LatencyOrigin latencyFrom, long responseBodyLimitBytes, boolean discardResponseBodies,
                        int responseHeaderLimitBytes, int responseHeaderCountLimit) {
        this(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent, latencyFrom,
                responseBodyLimitBytes, discardResponseBodies, responseHeaderLimitBytes, responseHeaderCountLimit, false, null, HttpVersion.AUTO);
    }

    /** The settings before {@code latencyFrom} existed; latency counts from the intended start. */
    public HttpDefaults(Duration timeout, int maxRedirects, boolean insecureSkipTlsVerify, Headers headers,
                        ExpectedStatuses expectedStatuses, boolean cookies, String userAgent) {
        this(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent,
                LatencyOrigin.INTENDED);
    }

    /** The per-VU session settings handed to the transport; with {@code discardResponseBodies} the body limit is 0. */
    public HttpSessionOptions toSessionOptions() {
        return new HttpSessionOptions(timeout, maxRedirects, insecureSkipTlsVerify, headers.asList(), cookies, userAgent,
                discardResponseBodies ? 0 : responseBodyLimitBytes, responseHeaderLimitBytes, responseHeaderCountLimit,
                httpVersion);
    }

    public HttpDefaults withTimeout(Duration value) {
        return new HttpDefaults(value, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent,
                latencyFrom, responseBodyLimitBytes, discardResponseBodies, responseHeaderLimitBytes, responseHeaderCountLimit, traceContext, traceLinkTemplate, httpVersion);
    }

    public HttpDefaults withMaxRedirects(int value) {
        return new HttpDefaults(timeout, value, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent,
                latencyFrom, responseBodyLimitBytes, discardResponseBodies, responseHeaderLimitBytes, responseHeaderCountLimit, traceContext, traceLinkTemplate, httpVersion);
    }

    public HttpDefaults withInsecureSkipTlsVerify(boolean value) {
        return new HttpDefaults(timeout, maxRedirects, value, headers, expectedStatuses, cookies, userAgent,
                latencyFrom, responseBodyLimitBytes, discardResponseBodies, responseHeaderLimitBytes, responseHeaderCountLimit, traceContext, traceLinkTemplate, httpVersion);
    }

    public HttpDefaults withHeaders(Headers value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, value, expectedStatuses, cookies, userAgent,
                latencyFrom, responseBodyLimitBytes, discardResponseBodies, responseHeaderLimitBytes, responseHeaderCountLimit, traceContext, traceLinkTemplate, httpVersion);
    }

    public HttpDefaults withExpectedStatuses(ExpectedStatuses value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, value, cookies, userAgent,
                latencyFrom, responseBodyLimitBytes, discardResponseBodies, responseHeaderLimitBytes, responseHeaderCountLimit, traceContext, traceLinkTemplate, httpVersion);
    }

    public HttpDefaults withCookies(boolean value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, value, userAgent,
                latencyFrom, responseBodyLimitBytes, discardResponseBodies, responseHeaderLimitBytes, responseHeaderCountLimit, traceContext, traceLinkTemplate, httpVersion);
    }

    public HttpDefaults withUserAgent(String value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, value,
                latencyFrom, responseBodyLimitBytes, discardResponseBodies, responseHeaderLimitBytes, responseHeaderCountLimit, traceContext, traceLinkTemplate, httpVersion);
    }

    /** Where open-model {@code http_req_duration} starts counting; see {@link LatencyOrigin}. */
    public HttpDefaults withLatencyFrom(LatencyOrigin value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent,
                Objects.requireNonNull(value, "latencyFrom"), responseBodyLimitBytes, discardResponseBodies,
                responseHeaderLimitBytes, responseHeaderCountLimit, traceContext, traceLinkTemplate, httpVersion);
    }

    /** How much of each response body is kept, in bytes (0 keeps none); the rest is read, counted and dropped. */
    public HttpDefaults withResponseBodyLimitBytes(long value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent,
                latencyFrom, value, discardResponseBodies, responseHeaderLimitBytes, responseHeaderCountLimit, traceContext, traceLinkTemplate, httpVersion);
    }

    /** k6's {@code discardResponseBodies}: keep no body unless a request sets its own limit. */
    public HttpDefaults withDiscardResponseBodies(boolean value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent,
                latencyFrom, responseBodyLimitBytes, value, responseHeaderLimitBytes, responseHeaderCountLimit, traceContext, traceLinkTemplate, httpVersion);
    }

    /** The largest header section a response may have, in bytes (at least 64); past it a request fails with 1801. */
    public HttpDefaults withResponseHeaderLimitBytes(int value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent,
                latencyFrom, responseBodyLimitBytes, discardResponseBodies, value, responseHeaderCountLimit, traceContext, traceLinkTemplate, httpVersion);
    }

    /** The most header fields a response may have (at least 1); past it a request fails with 1802. */
    public HttpDefaults withResponseHeaderCountLimit(int value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent,
                latencyFrom, responseBodyLimitBytes, discardResponseBodies, responseHeaderLimitBytes, value, traceContext, traceLinkTemplate, httpVersion);
    }
}
