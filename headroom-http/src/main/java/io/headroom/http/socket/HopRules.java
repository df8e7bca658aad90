package io.headroom.http.socket;

import io.headroom.http.CookieJar;
import io.headroom.http.HttpError;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpTimings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The small rules every hop of a {@link SocketHttpSession} shares, HTTP/1.1 and HTTP/2 alike: deadlines, cookie
 * paths, header lists, and how failures and refused responses are built. Stateless.
 */
final class HopRules {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final byte[] NO_BODY = new byte[0];

    private HopRules() {}

    static long deadline(long startNanos, Duration timeout) {
        Duration effective = timeout != null ? timeout : DEFAULT_TIMEOUT;
        if (effective.isZero() || effective.isNegative()) return Http1Connection.NO_DEADLINE;
        long nanos;
        try {
            nanos = effective.toNanos();
        } catch (ArithmeticException beyondThreeHundredYears) {
            return Http1Connection.NO_DEADLINE;
        }
        long deadline = startNanos + nanos;
        // An overflowing or sentinel-colliding deadline is as good as none.
        return deadline - startNanos < 0 || deadline == Http1Connection.NO_DEADLINE ? Http1Connection.NO_DEADLINE
                : deadline;
    }

    static String pathOf(URI url) {
        String path = url.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    static boolean sameHost(URI a, URI b) {
        String hostA = a.getHost();
        String hostB = b.getHost();
        return hostA != null && hostA.equalsIgnoreCase(hostB);
    }

    static boolean contains(List<HttpHeader> headers, String name) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).is(name)) return true;
        }
        return false;
    }

    static List<HttpHeader> without(List<HttpHeader> headers, String... names) {
        ArrayList<HttpHeader> kept = new ArrayList<>(headers.size());
        outer:
        for (HttpHeader h : headers) {
            for (String name : names) {
                if (h.is(name)) continue outer;
            }
            kept.add(h);
        }
        return kept;
    }

    static HttpResponse withRedirects(HttpResponse last, List<HttpResponse> earlierHops) {
        if (earlierHops == null) return last;
        return new HttpResponse(last.url(), last.status(), last.headers(), last.body(), last.timings(), last.error(),
                last.bytesSent(), last.bytesReceived(), earlierHops, last.bodyTruncated());
    }

    /** A response that arrived but fails by rule: its status, headers and timings stay, beside the error. */
    static HttpResponse refused(HttpResponse hop, HttpError error) {
        return new HttpResponse(hop.url(), hop.status(), hop.headers(), hop.body(), hop.timings(), error,
                hop.bytesSent(), hop.bytesReceived(), List.of(), hop.bodyTruncated());
    }

    /** A header value for a message: at most 100 characters, control characters as '?'. */
    static String printable(String value) {
        StringBuilder s = new StringBuilder(Math.min(value.length(), 100));
        for (int i = 0; i < value.length() && i < 100; i++) {
            char c = value.charAt(i);
            s.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return value.length() > 100 ? s.append("...").toString() : s.toString();
    }

    static HttpResponse failure(URI url, HttpError error, HttpTimings timings, long bytesSent,
                                        long bytesReceived) {
        return new HttpResponse(url, 0, List.of(), NO_BODY, timings, error, bytesSent, bytesReceived, List.of());
    }

    static void storeCookies(CookieJar cookieJar, Target target, URI url, List<HttpHeader> responseHeaders) {
        for (int i = 0; i < responseHeaders.size(); i++) {
            HttpHeader h = responseHeaders.get(i);
            if (h.is("Set-Cookie")) cookieJar.setCookie(target.host(), pathOf(url), h.value());
        }
    }
}
