package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConsoleSummaryTest {
    private final ConsoleSummary plain = new ConsoleSummary(false);

    @Test
    void rendersCompletedRunLikeGoldenFile() throws Exception {
        Golden.assertMatches("checkout-summary.txt", plain.render(SampleResults.checkoutRun(RunOutcome.COMPLETED)));
    }

    @Test
    void rendersInterruptedRunLikeGoldenFile() throws Exception {
        Golden.assertMatches("interrupted-summary.txt", plain.render(SampleResults.checkoutRun(RunOutcome.INTERRUPTED)));
    }

    @Test
    void renderingIsDeterministic() {
        RunResult result = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        assertThat(plain.render(result)).isEqualTo(plain.render(SampleResults.checkoutRun(RunOutcome.COMPLETED)));
    }

    @Test
    void mergesEndpointSeriesAcrossScenariosByNameAndMethod() {
        List<EndpointSummary> endpoints = EndpointSummary.of(SampleResults.checkoutRun(RunOutcome.COMPLETED));

        assertThat(endpoints).extracting(EndpointSummary::name, EndpointSummary::method)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/products", "GET"),
                        org.assertj.core.groups.Tuple.tuple("/login", "POST"));
        // /products: browse 1.001..1.100 ms and buy 1.101..1.200 ms, one request each: 200 values, µs-exact.
        EndpointSummary products = endpoints.get(0);
        assertThat(products.count()).isEqualTo(200);
        assertThat(products.requestsPerSecond()).isCloseTo(200 / 30.0, within(1e-9));
        assertThat(products.p50Millis()).isEqualTo(1.100);
        assertThat(products.p95Millis()).isEqualTo(1.190);
        assertThat(products.p99Millis()).isEqualTo(1.198);
        assertThat(products.maxMillis()).isEqualTo(1.200);
        assertThat(products.failed()).isEqualTo(2);
        assertThat(products.failureSamples()).isEqualTo(200);
        assertThat(products.errorRate()).isEqualTo(0.01);

        EndpointSummary login = endpoints.get(1);
        assertThat(login.count()).isEqualTo(100);
        assertThat(login.p50Millis()).isEqualTo(1.050);
        assertThat(login.p95Millis()).isEqualTo(1.095);
        assertThat(login.p99Millis()).isEqualTo(1.099);
        assertThat(login.errorRate()).isEqualTo(0.03);
    }

    @Test
    void printsEndpointRowsWithTheirNumbers() {
        String text = plain.render(SampleResults.checkoutRun(RunOutcome.COMPLETED));
        assertThat(squeezed(line(text, "/products"))).isEqualTo("/products GET 200 6.67 1.1ms 1.19ms 1.2ms 1.2ms 1.00%");
        assertThat(squeezed(line(text, "/login  "))).isEqualTo("/login POST 100 3.33 1.05ms 1.1ms 1.1ms 1.1ms 3.00%");
    }

    @Test
    void cutsTheEndpointTableAndSaysHowManyWereLeftOut() {
        String text = new ConsoleSummary(false, 1).render(SampleResults.checkoutRun(RunOutcome.COMPLETED));
        assertThat(text).contains("/products").doesNotContain("/login  ")
                .contains("… 1 more endpoint with fewer requests; the JSON summary has them all");
    }

    @Test
    void showsThresholdsWithMarksAndActualValuesInTheMetricsUnit() {
        String text = plain.render(SampleResults.checkoutRun(RunOutcome.COMPLETED));
        assertThat(text).contains("    http_req_duration\n    ✓ 'p(95)<500' p(95)=1.19ms\n")
                .contains("    http_req_failed\n    ✗ 'rate<0.01' rate=1.67%  (abortOnFail)\n")
                .contains("    ✓ 'count>100' count=300\n")
                .contains("✗ 1 of 5 thresholds crossed");
    }

    @Test
    void showsAThresholdWithoutSamplesAsNoData() {
        String text = plain.render(SampleResults.checkoutRun(RunOutcome.COMPLETED));
        assertThat(text).contains("    http_req_duration{name:/missing}\n"
                + "    ✓ 'p(99)<100' p(99)=0s (no data — no sample matched this selector)\n");
        String small = plain.render(SampleResults.smallRun());
        assertThat(small).contains("    ✓ 'rate<0.1' no data — no sample matched this selector; not evaluated, counts as held")
                .contains("    ✗ 'count>0' count=0 (no data — no sample matched this selector)\n")
                // negative control: a threshold on measured data has no note
                .contains("    ✓ 'rate<0.5' rate=25.00%\n");
    }

    @Test
    void showsHttpReqDurationOfExpectedResponsesBelowItAsK6Does() {
        RunResult base = SampleResults.smallRun();
        var ok = SampleResults.series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME,
                Tags.of("expected_response", "true", "name", "/"), SampleResults.trend(SampleResults.histogram(1_000, 3_000)));
        var failed = SampleResults.series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, ValueType.TIME,
                Tags.of("expected_response", "false", "name", "/"), SampleResults.trend(SampleResults.histogram(250_000)));
        List<SeriesResult> series = new ArrayList<>(base.series());
        series.add(ok);
        series.add(failed);
        String text = plain.render(new RunResult(base.info(), base.outcome(), series, base.checks(), base.thresholds(), base.intervals()));
        assertThat(text).containsPattern("\n    http_req_duration\\.+: avg=[^\n]+\n      \\{expected_response:true\\}\\.+: avg=2ms +min=1ms ");
        // negative control: without the tag (as in an older summary) there is no such row
        assertThat(plain.render(base)).doesNotContain("expected_response");
    }

    @Test
    void printsK6sCheckTotalsAboveTheChecks() {
        String text = plain.render(SampleResults.checkoutRun(RunOutcome.COMPLETED));
        assertThat(text).contains("""
                    checks_total.......: 400    13.33/s
                    checks_succeeded...: 96.25% 385 out of 400
                    checks_failed......: 3.75%  15 out of 400
                """);
        assertThat(plain.render(SampleResults.emptyRun(RunOutcome.COMPLETED))).doesNotContain("checks_total");
    }

    @Test
    void alignsTheDottedNameColumn() {
        String text = plain.render(SampleResults.checkoutRun(RunOutcome.COMPLETED));
        String metrics = text.substring(text.indexOf("█ METRICS"), text.indexOf("█ ENDPOINTS"));
        List<String> metricLines = Arrays.stream(metrics.split("\n")).filter(l -> l.matches("^ {4,6}[a-z{].*\\.\\.+: .*")).toList();
        assertThat(metricLines).hasSizeGreaterThan(10);
        assertThat(metricLines).extracting(l -> l.indexOf(": ")).containsOnly(metricLines.get(0).indexOf(": "));
        assertThat(line(text, "http_req_duration...")).startsWith("    http_req_duration..............: avg=1.08ms ");
        assertThat(line(text, "  {name:/login}.")).startsWith("      {name:/login}................: avg=1.05ms ");
    }

    @Test
    void formatsTrendsCountersRatesAndGauges() {
        String text = plain.render(SampleResults.checkoutRun(RunOutcome.COMPLETED));
        assertThat(squeezed(line(text, "http_req_blocked.")))
                .isEqualTo("http_req_blocked...............: avg=13.43ms min=2µs med=4µs max=80.06ms p(90)=80.06ms p(95)=80.06ms p(99)=80.06ms");
        assertThat(squeezed(line(text, "iteration_duration.")))
                .startsWith("iteration_duration.............: avg=1.9s min=1.5s med=1.6s max=2.4s");
        assertThat(squeezed(line(text, "http_reqs."))).endsWith(": 300 10/s");
        assertThat(squeezed(line(text, "http_req_failed."))).endsWith(": 1.67% 5/300");
        assertThat(squeezed(line(text, "vus."))).endsWith(": 0 min=0 max=30");
        assertThat(squeezed(line(text, "data_received."))).endsWith(": 118 kB 3.9 kB/s");
        assertThat(squeezed(line(text, "cart_size."))).startsWith("cart_size......................: avg=3.25 min=1 med=2 max=7");
        assertThat(text).doesNotContain("    checks.");
    }

    @Test
    void showsChecksWithPassRateAndCountsPerGroup() {
        String text = plain.render(SampleResults.checkoutRun(RunOutcome.COMPLETED));
        assertThat(text).contains("  █ CHECKS  96.25% passed (385 of 400)\n")
                .contains("    ✓ logged in  100.00%  ✓ 100  ✗ 0\n")
                .contains("    ✗ listed      92.50%  ✓ 185  ✗ 15\n")
                .contains("    group checkout\n      ✓ paid     100.00%  ✓ 100  ✗ 0\n");
    }

    @Test
    void saysProminentlyThatAnInterruptedRunHasPartialResults() {
        String text = plain.render(SampleResults.checkoutRun(RunOutcome.INTERRUPTED));
        List<String> lines = Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
        assertThat(lines.get(0)).isEqualTo("  ▌ run interrupted — partial results");
        assertThat(lines.get(1)).isEqualTo("  ▌ Stopped by the user after 30s; the numbers cover only that time.");
        assertThat(text).contains("    outcome....: interrupted (partial results)\n");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("  ✗ run interrupted — partial results");
    }

    @Test
    void namesTheReasonForOtherPartialRuns() {
        assertThat(plain.render(SampleResults.checkoutRun(RunOutcome.ABORTED_BY_THRESHOLD)))
                .contains("  ▌ run aborted by a threshold — partial results\n");
        assertThat(plain.render(SampleResults.checkoutRun(RunOutcome.MAX_DURATION_REACHED)))
                .contains("  ▌ run stopped at its max duration — partial results\n");
        assertThat(plain.render(SampleResults.checkoutRun(RunOutcome.COMPLETED))).doesNotContain("partial results");
    }

    @Test
    void handlesARunWithoutAnySample() {
        String text = plain.render(SampleResults.emptyRun(RunOutcome.COMPLETED));
        assertThat(text).contains("  █ RUN  nothing\n")
                .contains("    duration...: 1.2s\n")
                .contains("    no samples were recorded: no iteration ran, or none recorded a metric\n")
                .contains("  █ ENDPOINTS\n\n    no HTTP requests were made\n")
                .contains("    ✓ 'p(95)<500' p(95)=0 (no data")
                .contains("  ✓ all 1 threshold held\n")
                .doesNotContain("CHECKS");
    }

    @Test
    void colourIsOnlyAddedWhenAskedForAndChangesNothingElse() {
        RunResult result = SampleResults.checkoutRun(RunOutcome.INTERRUPTED);
        String coloured = new ConsoleSummary(true).render(result);
        String uncoloured = plain.render(result);

        assertThat(uncoloured).doesNotContain("\u001b");
        assertThat(coloured).contains("\u001b[1;31m▌ run interrupted — partial results\u001b[0m")
                .contains("\u001b[32m✓\u001b[0m").contains("\u001b[31m✗\u001b[0m");
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(uncoloured);
    }

    @Test
    void printsToAPrintStreamAndAnAppendable() throws Exception {
        RunResult result = SampleResults.smallRun();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        plain.print(result, new PrintStream(bytes, false, StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        plain.print(result, sb);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(sb.toString()).isEqualTo(plain.render(result));
    }

    @Test
    void showsThresholdSelectorsAsExactlyMergedSubRows() {
        RunResult base = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        RunResult result = new RunResult(base.info(), base.outcome(), base.series(), base.checks(), List.of(
                new ThresholdResult(ThresholdSpec.of("http_req_failed{name:/products}", "rate<0.05"), new ThresholdVerdict.Held(0.01)),
                new ThresholdResult(ThresholdSpec.of("http_req_duration{method:GET}", "p(99)<2"), new ThresholdVerdict.Held(1.198))),
                base.intervals());
        String text = plain.render(result);
        assertThat(squeezed(line(text, "  {name:/products}."))).endsWith(": 1.00% 2/200");
        // GET covers both /products series: 200 values 1.001..1.200 ms, merged through their histograms.
        assertThat(squeezed(line(text, "  {method:GET}.")))
                .endsWith(": avg=1.1ms min=1ms med=1.1ms max=1.2ms p(90)=1.18ms p(95)=1.19ms p(99)=1.2ms");
        assertThat(squeezed(line(text, "'rate<0.05'"))).isEqualTo("✓ 'rate<0.05' rate=1.00%");
    }

    @Test
    void listsEndpointsThatOnlyFailedWithoutLatencies() {
        RunResult base = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        List<SeriesResult> series = new java.util.ArrayList<>(base.series());
        series.add(new SeriesResult(BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT,
                Tags.of("method", "GET", "url", "http://127.0.0.1:1/down", "error_code", "1212"), new RateStats(4, 0)));
        RunResult result = new RunResult(base.info(), base.outcome(), series, base.checks(), base.thresholds(), base.intervals());

        EndpointSummary down = EndpointSummary.of(result).get(2);
        assertThat(down.name()).isEqualTo("http://127.0.0.1:1/down");
        assertThat(down.count()).isEqualTo(4);
        assertThat(down.p95Millis()).isNaN();
        assertThat(down.errorRate()).isEqualTo(1.0);
        assertThat(squeezed(line(plain.render(result), "/down"))).isEqualTo("http://127.0.0.1:1/down GET 4 0.13 - - - - 100.00%");
    }

    @Test
    void saysHowManyRequestsWentOverHttp2AndTheStreamsEachConnectionCarriedOnlyWhenAnyDid() {
        RunResult base = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        // Control: an HTTP/1.1 run's summary has no proto line.
        assertThat(plain.render(base)).doesNotContain("proto:");
        double before = base.series().stream().filter(s -> s.metric().equals(BuiltinMetrics.HTTP_REQS) && s.tags().isEmpty())
                .mapToDouble(s -> ((io.headroom.core.metric.SeriesStats.CounterStats) s.stats()).count()).sum();
        List<SeriesResult> series = new java.util.ArrayList<>();
        for (SeriesResult s : base.series()) {
            // The untagged totals grow by what is added below, as the registry would count them.
            if (s.tags().isEmpty() && s.metric().equals(BuiltinMetrics.HTTP_REQS)) {
                series.add(new SeriesResult(s.metric(), s.kind(), s.valueType(), s.tags(),
                        new io.headroom.core.metric.SeriesStats.CounterStats(before + 300, 1)));
            } else {
                series.add(s);
            }
        }
        Tags h2 = Tags.of("method", "GET", "name", "/h2", "proto", "HTTP/2.0", "status", "200");
        series.add(new SeriesResult(BuiltinMetrics.HTTP_REQS, MetricKind.COUNTER, ValueType.DEFAULT, h2,
                new io.headroom.core.metric.SeriesStats.CounterStats(300, 10)));
        series.add(new SeriesResult(BuiltinMetrics.HTTP2_CONNECTIONS, MetricKind.COUNTER, ValueType.DEFAULT, Tags.empty(),
                new io.headroom.core.metric.SeriesStats.CounterStats(4, 0.1)));
        series.add(new SeriesResult(BuiltinMetrics.HTTP2_CONNECTIONS, MetricKind.COUNTER, ValueType.DEFAULT, h2,
                new io.headroom.core.metric.SeriesStats.CounterStats(4, 0.1)));
        RunResult result = new RunResult(base.info(), base.outcome(), series, base.checks(), base.thresholds(), base.intervals());
        assertThat(squeezed(line(plain.render(result), "proto:"))).isEqualTo("proto: HTTP/2.0 for 300 of "
                + Units.number(before + 300, 0) + " requests, 75 streams per HTTP/2 connection (4 opened)");
    }

    @Test
    void toleratesAResultWithoutStartTimeOrDuration() {
        RunResult base = SampleResults.checkoutRun(RunOutcome.INTERRUPTED);
        RunInfo info = new RunInfo("x", null, null, base.info().scenarios(), Map.of());
        RunResult result = new RunResult(info, base.outcome(), base.series(), base.checks(), base.thresholds(), base.intervals());
        String text = plain.render(result);
        assertThat(text).contains("    started....: -\n    duration...: -\n").contains("Stopped by the user after -;");
        assertThat(squeezed(line(text, "/products"))).startsWith("/products GET 200 - ");
    }

    private static String line(String text, String containing) {
        return Arrays.stream(text.split("\n")).filter(l -> l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line contains " + containing + " in\n" + text));
    }

    private static String squeezed(String line) {
        return line.strip().replaceAll(" +", " ");
    }
}
