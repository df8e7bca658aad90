package io.headroom.http;

import java.time.Duration;
import java.util.List;

/**
 * Per-VU client settings: default timeout (k6 default 60 s), default maximum redirects followed (k6
 * default 10), whether TLS certificates are verified (on by default; {@code insecureSkipTlsVerify}
 * turns it off), headers added to every request, and whether cookies are kept in the session's jar.
 */
public record HttpSessionOptions(Duration timeout, int maxRedirects, boolean insecureSkipTlsVerify,
                                 List<HttpHeader> defaultHeaders, boolean cookies, String userAgent) {
    public static final HttpSessionOptions DEFAULTS = new HttpSessionOptions(Duration.ofSeconds(60), 10, false,
            List.of(), true, "headroom/0.1");

    public HttpSessionOptions {
        defaultHeaders = defaultHeaders == null ? List.of() : List.copyOf(defaultHeaders);
    }
}
