package io.headroom.junit;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import io.headroom.core.threshold.ThresholdSpec;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict's precedence and messages on hand-built results (the engine-backed cases are in LoadTestExtensionTest). */
class VerdictTest {
    private static final GeneratorHealth DROPPED = new GeneratorHealth(true, 0, 0, 0, 0, 0, 0, 3, 2,
            List.of("3 iterations were dropped: every VU up to maxVUs was busy"));

    private static RunResult result(RunOutcome outcome, GeneratorHealth health, List<ThresholdResult> thresholds,
                                    double iterations, double iterationErrors, List<ErrorSample> errors) {
        var trend = new SeriesStats.TrendStats(1, 1, 1, 1, 1, 1, 1, 1, 1, new Histogram(3));
        List<SeriesResult> series = List.of(
                new SeriesResult("http_req_duration", MetricKind.TREND, ValueType.TIME, Tags.empty(), trend),
                new SeriesResult("iterations", MetricKind.COUNTER, ValueType.DEFAULT, Tags.empty(),
                        new SeriesStats.CounterStats(iterations, 0)),
                new SeriesResult("headroom_iteration_errors", MetricKind.COUNTER, ValueType.DEFAULT, Tags.empty(),
                        new SeriesStats.CounterStats(iterationErrors, 0)));
        RunInfo info = new RunInfo("p", Instant.EPOCH, Duration.ofSeconds(1), List.of(), Map.of());
        return new RunResult(info, outcome, series, List.of(), thresholds, List.of(), health, errors);
    }

    private static ThresholdResult crossed(String selector, String expr, double actual) {
        return new ThresholdResult(ThresholdSpec.of(selector, expr), new ThresholdVerdict.Crossed(actual));
    }

    @Test
    void crossedThresholdsAreListedWithTheirMeasuredValueInTheBoundsUnit() {
        var held = new ThresholdResult(ThresholdSpec.of("http_req_failed", "rate<0.1"), new ThresholdVerdict.Held(0));
        var r = result(RunOutcome.COMPLETED, GeneratorHealth.NOT_MEASURED,
                List.of(crossed("http_req_duration", "p(95)<1", 12.345678), held), 10, 0, List.of());

        assertThat(Verdict.failure(r, "p", false)).hasValue("""
                plan 'p': 1 of 2 thresholds crossed
                  http_req_duration: p(95)<1  measured 12.35 ms""");
    }

    @Test
    void aCrossedLatencyThresholdNamesTheSlowestTracedRequests() {
        var r = result(RunOutcome.COMPLETED, GeneratorHealth.NOT_MEASURED,
                List.of(crossed("http_req_duration", "p(95)<1", 12.345678)), 10, 0, List.of());
        Tags slow = Tags.of("name", "/slow", "method", "GET"), fast = Tags.of("name", "/fast", "method", "GET");
        var traced = r.withExemplars(List.of(
                new io.headroom.core.metric.Exemplar(slow, "4bf92f3577b34da6a3ce929d0e0e4736", 412.25, 10),
                new io.headroom.core.metric.Exemplar(slow, "0af7651916cd43dd8448eb211c80319c", 398, 20),
                new io.headroom.core.metric.Exemplar(fast, "11111111111111111111111111111111", 3.5, 30),
                new io.headroom.core.metric.Exemplar(fast, "22222222222222222222222222222222", 9.75, 40)));

        assertThat(Verdict.failure(traced, "p", false)).hasValue("""
                plan 'p': 1 of 1 threshold crossed
                  http_req_duration: p(95)<1  measured 12.35 ms
                  slowest requests, with their trace ids:
                    GET /slow  412.3 ms  4bf92f3577b34da6a3ce929d0e0e4736
                    GET /slow  398 ms  0af7651916cd43dd8448eb211c80319c
                    GET /fast  9.75 ms  22222222222222222222222222222222""");
        // Negative controls: without exemplars, or when only another threshold crossed, no trace lines.
        assertThat(Verdict.failure(r, "p", false).orElseThrow()).doesNotContain("trace");
        var failedOnly = result(RunOutcome.COMPLETED, GeneratorHealth.NOT_MEASURED,
                List.of(crossed("http_req_failed", "rate<0.01", 0.5)), 10, 0, List.of()).withExemplars(traced.exemplars());
        assertThat(Verdict.failure(failedOnly, "p", false).orElseThrow()).doesNotContain("trace");
    }

    @Test
    void aThresholdCrossedWithoutSamplesSaysSo() {
        var empty = new ThresholdResult(ThresholdSpec.of("http_reqs{name:nosuch}", "count>0"), new ThresholdVerdict.Crossed(0, true));
        var r = result(RunOutcome.COMPLETED, GeneratorHealth.NOT_MEASURED,
                List.of(empty, crossed("http_req_duration", "p(95)<1", 2)), 10, 0, List.of());
        assertThat(Verdict.failure(r, "p", false).orElseThrow())
                .contains("http_reqs{name:nosuch}: count>0  measured 0 (no data — no sample matched this selector)")
                .endsWith("http_req_duration: p(95)<1  measured 2 ms");
    }

    @Test
    void anInvalidRunFailsWithItsReasonsUnlessAccepted() {
        var r = result(RunOutcome.COMPLETED, DROPPED, List.of(), 10, 0, List.of());

        assertThat(Verdict.failure(r, "p", false)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("plan 'p': invalid run, the generator was the bottleneck")
                .contains("3 iterations were dropped"));
        assertThat(Verdict.failure(r, "p", true)).isEmpty();
    }

    @Test
    void anInvalidRunOutranksCrossedThresholdsAndAnInterruptedRunOutranksBoth() {
        var thresholds = List.of(crossed("http_req_duration", "p(95)<1", 5));
        assertThat(Verdict.failure(result(RunOutcome.COMPLETED, DROPPED, thresholds, 10, 0, List.of()), "p", false))
                .hasValueSatisfying(m -> assertThat(m).contains("invalid run").doesNotContain("crossed"));
        assertThat(Verdict.failure(result(RunOutcome.INTERRUPTED, DROPPED, thresholds, 10, 0, List.of()), "p", false))
                .hasValue("plan 'p': the run was interrupted");
    }

    @Test
    void aRunStoppedBecauseNothingAnsweredFailsWithTheReasonEvenWithoutThresholds() {
        var stopped = result(RunOutcome.ABORTED_ON_REPEATED_ERROR, GeneratorHealth.NOT_MEASURED, List.of(), 10, 0, List.of());
        var reason = "every one of the 1000 requests in 5 s failed with error 1212 (connection refused)";
        RunResult withReason = new RunResult(new RunInfo("p", Instant.EPOCH, Duration.ofSeconds(5), List.of(),
                Map.of(io.headroom.core.engine.Engine.STOPPED_EARLY_KEY, reason)), stopped.outcome(), stopped.series(),
                List.of(), List.of(), List.of(), stopped.generatorHealth(), List.of());
        assertThat(Verdict.failure(withReason, "p", false)).hasValue("plan 'p': stopped early: " + reason);
        // Negative control: the same run completed passes.
        assertThat(Verdict.failure(result(RunOutcome.COMPLETED, GeneratorHealth.NOT_MEASURED, List.of(), 10, 0, List.of()),
                "p", false)).isEmpty();
    }

    @Test
    void mostIterationsFailingFailsWithTheFirstErrorAndHalfDoesNot() {
        var errors = List.of(new ErrorSample("iteration:IllegalStateException", "later", 3, 900),
                new ErrorSample("iteration:NullPointerException", "Checkout.java:12: users is null", 3, 10));
        assertThat(Verdict.failure(result(RunOutcome.COMPLETED, GeneratorHealth.NOT_MEASURED, List.of(), 10, 6, errors),
                "p", false)).hasValue("plan 'p': 6 of 10 iterations failed; the first error: Checkout.java:12: users is null");
        assertThat(Verdict.failure(result(RunOutcome.COMPLETED, GeneratorHealth.NOT_MEASURED, List.of(), 10, 5, errors),
                "p", false)).isEmpty();
    }
}
