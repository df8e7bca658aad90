package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The endpoint table's min, mean, σ, OK/failed and timing phases, and the per-endpoint latency over time. */
class EndpointDetailTest {
    @Test
    void minMeanDeviationAndOkFailedPerEndpoint() {
        RunResult run = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        Map<String, EndpointDetail> details = EndpointDetail.of(run);
        EndpointDetail login = details.get("/login\u0000POST");
        // /login: 100 requests of 1.001..1.100 ms; http_req_failed 3 of 100.
        assertThat(login.minMillis()).isCloseTo(1.001, within(0.001));
        assertThat(login.meanMillis()).isCloseTo(1.0505, within(0.001));
        // The standard deviation of 100 evenly spaced values 1 µs apart: sqrt((100² − 1) / 12) µs.
        assertThat(login.stdDevMillis()).isCloseTo(Math.sqrt((100 * 100 - 1) / 12.0) / 1000, within(0.001));
        assertThat(login.ok()).isEqualTo(97);
        assertThat(login.failed()).isEqualTo(3);
        // /products: two scenarios merged exactly, 1.001..1.200 ms; 2 of 200 failed.
        EndpointDetail products = details.get("/products\u0000GET");
        assertThat(products.minMillis()).isCloseTo(1.001, within(0.001));
        assertThat(products.meanMillis()).isCloseTo(1.1005, within(0.001));
        assertThat(products.ok()).isEqualTo(198);
        assertThat(products.failed()).isEqualTo(2);
        // No phase was recorded per endpoint here: the phases are NaN and the report leaves their table out.
        assertThat(login.phaseMeansMillis()).allMatch(v -> Double.isNaN(v));
        String html = HtmlReport.render(run);
        assertThat(html).contains("<th class=\"num\" title=\"standard deviation\" style=\"text-transform:none\">σ</th>").doesNotContain("id=\"timing-table\"");
        assertThat(html).contains("<td class=\"num\" data-v=\"97.0\">97</td><td class=\"num bad\" data-v=\"3\">3</td>");
    }

    @Test
    void timingPhasesPerEndpointAreTheirMeans() {
        RunResult base = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        List<SeriesResult> series = new ArrayList<>(base.series());
        series.add(SampleResults.series(BuiltinMetrics.HTTP_REQ_WAITING, MetricKind.TREND, ValueType.TIME, SampleResults.LOGIN_BUY,
                SampleResults.trend(SampleResults.histogram(2_000, 4_000))));
        series.add(SampleResults.series(BuiltinMetrics.HTTP_REQ_CONNECTING, MetricKind.TREND, ValueType.TIME, SampleResults.LOGIN_BUY,
                SampleResults.trend(SampleResults.histogram(500))));
        RunResult run = new RunResult(base.info(), base.outcome(), series, base.checks(), base.thresholds(), base.intervals());
        EndpointDetail login = EndpointDetail.of(run).get("/login\u0000POST");
        assertThat(login.phaseMeansMillis().get(EndpointDetail.PHASES.indexOf(BuiltinMetrics.HTTP_REQ_WAITING))).isCloseTo(3.0, within(0.01));
        assertThat(login.phaseMeansMillis().get(EndpointDetail.PHASES.indexOf(BuiltinMetrics.HTTP_REQ_CONNECTING))).isCloseTo(0.5, within(0.01));
        assertThat(login.phaseMeansMillis().get(EndpointDetail.PHASES.indexOf(BuiltinMetrics.HTTP_REQ_BLOCKED))).isNaN();
        assertThat(HtmlReport.render(run)).contains("id=\"timing-table\"", "<td class=\"num\" data-v=\"0.5\">500µs</td>", "\">3ms</td>");
    }

    @Test
    void meanOverTimeIsTheSecondsSumsOverTheirCountsAcrossAnEndpointsSeries() {
        Tags a1 = Tags.of("name", "a", "method", "GET", "status", "200");
        Tags a2 = Tags.of("name", "a", "method", "GET", "status", "500");
        Tags b = Tags.of("name", "b", "method", "GET");
        List<IntervalPoint> points = List.of(
                new IntervalPoint(1_000, List.of(
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, a1, 3, 30, 0, 5, 10, 15, 15, 15),
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, a2, 1, 50, 0, 50, 50, 50, 50, 50),
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, Tags.empty(), 4, 80, 0, 5, 10, 50, 50, 50))),
                new IntervalPoint(2_000, List.of(
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, b, 2, 4, 0, 1, 2, 3, 3, 3))));
        RunResult base = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        RunResult run = new RunResult(base.info(), base.outcome(), base.series(), base.checks(), base.thresholds(), points);
        List<EndpointSummary> endpoints = List.of(
                new EndpointSummary("a", "GET", 4, 1, 1, 1, 1, 1, 0, 4), new EndpointSummary("b", "GET", 2, 1, 1, 1, 1, 1, 0, 2));
        Map<String, Double[]> means = EndpointDetail.meanOverTime(run, endpoints, 8);
        assertThat(means.keySet()).containsExactly("GET a", "GET b");
        assertThat(means.get("GET a")).containsExactly(20.0, null);
        assertThat(means.get("GET b")).containsExactly(null, 2.0);
        assertThat(EndpointDetail.meanOverTime(run, endpoints, 1)).containsOnlyKeys("GET a");
    }

    @Test
    void percentilesOverTimeAreTheIntervalsPerEndpointSeriesAndTheirLabelsAreEscapedInThePage() {
        String hostile = "</option><script>x()</script>";
        Tags a = Tags.of("name", hostile, "method", "GET"), b = Tags.of("name", "b", "method", "GET");
        List<IntervalPoint> points = List.of(
                new IntervalPoint(1_000, List.of(), List.of(
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, a, 4, 80, 0, 5, 10, 50, 60, 70))),
                new IntervalPoint(2_000, List.of(), List.of(
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, a, 2, 4, 0, 1, 2, 3, 4, 5),
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, b, 1, 4, 0, 4, 4, 4, 4, 4))));
        RunResult base = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        RunResult run = new RunResult(base.info(), base.outcome(), base.series(), base.checks(), base.thresholds(), points);
        List<EndpointSummary> endpoints = List.of(new EndpointSummary(hostile, "GET", 6, 1, 1, 1, 1, 1, 0, 6),
                new EndpointSummary("b", "GET", 1, 1, 1, 1, 1, 1, 0, 1));
        Map<String, Double[][]> p = EndpointDetail.percentilesOverTime(run, endpoints, 8);
        assertThat(p.keySet()).containsExactly("GET " + hostile, "GET b");
        assertThat(p.get("GET " + hostile)[0]).containsExactly(10.0, 2.0);
        assertThat(p.get("GET " + hostile)[1]).containsExactly(50.0, 3.0);
        assertThat(p.get("GET " + hostile)[2]).containsExactly(60.0, 4.0);
        assertThat(p.get("GET b")[1]).containsExactly(null, 4.0);
        assertThat(p.get("GET b")[3]).containsExactly(null, 1.0);
        assertThat(EndpointDetail.percentilesOverTime(run, endpoints, 1)).containsOnlyKeys("GET " + hostile);
        // Without per-endpoint intervals (an older summary): nothing, and the page says why.
        RunResult older = new RunResult(base.info(), base.outcome(), base.series(), base.checks(), base.thresholds(),
                List.of(new IntervalPoint(1_000, List.of())));
        assertThat(EndpointDetail.percentilesOverTime(older, endpoints, 8)).isEmpty();

        List<SeriesResult> series = new ArrayList<>();
        series.add(SampleResults.series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME, a,
                SampleResults.trend(SampleResults.histogram(5_000, 10_000, 50_000, 60_000, 1_000, 2_000))));
        series.add(SampleResults.series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME, b,
                SampleResults.trend(SampleResults.histogram(4_000))));
        String html = HtmlReport.render(new RunResult(base.info(), base.outcome(), series, base.checks(), base.thresholds(), points));
        assertThat(html).contains("<option value=\"0\">GET &lt;/option&gt;&lt;script&gt;x()&lt;/script&gt;</option><option value=\"1\">GET b</option>")
                .doesNotContain("<script>x()");
    }
}
