package io.headroom.analysis.diagnose;

import io.headroom.core.text.Json;
import io.headroom.analysis.Numbers;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunResult;

import java.util.Optional;

/**
 * The answer of a breakpoint run (one stopped by an abortOnFail threshold): the last second's rate that held
 * and the next second's rate, where the threshold broke, in iterations and requests per second; the same
 * seconds as {@link Rule#BREAKING_POINT} finding. Immutable.
 *
 * @param threshold the threshold that broke first, e.g. {@code http_req_duration p(95)<500}
 * @param heldAtSeconds the end of the last second that held, from the start of the run
 */
public record BreakingRate(String threshold, double heldIterationsPerSecond, double heldRequestsPerSecond,
                           double brokeIterationsPerSecond, double brokeRequestsPerSecond, double heldAtSeconds) {

    /** The breaking rate of {@code result}; empty unless it was aborted by a threshold whose break could be placed in time. */
    public static Optional<BreakingRate> of(RunResult result) {
        Optional<BreakingPointRule.BreakScan> scan = BreakingPointRule.scanBreak(result);
        if (scan.isEmpty() || scan.get().held() == null) return Optional.empty();
        LoadLevel.Second held = scan.get().held(), broke = scan.get().broke();
        return Optional.of(new BreakingRate(scan.get().broken(), iterationsPerSecond(result, held.offsetMillis()),
                held.requestsPerSecond(), iterationsPerSecond(result, broke.offsetMillis()), broke.requestsPerSecond(),
                held.offsetMillis() / 1000.0));
    }

    /** Completed iterations per second in the interval ending at {@code offsetMillis} (untagged series). */
    private static double iterationsPerSecond(RunResult result, long offsetMillis) {
        long previous = 0;
        for (IntervalPoint p : result.intervals()) {
            if (p.offsetMillis() == offsetMillis) {
                double iterations = 0;
                for (IntervalPoint.Series s : p.series()) {
                    if (s.tags().isEmpty() && s.metric().equals(BuiltinMetrics.ITERATIONS)) iterations = s.count();
                }
                return iterations * 1000.0 / Math.max(1, p.offsetMillis() - previous);
            }
            previous = p.offsetMillis();
        }
        return 0;
    }

    /** "breaking point: 420 iterations/s held (420 req/s); http_req_duration p(95)<500 broke at 450/s". */
    public String text() {
        return "breaking point: " + Numbers.sig3(heldIterationsPerSecond) + " iterations/s held ("
                + Numbers.sig3(heldRequestsPerSecond) + " req/s, until " + Numbers.sig3(heldAtSeconds) + " s); "
                + threshold + " broke at " + Numbers.sig3(brokeIterationsPerSecond) + "/s";
    }

    /** One JSON object with every field, numbers in per-second units. */
    public String json() {
        return "{\"threshold\": " + Json.quote(threshold)
                + ", \"heldIterationsPerSecond\": " + Json.number(heldIterationsPerSecond)
                + ", \"heldRequestsPerSecond\": " + Json.number(heldRequestsPerSecond)
                + ", \"brokeIterationsPerSecond\": " + Json.number(brokeIterationsPerSecond)
                + ", \"brokeRequestsPerSecond\": " + Json.number(brokeRequestsPerSecond)
                + ", \"heldAtSeconds\": " + Json.number(heldAtSeconds) + "}";
    }
}
