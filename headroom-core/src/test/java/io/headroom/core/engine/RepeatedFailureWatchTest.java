package io.headroom.core.engine;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The early-stop rule on its own, fed interval points as the engine feeds them once a second. */
class RepeatedFailureWatchTest {
    private static final long SECOND = 1_000_000_000L;

    private static IntervalPoint.Series reqs(double count, String status, String errorCode) {
        Tags tags = Tags.of("method", "GET").with("name", "/").with("status", status);
        if (errorCode != null) tags = tags.with("error_code", errorCode);
        return new IntervalPoint.Series(BuiltinMetrics.HTTP_REQS, MetricKind.COUNTER, tags, count, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The untagged aggregate the registry adds to every interval: must not be counted twice. */
    private static IntervalPoint.Series aggregate(double count) {
        return new IntervalPoint.Series(BuiltinMetrics.HTTP_REQS, MetricKind.COUNTER, Tags.empty(), count, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Feeds {@code seconds} one-second points of {@code perSecond}, returning the first stop reason. */
    private static Optional<String> run(int seconds, IntervalPoint.Series... perSecond) {
        RepeatedFailureWatch watch = new RepeatedFailureWatch();
        double total = 0;
        for (IntervalPoint.Series s : perSecond) total += s.count();
        for (int i = 1; i <= seconds; i++) {
            List<IntervalPoint.Series> series = new ArrayList<>(List.of(perSecond));
            series.add(aggregate(total));
            Optional<String> reason = watch.observe(new IntervalPoint(i * 1000L, series), i * SECOND);
            if (reason.isPresent()) return reason;
        }
        return Optional.empty();
    }

    @Test
    void stopsWhenEveryRequestWasRefusedForFiveSeconds() {
        Optional<String> reason = run(10, reqs(200, "0", "1212"));
        assertThat(reason).hasValueSatisfying(r -> assertThat(r).isEqualTo("every one of the 1000 requests in 5 s failed"
                + " with error 1212 (connection refused) and no server answered; check that the target is running and"
                + " listening on the URL's port (--base-url)"));
        assertThat(run(10, reqs(100_000, "0", "1020"))).hasValueSatisfying(r -> assertThat(r)
                .contains("error 1020 (invalid URL)", "fix the request URLs or the base URL (--base-url)"));
    }

    @Test
    void waitsForAThousandRequestsAndFiveSeconds() {
        // Premise not met: 990 requests in 10 s; or a million in 4 s (a target still starting up gets 5 s).
        assertThat(run(10, reqs(99, "0", "1212"))).isEmpty();
        assertThat(run(4, reqs(1_000_000, "0", "1212"))).isEmpty();
    }

    @Test
    void neverStopsARunThatGotAnAnswer() {
        // One answer among a million refusals: something is listening, the errors are data.
        assertThat(run(10, reqs(100_000, "0", "1212"), reqs(1, "200", null))).isEmpty();
        // A server that answers 500 to everything is answering: k6 runs to the end, so does Headroom.
        assertThat(run(10, reqs(10_000, "500", "1500"))).isEmpty();
        assertThat(run(10, reqs(5_000, "500", "1500"), reqs(5_000, "200", null))).isEmpty();
    }

    @Test
    void neverStopsOnMixedErrorsOrTimeouts() {
        assertThat(run(10, reqs(1000, "0", "1212"), reqs(1000, "0", "1220"))).isEmpty();
        // A target too slow to answer is a measurement, and a run of timeouts does not spin.
        assertThat(run(10, reqs(1000, "0", "1050"))).isEmpty();
        assertThat(run(10, reqs(1000, "0", "1211"))).isEmpty();
    }
}
