package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.headroom.report.SampleResults.histogram;
import static io.headroom.report.SampleResults.trend;
import static org.assertj.core.api.Assertions.assertThat;

class ClosedModelWarningTest {
    /** {@code count} requests of {@code requestMicros} in iterations of {@code iterationMicros}, one request each. */
    private static RunResult run(String executor, boolean openModel, long count, long requestMicros, long iterationMicros) {
        Tags tags = Tags.of("scenario", "browse", "name", "/products");
        long[] requests = new long[(int) count];
        long[] iterations = new long[(int) count];
        java.util.Arrays.fill(requests, requestMicros);
        java.util.Arrays.fill(iterations, iterationMicros);
        List<SeriesResult> series = new ArrayList<>();
        series.add(new SeriesResult(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME, Tags.empty(), trend(histogram(requests))));
        series.add(new SeriesResult(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME, tags, trend(histogram(requests))));
        series.add(new SeriesResult(BuiltinMetrics.ITERATION_DURATION, MetricKind.TREND, ValueType.TIME,
                Tags.of("scenario", "browse"), trend(histogram(iterations))));
        RunInfo info = new RunInfo("w", SampleResults.STARTED_AT, SampleResults.RUN_DURATION,
                List.of(new RunInfo.ScenarioInfo("browse", executor, openModel, 10, count, 0)), Map.of());
        return new RunResult(info, RunOutcome.COMPLETED, series, List.of(), List.of(), List.of());
    }

    @Test
    void flagsAClosedModelWhoseLatencyDwarfsItsThinkTime() {
        // 700 ms requests in 800 ms iterations: 100 ms of think per request, 7x below the latency.
        List<ClosedModelWarning> warnings = ClosedModelWarning.find(run("constant-vus", false, 100, 700_000, 800_000));
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.scenario()).isEqualTo("browse");
            assertThat(w.p99Millis()).isCloseTo(700, org.assertj.core.data.Offset.offset(1.0));
            assertThat(w.thinkMillisPerRequest()).isCloseTo(100, org.assertj.core.data.Offset.offset(1.0));
            assertThat(w.message()).contains("browse").contains("constant-vus").contains("7.0×")
                    .contains("constant-arrival-rate");
        });
        String console = new ConsoleSummary(false).render(run("constant-vus", false, 100, 700_000, 800_000));
        assertThat(console).contains("WARNINGS").contains("hides queueing");
    }

    @Test
    void staysQuietWhenThinkTimeDominatesOrLatencyIsSmallOrTheModelIsOpen() {
        // 100 ms requests, 1 s think: the VUs mostly think, as users do.
        assertThat(ClosedModelWarning.find(run("constant-vus", false, 100, 100_000, 1_100_000))).isEmpty();
        // No think time but 10 ms latency: below the 50 ms floor, a throughput test rather than hidden queueing.
        assertThat(ClosedModelWarning.find(run("constant-vus", false, 100, 10_000, 10_100))).isEmpty();
        // The same slow numbers under an arrival-rate executor are measured from the schedule already.
        assertThat(ClosedModelWarning.find(run("constant-arrival-rate", true, 100, 700_000, 800_000))).isEmpty();
        // Too few requests to judge.
        assertThat(ClosedModelWarning.find(run("constant-vus", false, 5, 700_000, 800_000))).isEmpty();
        assertThat(new ConsoleSummary(false).render(run("constant-vus", false, 100, 100_000, 1_100_000)))
                .doesNotContain("WARNINGS");
    }
}
