package io.headroom.core.engine;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.Tags;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stops a run that can only fail: when every request so far, at least {@value #MIN_REQUESTS} of them over at
 * least {@value #MIN_SECONDS} s, failed with one and the same transport error (status 0: no server answered,
 * e.g. 1212 connection refused, 1020 invalid URL, 1101 no such host), the run is spinning (a closed port fails
 * in microseconds, hundreds of thousands of times a second) and measures nothing about the target.
 *
 * <p>It cannot fire on a run that got one answer, of any status: a server that answers 500 to everything is
 * answering, and its behaviour is what the run measures (k6 runs such a run to its end too). Nor on timeouts
 * (1050, 1211): a target too slow to answer is a measurement, and a timing-out run does not spin. Fed once a
 * second with the interval just closed, on the engine thread, so the hot path pays nothing. Not thread-safe.
 */
final class RepeatedFailureWatch {
    /** Requests the run must have sent, every one failed the same way, before it is stopped. */
    static final long MIN_REQUESTS = 1000;
    /** Seconds the run must have lasted before it is stopped (a target still starting up gets this long). */
    static final long MIN_SECONDS = 5;
    /**
     * k6's codes of a timeout, the request's (1050) and the dial's (1211): written out because core sits below
     * headroom-http's {@code HttpErrorCode}; {@code TimeoutCodesParityTest} in headroom-script keeps them equal.
     */
    static final Set<String> TIMEOUTS = Set.of("1050", "1211");

    private long requests;
    private long answered;
    private final Map<String, Long> transportFailures = new HashMap<>();

    /**
     * Adds one closed interval's requests.
     *
     * @param sinceStartNanos how long the run has been running
     * @return the reason to stop, when the run can only fail; else empty
     */
    Optional<String> observe(IntervalPoint point, long sinceStartNanos) {
        for (IntervalPoint.Series s : point.series()) {
            // The untagged series is the interval's aggregate of the tagged ones: counted through those.
            if (!s.metric().equals(BuiltinMetrics.HTTP_REQS) || s.tags().isEmpty()) continue;
            long n = (long) s.count();
            if (n <= 0) continue;
            requests += n;
            Tags tags = s.tags();
            String code = tags.get("error_code");
            if (code == null || !"0".equals(tags.get("status"))) answered += n;
            else transportFailures.merge(code, n, Long::sum);
        }
        if (answered > 0 || requests < MIN_REQUESTS || sinceStartNanos < MIN_SECONDS * 1_000_000_000L
                || transportFailures.size() != 1) {
            return Optional.empty();
        }
        String code = transportFailures.keySet().iterator().next();
        if (TIMEOUTS.contains(code)) return Optional.empty();
        return Optional.of("every one of the " + requests + " requests in " + sinceStartNanos / 1_000_000_000L
                + " s failed with error " + code + " (" + meaning(code) + ") and no server answered; " + fix(code));
    }

    /** What a k6 error code means, for the message (io.headroom.http.HttpErrorCode has the full list). */
    static String meaning(String code) {
        return switch (code) {
            case "1020" -> "invalid URL";
            case "1000" -> "the request could not be sent";
            case "1101" -> "no such host";
            case "1212" -> "connection refused";
            case "1210" -> "cannot connect";
            case "1220" -> "connection reset by peer";
            case "1301" -> "the target does not speak TLS";
            case "1310", "1311" -> "the target's certificate is not trusted";
            default -> code.startsWith("11") ? "name resolution failed" : code.startsWith("12") ? "TCP error"
                    : code.startsWith("13") ? "TLS error" : "transport error";
        };
    }

    private static String fix(String code) {
        if (code.equals("1020")) return "fix the request URLs or the base URL (--base-url)";
        if (code.equals("1000")) return "check the request's headers and URL";
        if (code.startsWith("11")) return "check the host name in the base URL (--base-url) or the plan's URLs";
        if (code.startsWith("12")) return "check that the target is running and listening on the URL's port (--base-url)";
        if (code.startsWith("13")) return "check the URL's scheme (http:// or https://) and the TLS settings"
                + " (http.insecureSkipTlsVerify)";
        return "check the target and the URLs";
    }
}
