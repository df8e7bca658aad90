package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import io.headroom.core.threshold.ThresholdSpec;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Gatling's response-time ranges: bounds from the plan's thresholds or Gatling's, successful requests by time, failed apart. */
class ResponseTimeRangesTest {
    private static final Tags OK = Tags.of("name", "a", "method", "GET", "expected_response", "true", "status", "200");
    private static final Tags KO = Tags.of("name", "a", "method", "GET", "expected_response", "false", "status", "500");

    /** 3 requests of 100 ms, 2 of 900 ms, 1 of 1.5 s that succeeded; 1 of 50 ms that failed. */
    private static RunResult run(List<ThresholdResult> thresholds) {
        Histogram ok = SampleResults.histogram(100_000, 100_000, 100_000, 900_000, 900_000, 1_500_000);
        Histogram ko = SampleResults.histogram(50_000);
        List<SeriesResult> series = new ArrayList<>();
        series.add(SampleResults.series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME, Tags.empty(),
                SampleResults.trend(SampleResults.sum(ok, ko))));
        series.add(SampleResults.series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME, OK, SampleResults.trend(ok)));
        series.add(SampleResults.series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME, KO, SampleResults.trend(ko)));
        series.add(SampleResults.series(BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT, Tags.empty(), new RateStats(1, 6)));
        RunResult base = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        return new RunResult(base.info(), base.outcome(), series, List.of(), thresholds, base.intervals());
    }

    private static ThresholdResult held(String selector, String expression) {
        return new ThresholdResult(ThresholdSpec.of(selector, expression), new ThresholdVerdict.Held(1));
    }

    @Test
    void withoutDurationThresholdsTheBoundsAreGatlings() {
        ResponseTimeRanges r = ResponseTimeRanges.of(run(List.of(held("http_req_failed", "rate<0.1"),
                held("http_req_duration", "p(95)>1"))));
        assertThat(r.fromThresholds()).isFalse();
        assertThat(r.boundsMillis()).containsExactly(800.0, 1200.0);
        assertThat(r.labels()).containsExactly("< 800ms", "800ms – 1.2s", "≥ 1.2s", "failed");
        assertThat(r.counts()).containsExactly(3L, 2L, 1L, 1L);
        assertThat(r.total()).isEqualTo(7);
    }

    @Test
    void durationThresholdsOnTheWholeMetricSetTheBounds() {
        // The tagged threshold covers some requests only, and a lower bound (>) caps nothing: both left out.
        ResponseTimeRanges r = ResponseTimeRanges.of(run(List.of(held("http_req_duration", "p(95)<500"),
                held("http_req_duration", "p(99)<=1000"), held("http_req_duration{name:a}", "p(99)<50"),
                held("http_req_duration", "min>1"))));
        assertThat(r.fromThresholds()).isTrue();
        assertThat(r.boundsMillis()).containsExactly(500.0, 1000.0);
        assertThat(r.labels()).containsExactly("< 500ms", "500ms – 1s", "≥ 1s", "failed");
        assertThat(r.counts()).containsExactly(3L, 2L, 1L, 1L);
    }

    @Test
    void oneThresholdGivesTwoRangesOfSuccessfulRequests() {
        ResponseTimeRanges r = ResponseTimeRanges.of(run(List.of(held("http_req_duration", "avg<1000"))));
        assertThat(r.labels()).containsExactly("< 1s", "≥ 1s", "failed");
        assertThat(r.counts()).containsExactly(5L, 1L, 1L);
    }

    @Test
    void theReportShowsTheRangesAndTheDistribution() throws Exception {
        String html = HtmlReport.render(run(List.of(held("http_req_duration", "p(95)<500"))));
        assertThat(html).contains("<table id=\"ranges\">", "<td>&lt; 500ms</td><td class=\"num\" data-v=\"3\">3</td>",
                "<td>≥ 500ms</td><td class=\"num\" data-v=\"3\">3</td>", "<td>failed</td><td class=\"num\" data-v=\"1\">1</td>",
                "Bounds from the plan", "id=\"chart-distribution\"");
        var distribution = HtmlReportTest.chartData(html).get("distribution");
        assertThat(distribution.get("x")).hasSize(HtmlChartData.DISTRIBUTION_BARS);
        long sum = 0;
        for (var n : distribution.get("y")) sum += n.asLong();
        assertThat(sum).as("every request in a bar").isEqualTo(7);
        // 40 bars of 36.25 ms from 50 ms to 1.5 s: 50 ms in the first, the three of 100 ms in the second.
        assertThat(distribution.get("y").get(0).asLong()).isEqualTo(1);
        assertThat(distribution.get("y").get(1).asLong()).isEqualTo(3);
        assertThat(distribution.get("y").get(HtmlChartData.DISTRIBUTION_BARS - 1).asLong()).isEqualTo(1);
    }
}
