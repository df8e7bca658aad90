package io.headroom.script;

import io.headroom.http.HttpSessionOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP settings every VU of a run starts with, k6's names and defaults: {@code timeout} 60 s per
 * request, {@code maxRedirects} 10, TLS verified unless {@code insecureSkipTlsVerify}, {@code headers}
 * sent on every request, {@code expectedStatuses} 200–399, cookies kept per VU; plus Headroom's
 * {@code latencyFrom} (default {@link LatencyOrigin#INTENDED}; null means the default). Immutable.
 */
public record HttpDefaults(Duration timeout, int maxRedirects, boolean insecureSkipTlsVerify, Headers headers,
                           ExpectedStatuses expectedStatuses, boolean cookies, String userAgent,
                           LatencyOrigin latencyFrom) {
    public static final HttpDefaults DEFAULTS = new HttpDefaults(HttpSessionOptions.DEFAULTS.timeout(),
            HttpSessionOptions.DEFAULTS.maxRedirects(), false, Headers.none(), ExpectedStatuses.DEFAULT, true,
            HttpSessionOptions.DEFAULTS.userAgent(), LatencyOrigin.INTENDED);

    public HttpDefaults {
        Objects.requireNonNull(timeout, "timeout");
        if (maxRedirects < 0) throw new IllegalArgumentException("maxRedirects must not be negative");
        headers = headers == null ? Headers.none() : headers;
        expectedStatuses = expectedStatuses == null ? ExpectedStatuses.DEFAULT : expectedStatuses;
        latencyFrom = latencyFrom == null ? LatencyOrigin.INTENDED : latencyFrom;
    }

    /** The settings before {@code latencyFrom} existed; latency counts from the intended start. */
    public HttpDefaults(Duration timeout, int maxRedirects, boolean insecureSkipTlsVerify, Headers headers,
                        ExpectedStatuses expectedStatuses, boolean cookies, String userAgent) {
        this(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent,
                LatencyOrigin.INTENDED);
    }

    /** The per-VU session settings handed to the transport. */
    public HttpSessionOptions toSessionOptions() {
        return new HttpSessionOptions(timeout, maxRedirects, insecureSkipTlsVerify, headers.asList(), cookies, userAgent);
    }

    public HttpDefaults withTimeout(Duration value) {
        return new HttpDefaults(value, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent, latencyFrom);
    }

    public HttpDefaults withMaxRedirects(int value) {
        return new HttpDefaults(timeout, value, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent, latencyFrom);
    }

    public HttpDefaults withInsecureSkipTlsVerify(boolean value) {
        return new HttpDefaults(timeout, maxRedirects, value, headers, expectedStatuses, cookies, userAgent, latencyFrom);
    }

    public HttpDefaults withHeaders(Headers value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, value, expectedStatuses, cookies, userAgent, latencyFrom);
    }

    public HttpDefaults withExpectedStatuses(ExpectedStatuses value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, value, cookies, userAgent, latencyFrom);
    }

    public HttpDefaults withCookies(boolean value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, value, userAgent, latencyFrom);
    }

    public HttpDefaults withUserAgent(String value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, value, latencyFrom);
    }

    /** Where open-model {@code http_req_duration} starts counting; see {@link LatencyOrigin}. */
    public HttpDefaults withLatencyFrom(LatencyOrigin value) {
        return new HttpDefaults(timeout, maxRedirects, insecureSkipTlsVerify, headers, expectedStatuses, cookies, userAgent,
                Objects.requireNonNull(value, "latencyFrom"));
    }
}
