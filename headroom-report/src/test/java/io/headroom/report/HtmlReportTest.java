package io.headroom.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.metric.CheckResult;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"headroom-data\">(.*?)</script>", Pattern.DOTALL);
    static final String HOSTILE = "</script><script>alert(1)</script>";

    @Test
    void showsVerdictKeyNumbersThresholdsWithActualValuesAndEndpoints() {
        String html = HtmlReport.render(SampleResults.checkoutRun(RunOutcome.COMPLETED));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Headroom report: checkout-load</title>");
        assertThat(html).contains("class=\"verdict fail\"", "✗ 1 of 5 thresholds crossed");
        assertThat(html).contains("<code>http_req_failed</code></td><td><code>rate&lt;0.01</code></td><td>rate=1.67%");
        assertThat(html).contains("p(95)=1.19ms", "no data — no sample matched");
        assertThat(html).contains("<div class=\"value\">300</div><div class=\"label\">requests</div>");
        assertThat(html).contains("<td class=\"name\">/login</td><td>POST</td>");
        assertThat(html).contains("id=\"chart-load\"", "id=\"chart-latency\"", "id=\"chart-errors\"", "id=\"chart-spectrum\"");
        assertThat(html).contains("<p class=\"empty\" id=\"no-findings\">No findings.</p>");
        assertThat(html).doesNotContain("partial results");
        // Sections in the order the issue lists them.
        assertThat(html).containsSubsequence("id=\"verdict\"", "id=\"key-numbers\"", "id=\"thresholds\"", "id=\"charts\"",
                "id=\"endpoints\"", "id=\"checks\"", "id=\"errors\"", "id=\"generator\"", "id=\"findings\"");
    }

    @Test
    void partialRunIsFlaggedInTheBanner() {
        String html = HtmlReport.render(SampleResults.checkoutRun(RunOutcome.INTERRUPTED));
        assertThat(html).contains("<div class=\"warning\">⚠ run interrupted — partial results: the numbers cover only the 30s that ran.</div>");
        // a summary without the self-check cannot say why: the drop is reported without blaming the generator
        assertThat(html).contains("2 iterations were dropped: the target saw less load than planned").doesNotContain("generator could not");
    }

    @Test
    void isSelfContainedWithoutAnyNetworkReference() {
        String html = HtmlReport.render(SampleResults.checkoutRun(RunOutcome.COMPLETED));
        assertThat(html).doesNotContainPattern("(?i)<script[^>]+src=").doesNotContainPattern("(?i)<link")
                .doesNotContainPattern("(?i)url\\(\\s*['\"]?(https?:)?//").doesNotContainPattern("(?i)@import");
        assertThat(html).contains("uPlot", ".uplot", "The MIT License", "Leon Sorokin");
    }

    @Test
    void chartDataHoldsPerSecondSeriesAndTheSpectrum() throws Exception {
        JsonNode data = chartData(HtmlReport.render(SampleResults.checkoutRun(RunOutcome.COMPLETED)));
        assertThat(data.get("seconds").toString()).isEqualTo("[1.0,2.0,3.0]");
        assertThat(data.get("rps").toString()).isEqualTo("[10.0,12.0,0.0]");
        assertThat(data.get("vus").toString()).isEqualTo("[10.0,20.0,20.0]");
        assertThat(data.get("p95").toString()).isEqualTo("[1.09,1.15,null]");
        assertThat(data.get("errorsByCode").get(0).get("code").asText()).isEqualTo("failed");
        assertThat(data.get("errorsByCode").get(0).get("values").toString()).isEqualTo("[0.0,1.0,0.0]");
        assertThat(data.get("scheduleLagP95").toString()).isEqualTo("[null,null,null]");
        assertThat(data.get("dropped").toString()).isEqualTo("[0.0,0.0,0.0]");
        JsonNode x = data.get("spectrum").get("x");
        JsonNode y = data.get("spectrum").get("y");
        assertThat(x.size()).isGreaterThan(10).isEqualTo(y.size());
        for (int i = 1; i < x.size(); i++) {
            assertThat(x.get(i).asDouble()).isGreaterThanOrEqualTo(x.get(i - 1).asDouble());
            assertThat(y.get(i).asDouble()).isGreaterThanOrEqualTo(y.get(i - 1).asDouble());
        }
        // 300 samples from 1.001 to 1.2 ms: the spectrum spans that range.
        assertThat(y.get(0).asDouble()).isBetween(1.0, 1.01);
        assertThat(y.get(y.size() - 1).asDouble()).isBetween(1.19, 1.21);
    }

    @Test
    void findingsAreListedEscaped() {
        String html = HtmlReport.render(SampleResults.checkoutRun(RunOutcome.COMPLETED), List.of(
                new ReportFinding(io.headroom.analysis.diagnose.Severity.WARNING, "p99 <b>grew</b>", "from 1ms & more")));
        assertThat(html).contains("<li class=\"warning\"><b>p99 &lt;b&gt;grew&lt;/b&gt;</b><p>from 1ms &amp; more</p></li>")
                .doesNotContain("No findings.");
    }

    @Test
    void hostileNamesFromTheTargetAndThePlanStayInertText() throws Exception {
        RunResult hostile = hostileRun();
        String html = HtmlReport.render(hostile);

        // Exactly the page's own three script elements, none of them the injected one.
        assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(3);
        assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("<img src=x");
        assertThat(html).contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
        // The JSON block cannot be closed early, and reads back the same strings.
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).isTrue();
        String block = m.group(1);
        assertThat(block).doesNotContain("<", ">", "&", "\u2028", "\u2029");
        JsonNode data = JSON.readTree(block);
        assertThat(data.get("errorsByCode").get(0).get("code").asText()).isEqualTo("HTTP " + HOSTILE + "\u2028");
    }

    @Test
    void hostileRunPageMatchesTheGoldenFile() throws Exception {
        // The page without the inlined library, styles and script (they have their own tests): every place
        // where text from the target or the plan lands, escaped, reviewed once and kept.
        String page = HtmlReport.render(hostileRun())
                .replaceAll("(?s)<style>.*?</style>", "<style>…</style>")
                .replaceAll("(?s)<script>\n.*?\n</script>", "<script>…</script>");
        Golden.assertMatches("hostile-report.html", page);
    }

    @Test
    void redactsSecretsInMetadataAndEndpointNames() {
        RunResult base = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        List<SeriesResult> series = new ArrayList<>(base.series());
        series.add(new SeriesResult(BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT,
                Tags.of("name", "https://alice:hunter2@shop.example/x", "method", "GET"), new RateStats(0, 1)));
        RunInfo info = new RunInfo("r", base.info().startedAt(), base.info().duration(), base.info().scenarios(),
                Map.of("note", "Authorization: Bearer s3cr3t-token"));
        String html = HtmlReport.render(new RunResult(info, base.outcome(), series, base.checks(), base.thresholds(),
                base.intervals()));
        assertThat(html).doesNotContain("s3cr3t", "hunter2")
                .contains("Authorization: [REDACTED]", "https://[REDACTED]@shop.example/x");
    }

    @Test
    void exemplarsLinkThroughAnHttpTemplateOnlyAndEscapeIt() {
        RunResult base = JsonSummaryTest.withExemplars(SampleResults.smallRun());
        String plain = HtmlReport.render(base);
        assertThat(plain).contains("id=\"exemplar-table\"", "<code>4bf92f3577b34da6a3ce929d0e0e4736</code>", "412.25ms")
                .doesNotContain("href=\"http");

        String linked = HtmlReport.render(withMetadata(base, "http://jaeger.local:16686/trace/{traceId}?x=\"><script>"));
        assertThat(linked).contains("<a href=\"http://jaeger.local:16686/trace/4bf92f3577b34da6a3ce929d0e0e4736?x=&quot;&gt;&lt;script&gt;\"")
                .doesNotContain("?x=\"><script>");
        // A summary is input: a template that is not an http(s) URL makes no link.
        assertThat(HtmlReport.render(withMetadata(base, "javascript:alert('{traceId}')"))).doesNotContain("href=\"javascript")
                .contains("<code>4bf92f3577b34da6a3ce929d0e0e4736</code>");
        assertThat(HtmlReport.render(SampleResults.smallRun())).doesNotContain("exemplar-table");
    }

    private static RunResult withMetadata(RunResult r, String template) {
        Map<String, String> metadata = new java.util.LinkedHashMap<>(r.info().metadata());
        metadata.put(io.headroom.core.metric.Exemplar.LINK_TEMPLATE_METADATA, template);
        RunInfo info = new RunInfo(r.info().name(), r.info().startedAt(), r.info().duration(), r.info().scenarios(), metadata);
        return new RunResult(info, r.outcome(), r.series(), r.checks(), r.thresholds(), r.intervals(), r.generatorHealth(),
                r.errorSamples(), r.exemplars(), List.of());
    }

    static RunResult hostileRun() {
        RunResult base = SampleResults.smallRun();
        Tags tags = Tags.of("name", HOSTILE, "method", "GET<img src=x onerror=alert(2)>", "status", HOSTILE + "\u2028");
        List<SeriesResult> series = new ArrayList<>(base.series());
        series.add(new SeriesResult(BuiltinMetrics.HTTP_REQ_FAILED, MetricKind.RATE, ValueType.DEFAULT, tags, new RateStats(1, 0)));
        List<IntervalPoint> intervals = new ArrayList<>(base.intervals());
        intervals.add(new IntervalPoint(3_000, List.of(new IntervalPoint.Series(BuiltinMetrics.HTTP_REQ_FAILED,
                MetricKind.RATE, tags, 1, 1, 0, 0, 0, 0, 0, 0))));
        RunInfo info = new RunInfo(HOSTILE, base.info().startedAt(), base.info().duration(),
                List.of(new RunInfo.ScenarioInfo(HOSTILE, "constant-vus", false, 1, 1, 0)), Map.of(HOSTILE, HOSTILE));
        return new RunResult(info, base.outcome(), series,
                List.of(new CheckResult(HOSTILE, "::" + HOSTILE, 1, 1)),
                List.of(new ThresholdResult(ThresholdSpec.of("http_req_duration{name:" + HOSTILE + "}", "p(95)<1"),
                        new ThresholdVerdict.Crossed(3))),
                intervals);
    }

    static JsonNode chartData(String html) throws Exception {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).isTrue();
        return JSON.readTree(m.group(1));
    }
}
